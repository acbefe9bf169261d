//! `exempelbank`: the command line, an adapter over [`library::Library`].
//!
//! Errors go to stderr with exit code 1 (bad input, anything the user can correct) or 2
//! (usage). With `--json`, results are printed in the exchange shapes of DESIGN.md.

use std::io::{IsTerminal, Read};
use std::process::ExitCode;

mod args;
mod print;
mod subscribe;

use clap::Parser;
use library::{Contents, Library, default_dir};
use model::error::{Error, Result};
use model::query::{SearchRequest, SortOrder};
use model::taxonomy::ReferenceData;

use args::{AccountAction, BundleAction, Cli, Command, ImportArgs, SearchArgs, TaxonomyAction};
use print::{finish_write, print_entry, print_json, terminal_text};

/// mimalloc rather than the system's allocator: a search allocates and frees its bit sets and
/// score arrays on several threads, and glibc's spent about an eighth of a search's time
/// (BENCHMARKS.md, session 15).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    // Output into a pipe that closed (`exempelbank list --json | head`) ends the program
    // quietly, as it does any other command-line tool, instead of a panic on the next print.
    #[cfg(unix)]
    // SAFETY: before any thread starts, setting SIGPIPE back to its default disposition.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    let cli = Cli::parse();
    let json = cli.json;
    match run(cli) {
        Ok(code) => code,
        Err(err) => {
            if json {
                let body = serde_json::json!({ "error": err });
                eprintln!("{body}");
            } else {
                eprintln!("fel: {}", err.message);
            }
            ExitCode::from(1)
        }
    }
}

fn read_input(file: &str) -> Result<String> {
    let bytes = read_bounded(file)?;
    String::from_utf8(bytes).map_err(|e| {
        Error::invalid(format!(
            "{file}: inte giltig UTF-8 (byte {})",
            e.utf8_error().valid_up_to()
        ))
    })
}

/// The bytes of a file (or standard in for `-`), refusing more than an import reads before
/// they are all in memory.
fn read_bounded(file: &str) -> Result<Vec<u8>> {
    let limit = library::import::MAX_IMPORT_BYTES as u64;
    let mut bytes = Vec::new();
    let read = if file == "-" {
        std::io::stdin().take(limit + 1).read_to_end(&mut bytes)
    } else {
        std::fs::File::open(file).and_then(|f| f.take(limit + 1).read_to_end(&mut bytes))
    };
    read.map_err(|e| Error::invalid(format!("kunde inte läsa {file}: {e}")))?;
    if bytes.len() as u64 > limit {
        return Err(Error::invalid(format!(
            "{file}: filen är större än {} MB, det mesta som läses in",
            limit / (1024 * 1024)
        )));
    }
    Ok(bytes)
}

fn run(cli: Cli) -> Result<ExitCode> {
    if let Command::Schema = cli.command {
        print!("{}", model::schema::entry_schema_text());
        return Ok(ExitCode::SUCCESS);
    }
    if let Command::ExtractPdfText { file } = &cli.command {
        return Ok(library::attachments::extract_child_main(file));
    }
    let dir = cli.library.unwrap_or_else(default_dir);
    if let Command::Init { empty } = cli.command {
        let contents = if empty {
            Contents::Empty
        } else {
            Contents::Starter
        };
        let lib = Library::create(&dir, contents)?;
        let info = lib.info()?;
        println!(
            "Skapade ett bibliotek med {} poster i {}",
            info.entries, info.dir
        );
        return Ok(ExitCode::SUCCESS);
    }
    let mut lib = Library::open(&dir)?;
    for warning in lib.warnings() {
        eprintln!("varning: {warning}");
    }
    let json = cli.json;
    match cli.command {
        Command::Init { .. } | Command::Schema => unreachable!("handled above"),
        Command::List { status } => {
            let list = lib.list(status)?;
            if json {
                print_json(&list);
            } else {
                for e in list {
                    println!(
                        "{:<50} {:<12} {:<10} {}",
                        e.id,
                        e.kind.slug(),
                        e.status.slug(),
                        e.title
                    );
                }
            }
        }
        Command::Show { id } => {
            let entry = lib.get(&id)?;
            if json {
                print_json(&entry);
            } else {
                print_entry(&entry);
            }
        }
        Command::Search(args) => search(&lib, args, json)?,
        Command::Similar { id, limit } => {
            let hits = lib.similar(&id, limit)?;
            if json {
                print_json(&hits);
            } else if hits.is_empty() {
                println!("Inga liknande exempel.");
            } else {
                println!("Liknande exempel:");
                print_hits(&hits);
            }
        }
        Command::Add { file, dry_run } => {
            let report = lib.add_report(&read_input(&file)?, dry_run)?;
            if finish_write(&report, json) {
                return Ok(ExitCode::from(1));
            }
        }
        Command::Edit { id, file } => {
            let entry = lib.edit_json(&id, &read_input(&file)?)?;
            println!("Sparade {} som revision {}", entry.id, entry.revision);
        }
        Command::History { id } => {
            let history = lib.history(&id)?;
            if json {
                print_json(&history);
            } else {
                for r in history {
                    println!(
                        "{:>4}  {}  {:<12} {:<10} {}",
                        r.revision,
                        r.at,
                        r.by,
                        r.status.slug(),
                        r.comment
                    );
                }
            }
        }
        Command::Restore { id, revision } => {
            let entry = lib.restore(&id, revision)?;
            println!(
                "Återställde {} till innehållet i revision {revision} (ny revision {})",
                entry.id, entry.revision
            );
        }
        Command::Status {
            id,
            status,
            comment,
        } => {
            let entry = lib.set_status(&id, status, &comment)?;
            println!(
                "{} har nu status {} (revision {})",
                entry.id,
                entry.status.slug(),
                entry.revision
            );
        }
        Command::Delete { id } => {
            let entry = lib.delete(&id)?;
            println!("Flyttade {} till papperskorgen", entry.id);
        }
        Command::Trash {
            empty: true, yes, ..
        } => {
            let n = lib.trash()?.len();
            if n == 0 {
                println!("Papperskorgen är redan tom.");
            } else if !yes {
                eprintln!(
                    "fel: att tömma papperskorgen raderar {n} poster för alltid, med all deras \
                     historik; kör igen med --yes om du är säker"
                );
                return Ok(ExitCode::from(2));
            } else {
                let n = lib.empty_trash()?;
                println!("Tömde papperskorgen: {n} poster raderade.");
            }
        }
        Command::Trash { .. } => {
            let trash = lib.trash()?;
            if json {
                print_json(&trash);
            } else if trash.is_empty() {
                println!("Papperskorgen är tom.");
            } else {
                for t in trash {
                    println!("{:<50} {}  {}", t.id, t.deleted_at, t.title);
                }
            }
        }
        Command::Undelete { id } => {
            let entry = lib.undelete(&id)?;
            println!("Hämtade tillbaka {}", entry.id);
        }
        Command::Diff { id, from, to } => {
            let changes = lib.diff(&id, from, to)?;
            if json {
                print_json(&changes);
            } else if changes.is_empty() {
                println!("Revision {from} och {to} har samma innehåll.");
            } else {
                for change in changes {
                    println!("## {}", change.label);
                    for line in change.before.lines() {
                        println!("- {line}");
                    }
                    for line in change.after.lines() {
                        println!("+ {line}");
                    }
                    println!();
                }
            }
        }
        Command::Note { id, text, clear } => {
            if clear {
                lib.set_note(&id, "")?;
                println!("Tog bort anteckningen.");
            } else if let Some(text) = text {
                lib.set_note(&id, &text)?;
                println!("Sparade anteckningen.");
            } else {
                let note = lib.note(&id)?;
                if !note.text.is_empty() {
                    println!("{}", note.text);
                }
            }
        }
        Command::Import(args) => return import(&mut lib, *args, json),
        Command::Taxonomy { action } => {
            match action {
                None => {}
                Some(TaxonomyAction::Add { name, description }) => {
                    let area = lib.add_focus_area(&name, &description)?;
                    println!("La till fokusområdet {} ({})", area.name, area.slug);
                }
                Some(TaxonomyAction::Rename { slug, name }) => {
                    let area = lib.rename_focus_area(&slug, &name)?;
                    println!("Fokusområdet heter nu {} ({})", area.name, area.slug);
                }
                Some(TaxonomyAction::Merge { from, into }) => {
                    let area = lib.merge_focus_areas(&from, &into)?;
                    println!("Slog ihop {from} med {} ({})", area.name, area.slug);
                }
            }
            for area in lib.taxonomy()?.focus_areas {
                println!("{:<40} {}", area.slug, area.name);
            }
        }
        Command::ErasePerson { name, yes } => {
            if !yes {
                eprintln!(
                    "fel: att radera \"{name}\" tar bort personens kontaktuppgifter och namn ur \
                     alla poster, all historik, alla anteckningar och alla säkerhetskopior, och \
                     kan inte ångras; kör igen med --yes om du är säker"
                );
                return Ok(ExitCode::from(2));
            }
            let report = lib.erase_person(&name)?;
            println!(
                "Raderade personen ur {} poster och {} revisioner, {} andra texter \
                 (anteckningar, bilagornas text, sparade sökningar, listor, inkommande \
                 versioner) och {} säkerhetskopior. Biblioteket minns raderingen: senare \
                 importer och paket tar inte med personens kontaktuppgifter.",
                report.library.entries,
                report.library.revisions,
                report.library.other,
                report.backups.len()
            );
        }
        Command::Attach { id, file, licence } => {
            let (entry, attachment) = lib.attach(&id, &file, &licence)?;
            println!(
                "Bifogade {} ({} byte) till {} (revision {})",
                attachment.name, attachment.size, entry.id, entry.revision
            );
        }
        Command::Detach { id, name } => {
            let entry = lib.detach(&id, &name)?;
            println!(
                "Tog bort bilagan {name} från {} (revision {})",
                entry.id, entry.revision
            );
        }
        Command::User { name } => {
            if let Some(name) = name {
                lib.save_user(&name)?;
            }
            println!("{}", lib.user());
        }
        Command::Export {
            ids,
            format,
            out,
            brief,
            no_contacts,
            title,
            columns,
        } => {
            let options = library::export::ExportOptions {
                format,
                brief,
                no_contacts,
                title,
                columns,
            };
            let bytes = lib.export_to(&ids, &options, &out)?;
            println!("Skrev {} ({bytes} byte)", out.display());
        }
        Command::Bundle { action } => match action {
            BundleAction::Create { out, key, filters } => {
                let req = search_request(&lib, *filters)?;
                let uids = lib.select(&req)?;
                let key = key
                    .map(|k| library::bundle::BundleKey::read(&k))
                    .transpose()?;
                let summary = lib.bundle_create(&uids, key, &out)?;
                println!(
                    "Skrev {}: {} poster, {} bilagor, {} byte, signerat av {} ({}…)",
                    out.display(),
                    summary.entries,
                    summary.attachments,
                    summary.bytes,
                    summary.signer,
                    &summary.public_key[..16]
                );
                if summary.missing_attachments > 0 {
                    println!(
                        "Obs: {} bilagor saknas i biblioteket och kom inte med.",
                        summary.missing_attachments
                    );
                }
            }
            BundleAction::Publish { dir } => subscribe::publish(&mut lib, &dir, json)?,
            BundleAction::Import {
                file,
                dry_run,
                trust,
            } => {
                let report = lib.bundle_import(&file, dry_run, trust)?;
                if finish_write(&report, json) {
                    return Ok(ExitCode::from(1));
                }
            }
            BundleAction::Incoming { action, id } => match (action.as_deref(), id) {
                (None, _) => {
                    let review = lib.incoming_review()?;
                    if json {
                        print_json(&review);
                    } else if review.is_empty() {
                        println!("Inga inkommande versioner väntar.");
                    } else {
                        for item in review {
                            let fields: Vec<&str> =
                                item.changes.iter().map(|c| c.label.as_str()).collect();
                            let from = if item.source.is_empty() {
                                "paketet".to_owned()
                            } else {
                                item.source.clone()
                            };
                            println!(
                                "{}  (revision {} från {from}) ändrar: {}",
                                item.id,
                                item.origin_revision,
                                fields.join(", ")
                            );
                        }
                    }
                }
                (Some("accept"), Some(id)) => {
                    let entry = lib.accept_incoming(&id)?;
                    println!(
                        "Godtog den inkommande versionen av {} (revision {})",
                        entry.id, entry.revision
                    );
                }
                (Some(_), Some(id)) => {
                    lib.discard_incoming(&id)?;
                    println!("Behöll den lokala versionen av {id}");
                }
                (Some(action), None) => {
                    return Err(Error::invalid(format!(
                        "bundle incoming {action}: ange ett id"
                    )));
                }
            },
            BundleAction::Keygen { file, name } => {
                let key = library::bundle::BundleKey::generate(&name)?;
                key.write(&file)?;
                println!(
                    "Skrev nyckeln \"{name}\" till {} (offentlig nyckel {})",
                    file.display(),
                    key.public_hex()
                );
            }
        },
        Command::ExtractPdfText { .. } => unreachable!("handled above"),
        Command::Check => {
            let report = lib.check()?;
            if json {
                print_json(&report);
            } else if report.problems.is_empty() {
                println!(
                    "Biblioteket är i ordning: {} poster, {} i sökindexet.",
                    report.entries, report.indexed
                );
            } else {
                for p in &report.problems {
                    println!("problem: {p}");
                }
            }
            if !report.problems.is_empty() {
                return Ok(ExitCode::from(1));
            }
        }
        Command::Serve {
            addr,
            write,
            team,
            public,
            tls_cert,
            tls_key,
            behind_proxy,
        } => {
            let shown = lib.dir().display().to_string();
            let mode = match (write, team) {
                (true, _) => serve::Mode::Owner,
                (false, true) => serve::Mode::Team { public },
                (false, false) => serve::Mode::Reader,
            };
            let tls = tls_cert
                .zip(tls_key)
                .map(|(cert, key)| serve::Tls { cert, key });
            let options = serve::Options {
                tls,
                behind_proxy,
                ..serve::Options::new(addr, mode)
            };
            serve::serve(lib, options, |started| {
                let mode = match mode {
                    serve::Mode::Owner => "skrivbart för dig, med token",
                    serve::Mode::Team { public: true } => {
                        "gemensamt med inloggning, publicerade poster öppna för alla"
                    }
                    serve::Mode::Team { public: false } => "gemensamt, bara med inloggning",
                    serve::Mode::Reader => "skrivskyddat",
                };
                println!(
                    "Exempelbanken på {} ({mode}, bibliotek {shown})",
                    started.url
                );
                for warning in &started.warnings {
                    eprintln!("{warning}");
                }
                use std::io::Write;
                let _ = std::io::stdout().flush();
            })?;
        }
        Command::Account { action } => account(&mut lib, action, json)?,
        Command::Key { name } => subscribe::key(&mut lib, name.as_deref(), json)?,
        Command::Subscribe { action } => return subscribe::subscribe(lib, action, json),
        Command::Reindex => {
            let n = lib.reindex()?;
            println!("Byggde om sökindexet: {n} poster.");
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `exempelbank account …`: the accounts of a team library.
fn account(lib: &mut Library, action: AccountAction, json: bool) -> Result<()> {
    use model::account::Role;
    match action {
        AccountAction::Add {
            name,
            role,
            password_file,
        } => {
            let role = Role::parse(&role)?;
            let password = read_password(password_file.as_deref(), &name)?;
            let account = lib.add_account(&name, role, &password)?;
            println!(
                "Skapade kontot {} ({}).",
                account.name,
                account.role.as_str()
            );
        }
        AccountAction::List { json: as_json } => {
            let accounts = lib.accounts()?;
            if json || as_json {
                print_json(&accounts);
                return Ok(());
            }
            if accounts.is_empty() {
                println!(
                    "Inga konton. Skapa ett med `exempelbank account add NAMN --role redaktör`."
                );
            }
            for a in accounts {
                println!(
                    "{:<24} {:<10} {}{}",
                    a.name,
                    a.role.as_str(),
                    a.last_login
                        .map_or("aldrig inloggad".to_owned(), |t| format!(
                            "senast inloggad {t}"
                        )),
                    if a.disabled { " (avstängt)" } else { "" }
                );
            }
        }
        AccountAction::Role { name, role } => {
            let account = lib.set_account_role(&name, Role::parse(&role)?)?;
            println!("{} är nu {}.", account.name, account.role.as_str());
        }
        AccountAction::Disable { name } => {
            let account = lib.set_account_disabled(&name, true)?;
            println!("Stängde av {}; dess sessioner är avslutade.", account.name);
        }
        AccountAction::Enable { name } => {
            let account = lib.set_account_disabled(&name, false)?;
            println!("Slog på {} igen.", account.name);
        }
        AccountAction::ResetPassword {
            name,
            password_file,
        } => {
            let password = read_password(password_file.as_deref(), &name)?;
            lib.reset_password(&name, &password)?;
            println!("Nytt lösenord för {name}; dess sessioner är avslutade.");
        }
        AccountAction::Log {
            limit,
            json: as_json,
        } => {
            let events = lib.audit_log(limit as usize)?;
            if json || as_json {
                print_json(&events);
                return Ok(());
            }
            for e in events {
                println!(
                    "{}  {:<16} {:<24} {} {}",
                    e.at, e.event, e.actor, e.detail, e.address
                );
            }
        }
    }
    Ok(())
}

/// A new password: the first line of `file`, or typed at the terminal (twice, not shown),
/// or the first line of standard in when it is not a terminal.
fn read_password(file: Option<&std::path::Path>, name: &str) -> Result<String> {
    let first_line = |text: &str| text.lines().next().unwrap_or("").to_owned();
    if let Some(file) = file {
        let text = read_input(&file.to_string_lossy())?;
        return Ok(first_line(&text));
    }
    if !std::io::stdin().is_terminal() {
        let mut text = String::new();
        std::io::stdin()
            .take(model::account::MAX_PASSWORD_BYTES as u64 + 2)
            .read_to_string(&mut text)
            .map_err(|e| Error::invalid(format!("kunde inte läsa lösenordet: {e}")))?;
        return Ok(first_line(&text));
    }
    let ask = |prompt: &str| {
        rpassword::prompt_password(prompt)
            .map_err(|e| Error::invalid(format!("kunde inte läsa lösenordet: {e}")))
    };
    let password = ask(&format!("Lösenord för {name}: "))?;
    if ask("Samma lösenord igen: ")? != password {
        return Err(Error::invalid("lösenorden är inte lika; inget ändrades"));
    }
    Ok(password)
}

fn search(lib: &Library, args: SearchArgs, json: bool) -> Result<()> {
    let req = search_request(lib, args)?;
    let found = lib.search(&req)?;
    if json {
        print_json(&found);
        return Ok(());
    }
    let word = if found.total == 1 {
        "träff"
    } else {
        "träffar"
    };
    println!("{} {word}", found.total);
    if let Some(corrected) = &found.corrected {
        println!("Visar träffar för: {corrected}");
    }
    if let Some(suggestion) = &found.suggestion {
        println!("Menade du: {suggestion}?");
    }
    print_hits(&found.hits);
    Ok(())
}

/// Hits, numbered, each with its kind, id, language (when not Swedish) and snippet.
fn print_hits(hits: &[model::query::Hit]) {
    let bold = std::io::stdout().is_terminal();
    for (i, hit) in hits.iter().enumerate() {
        let language = if hit.language == model::Language::Sv {
            String::new()
        } else {
            format!(", {}", hit.language.label().to_lowercase())
        };
        println!(
            "{:>3}. {}  [{}, {}{language}]",
            i + 1,
            hit.title,
            hit.kind.slug(),
            hit.id
        );
        println!("     {}", terminal_text(&hit.snippet, bold));
        if let Some(file) = &hit.attachment {
            println!("     (i bilagan {file})");
        }
    }
}

/// `import`: a suggested mapping, or an import with its report and, with `--accept-valid`,
/// the rejects file beside the input.
fn import(lib: &mut Library, args: ImportArgs, json: bool) -> Result<ExitCode> {
    let name = args.file.display().to_string();
    let bytes = read_bounded(&name)?;
    if args.suggest_mapping {
        print!("{}", library::import::suggest_mapping(&name, &bytes)?);
        return Ok(ExitCode::SUCCESS);
    }
    let mapping = args
        .map
        .map(|m| -> Result<String> {
            if std::path::Path::new(&m).is_file() {
                read_input(&m)
            } else {
                Ok(m)
            }
        })
        .transpose()?;
    let options = library::commands::ImportArgs {
        name: name.clone(),
        bytes: Vec::new(),
        mapping,
        preset: args.preset,
        values: (!args.values.is_empty()).then(|| args.values.join("\n")),
        skip_unmapped: args.skip_unmapped,
        long_summary: args.long_summary,
        language: args.language,
        accept_valid: args.accept_valid,
        dry_run: args.dry_run,
    }
    .options()?;
    let mut report = lib.import(&name, &bytes, &options)?;
    let rejects = report.rejects_csv.take();
    if !report.skipped_columns.is_empty() && !json {
        println!(
            "Hoppade över {} som inget fält motsvarar: {}",
            if report.skipped_columns.len() == 1 {
                "kolumnen"
            } else {
                "kolumnerna"
            },
            report.skipped_columns.join(", ")
        );
    }
    let failed = finish_write(&report, json);
    if let Some(csv) = rejects {
        let path = rejects_path(&args.file);
        if args.dry_run {
            eprintln!(
                "{} rader skulle avvisas och skrivas till {}",
                report.totals.reject,
                path.display()
            );
        } else {
            std::fs::write(&path, csv).map_err(|e| Error::io(&path, e))?;
            eprintln!(
                "{} avvisade rader, med skäl, finns i {}: rätta dem och importera filen igen",
                report.totals.reject,
                path.display()
            );
        }
        return Ok(ExitCode::SUCCESS);
    }
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// `projekt.csv` → `projekt.avvisade.csv`, beside it.
fn rejects_path(input: &std::path::Path) -> std::path::PathBuf {
    let stem = input
        .file_stem()
        .map_or_else(|| "import".into(), |s| s.to_string_lossy().into_owned());
    input.with_file_name(format!("{stem}.avvisade.csv"))
}

/// The search a command's filters describe, with names of counties and municipalities
/// resolved to their codes.
fn search_request(lib: &Library, args: SearchArgs) -> Result<SearchRequest> {
    let reference = ReferenceData::get();
    let counties = |flag: &str, names: &[String]| {
        names
            .iter()
            .map(|r| {
                reference
                    .find_county(r)
                    .map(|c| c.code.clone())
                    .ok_or_else(|| Error::invalid(format!("{flag}: okänt län \"{r}\"")))
            })
            .collect::<Result<Vec<_>>>()
    };
    let lan = counties("--region", &args.region)?;
    let spread_to = counties("--spread-to", &args.spread_to)?;
    let municipality = args
        .municipality
        .iter()
        .map(|m| {
            reference
                .find_municipality(m)
                .map(|c| c.code.clone())
                .ok_or_else(|| Error::invalid(format!("--municipality: okänd kommun \"{m}\"")))
        })
        .collect::<Result<Vec<_>>>()?;
    let focus = lib.taxonomy()?.focus_areas;
    for f in &args.focus {
        if !focus.iter().any(|a| &a.slug == f) {
            let all: Vec<_> = focus.iter().map(|a| a.slug.as_str()).collect();
            return Err(Error::invalid(format!(
                "--focus: okänt fokusområde \"{f}\"; tillåtna: {}",
                all.join(", ")
            )));
        }
    }
    let country = args
        .country
        .iter()
        .map(|c| {
            reference
                .find_country(c)
                .map(|c| c.code.clone())
                .ok_or_else(|| {
                    Error::invalid(format!(
                        "--country: okänt land \"{c}\" (ISO-kod som FI, eller namnet)"
                    ))
                })
        })
        .collect::<Result<Vec<_>>>()?;
    let (year_from, year_to) = args.year.unwrap_or((None, None));
    let req = SearchRequest {
        query: args.query.clone(),
        focus: args.focus,
        lan,
        municipality,
        kind: args.kind,
        stage: args.stage,
        source: args.source,
        spread_to,
        spread_municipality: Vec::new(),
        language: args.language,
        country,
        min_uptakes: args.min_uptakes,
        year_from,
        year_to,
        limit: Some(args.limit),
        offset: None,
        all: args.all,
        prefix: false,
        sort: if args.newest {
            SortOrder::Newest
        } else if args.most_spread {
            SortOrder::Spread
        } else {
            SortOrder::Relevance
        },
    };
    Ok(req)
}
