//! `exempelbank`: the command line, an adapter over [`library::Library`].
//!
//! Errors go to stderr with exit code 1 (bad input, anything the user can correct) or 2
//! (usage). With `--json`, results are printed in the exchange shapes of DESIGN.md.

use std::io::{IsTerminal, Read};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use library::{Contents, Library, default_dir};
use model::error::{Error, Result};
use model::query::{SearchRequest, SortOrder};
use model::taxonomy::ReferenceData;
use model::{Kind, Stage, Status};
use serde::Serialize;

/// Exempelbanken: goda exempel på innovation i offentlig sektor.
#[derive(Parser)]
#[command(name = "exempelbank", version, about)]
struct Cli {
    /// Biblioteksmappen (annars EXEMPELBANK_LIBRARY eller programmets datamapp).
    #[arg(long, global = true, env = "EXEMPELBANK_LIBRARY", value_name = "DIR")]
    library: Option<PathBuf>,
    /// Skriv resultat och fel som JSON.
    #[arg(long, global = true)]
    json: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Skapa ett nytt bibliotek (med startbiblioteket om inte --empty).
    Init {
        #[arg(long)]
        empty: bool,
    },
    /// Lista posterna utanför papperskorgen.
    List {
        #[arg(long, value_parser = parse_status)]
        status: Option<Status>,
    },
    /// Visa en post.
    Show { id: String },
    /// Sök bland posterna.
    Search(SearchArgs),
    /// Lägg till en post (ett JSON-objekt) eller flera (en lista) från en fil eller -.
    Add { file: String },
    /// Ersätt en posts innehåll med en JSON-fil (eller -).
    Edit { id: String, file: String },
    /// Visa en posts revisioner.
    History { id: String },
    /// Återställ en post till innehållet i en äldre revision (som en ny revision).
    Restore { id: String, revision: u32 },
    /// Ändra en posts status: utkast, granskning, publicerad eller arkiverad.
    Status {
        id: String,
        #[arg(value_parser = parse_status)]
        status: Status,
        #[arg(long, default_value = "")]
        comment: String,
    },
    /// Flytta en post till papperskorgen.
    Delete { id: String },
    /// Lista papperskorgen, eller töm den (--empty --yes).
    Trash {
        /// Radera posterna i papperskorgen för alltid (kräver --yes).
        #[arg(long)]
        empty: bool,
        /// Bekräfta att papperskorgen töms.
        #[arg(long, requires = "empty")]
        yes: bool,
    },
    /// Visa skillnaderna mellan två revisioner av en post.
    Diff { id: String, from: u32, to: u32 },
    /// Visa (eller med TEXT sätt) din personliga anteckning om en post; --clear tar bort den.
    Note {
        id: String,
        text: Option<String>,
        #[arg(long, conflicts_with = "text")]
        clear: bool,
    },
    /// Importera poster från JSON, JSON Lines, CSV eller XLSX: allt eller inget.
    Import {
        file: PathBuf,
        /// Visa vad som skulle hända utan att skriva något.
        #[arg(long)]
        dry_run: bool,
        /// Kolumnmappning: "Kolumn=fält;Annan=-" eller en JSON-fil.
        #[arg(long, value_name = "MAPPING")]
        map: Option<String>,
    },
    /// Fokusområden: lista, lägg till, byt namn, slå ihop.
    Taxonomy {
        #[command(subcommand)]
        action: Option<TaxonomyAction>,
    },
    /// Radera en persons kontaktuppgifter ur alla poster, revisioner och säkerhetskopior
    /// (GDPR; kräver --yes).
    ErasePerson {
        name: String,
        #[arg(long)]
        yes: bool,
    },
    /// Bifoga en fil (PDF, DOCX, bild) till en post.
    Attach {
        id: String,
        file: PathBuf,
        /// Filens licens, till exempel CC BY 4.0.
        #[arg(long, default_value = "")]
        licence: String,
    },
    /// Ta bort en bilaga från en post (filen finns kvar i äldre revisioner).
    Detach { id: String, name: String },
    /// Visa eller ändra vem som står i historiken (sparas i biblioteket).
    User { name: Option<String> },
    /// Exportera poster: PDF (postkort eller sammanställning), Markdown, HTML, JSON, CSV, XLSX.
    Export {
        #[arg(required = true)]
        ids: Vec<String>,
        #[arg(long, value_parser = parse_format)]
        format: library::export::ExportFormat,
        #[arg(long)]
        out: PathBuf,
        /// En sammanställning med försättsblad och innehåll, även för en post.
        #[arg(long)]
        brief: bool,
        /// Utan kontaktuppgifter (personuppgifter).
        #[arg(long)]
        no_contacts: bool,
        /// Sammanställningens rubrik.
        #[arg(long)]
        title: Option<String>,
        /// Kolumner för CSV och XLSX, till exempel id,title,kind,municipalities.
        #[arg(long, value_delimiter = ',')]
        columns: Vec<String>,
    },
    /// Paket: skapa, importera, nycklar.
    Bundle {
        #[command(subcommand)]
        action: BundleAction,
    },
    /// Inre kommando: extrahera texten ur en PDF (körs som barnprocess).
    #[command(hide = true, name = "extract-pdf-text")]
    ExtractPdfText { file: PathBuf },
    /// Hämta tillbaka en post från papperskorgen.
    Undelete { id: String },
    /// Kontrollera databasen och sökindexet.
    Check,
    /// Bygg om sökindexet från databasen.
    Reindex,
    /// Skriv ut JSON Schema för utbytesformatet (en post).
    Schema,
    /// Visa biblioteket i webbläsaren, skrivskyddat (bara publicerade poster).
    Serve {
        /// Adress och port; 127.0.0.1 om inget annat anges (port 0 väljer en ledig).
        #[arg(long, default_value = "127.0.0.1:7878")]
        addr: std::net::SocketAddr,
        /// Skrivbart för dig ensam: bara på loopback, med en slumpad token i länken.
        #[arg(long)]
        write: bool,
    },
}

#[derive(Subcommand)]
enum BundleAction {
    /// Skapa ett signerat paket av hela biblioteket (publicerade poster) eller ett urval.
    Create {
        #[arg(long)]
        out: PathBuf,
        /// En nyckelfil (från bundle keygen); annars bibliotekets egen nyckel.
        #[arg(long)]
        key: Option<PathBuf>,
        #[command(flatten)]
        filters: SearchArgs,
    },
    /// Importera ett paket: allt kontrolleras först, sedan slås posterna ihop på uid.
    Import {
        file: PathBuf,
        #[arg(long)]
        dry_run: bool,
        /// Lita på paketets signerare (och kom ihåg den).
        #[arg(long)]
        trust: bool,
    },
    /// Inkommande versioner av poster som ändrats här: lista, godta eller släng.
    Incoming {
        /// accept ID eller discard ID; utan: lista.
        #[arg(value_parser = ["accept", "discard"])]
        action: Option<String>,
        id: Option<String>,
    },
    /// Skapa en ny signeringsnyckel i en fil.
    Keygen {
        file: PathBuf,
        /// Namnet som står i paketen (till exempel organisationens).
        #[arg(long)]
        name: String,
    },
}

#[derive(Subcommand)]
enum TaxonomyAction {
    /// Lägg till ett fokusområde.
    Add {
        name: String,
        #[arg(long, default_value = "")]
        description: String,
    },
    /// Byt namn på ett fokusområde; posterna följer med.
    Rename { slug: String, name: String },
    /// Slå ihop fokusområdet FROM med INTO; posterna följer med.
    Merge { from: String, into: String },
}

#[derive(Args)]
struct SearchArgs {
    /// Sökord; tomt för att bläddra.
    #[arg(default_value = "")]
    query: String,
    /// Fokusområde (kan upprepas).
    #[arg(long)]
    focus: Vec<String>,
    /// Län, med kod eller namn (kan upprepas).
    #[arg(long)]
    region: Vec<String>,
    /// Kommun, med kod eller namn (kan upprepas).
    #[arg(long)]
    municipality: Vec<String>,
    #[arg(long, value_parser = parse_kind)]
    kind: Vec<Kind>,
    #[arg(long, value_parser = parse_stage)]
    stage: Vec<Stage>,
    /// År eller intervall: 2019 eller 2018..2021.
    #[arg(long, value_parser = parse_years)]
    year: Option<(Option<i32>, Option<i32>)>,
    #[arg(long, default_value_t = 20)]
    limit: u32,
    /// Sortera på senast uppdaterade i stället för relevans.
    #[arg(long)]
    newest: bool,
    /// Ta med utkast, poster under granskning och arkiverade.
    #[arg(long)]
    all: bool,
}

fn slug_parser<T>(
    what: &str,
    value: &str,
    from: fn(&str) -> Option<T>,
    all: &[&str],
) -> std::result::Result<T, String> {
    from(value).ok_or_else(|| format!("okänd {what} \"{value}\"; tillåtna: {}", all.join(", ")))
}

fn parse_status(v: &str) -> std::result::Result<Status, String> {
    let all: Vec<_> = Status::ALL.iter().map(|s| s.slug()).collect();
    slug_parser("status", v, Status::from_slug, &all)
}

fn parse_format(v: &str) -> std::result::Result<library::export::ExportFormat, String> {
    library::export::ExportFormat::from_name(v)
        .ok_or_else(|| format!("okänt format \"{v}\"; tillåtna: pdf, md, html, json, csv, xlsx"))
}

fn parse_kind(v: &str) -> std::result::Result<Kind, String> {
    let all: Vec<_> = Kind::ALL.iter().map(|s| s.slug()).collect();
    slug_parser("typ", v, Kind::from_slug, &all)
}

fn parse_stage(v: &str) -> std::result::Result<Stage, String> {
    let all: Vec<_> = Stage::ALL.iter().map(|s| s.slug()).collect();
    slug_parser("fas", v, Stage::from_slug, &all)
}

fn parse_years(v: &str) -> std::result::Result<(Option<i32>, Option<i32>), String> {
    let year = |s: &str| -> std::result::Result<Option<i32>, String> {
        if s.is_empty() {
            return Ok(None);
        }
        s.parse()
            .map(Some)
            .map_err(|_| format!("\"{s}\" är inget årtal"))
    };
    match v.split_once("..") {
        Some((from, to)) => Ok((year(from)?, year(to)?)),
        None => {
            let y = year(v)?;
            Ok((y, y))
        }
    }
}

fn main() -> ExitCode {
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

fn print_json<T: Serialize>(value: &T) {
    println!(
        "{}",
        serde_json::to_string_pretty(value).expect("results serialise")
    );
}

fn read_input(file: &str) -> Result<String> {
    let mut bytes = Vec::new();
    if file == "-" {
        std::io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|e| Error::invalid(format!("kunde inte läsa standard in: {e}")))?;
    } else {
        let path = std::path::Path::new(file);
        bytes = std::fs::read(path)
            .map_err(|e| Error::invalid(format!("kunde inte läsa {file}: {e}")))?;
    }
    String::from_utf8(bytes).map_err(|e| {
        Error::invalid(format!(
            "{file}: inte giltig UTF-8 (byte {})",
            e.utf8_error().valid_up_to()
        ))
    })
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
        Command::Add { file } => {
            let added = lib.add_json_many(&read_input(&file)?)?;
            for entry in &added {
                println!(
                    "Lade till {} (revision {}, {})",
                    entry.id,
                    entry.revision,
                    entry.status.slug()
                );
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
        Command::Import { file, dry_run, map } => {
            let mapping = map
                .map(|m| {
                    if m.ends_with(".json") && std::path::Path::new(&m).is_file() {
                        read_input(&m)
                    } else {
                        Ok(m)
                    }
                })
                .transpose()?;
            let bytes = std::fs::read(&file)
                .map_err(|e| Error::invalid(format!("kunde inte läsa {}: {e}", file.display())))?;
            let name = file.display().to_string();
            let report = lib.import(&name, &bytes, mapping.as_deref(), dry_run)?;
            if json {
                print_json(&report);
            } else {
                print_import(&report);
            }
            if report.rejected > 0 {
                return Ok(ExitCode::from(1));
            }
        }
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
                    "fel: att radera \"{name}\" tar bort personens kontaktuppgifter ur alla \
                     poster, all historik och alla säkerhetskopior, och kan inte ångras; kör \
                     igen med --yes om du är säker"
                );
                return Ok(ExitCode::from(2));
            }
            let report = lib.erase_person(&name)?;
            println!(
                "Raderade kontaktuppgifterna ur {} poster och {} revisioner, och ur {} \
                 säkerhetskopior.",
                report.library.entries,
                report.library.revisions,
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
                let req = search_request(&lib, filters)?;
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
            BundleAction::Import {
                file,
                dry_run,
                trust,
            } => {
                let report = lib.bundle_import(&file, dry_run, trust)?;
                if json {
                    print_json(&report);
                } else {
                    print_bundle_report(&report);
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
                            println!(
                                "{}  (revision {} i paketet) ändrar: {}",
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
        Command::Serve { addr, write } => {
            let shown = lib.dir().display().to_string();
            serve::serve(lib, serve::Options { addr, write }, |started| {
                let mode = if write {
                    "skrivbart för dig, med token"
                } else {
                    "skrivskyddat"
                };
                println!(
                    "Exempelbanken på {} ({mode}, bibliotek {shown})",
                    started.url
                );
                use std::io::Write;
                let _ = std::io::stdout().flush();
            })?;
        }
        Command::Reindex => {
            let n = lib.reindex()?;
            println!("Byggde om sökindexet: {n} poster.");
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn print_bundle_report(report: &library::bundle::BundleReport) {
    use library::bundle::BundleAction;
    println!(
        "Paket från {} (nyckel {}…, bibliotek {})",
        report.signer,
        &report.public_key[..report.public_key.len().min(16)],
        report.library_id
    );
    for row in &report.rows {
        let what = match row.action {
            BundleAction::Add => "ny",
            BundleAction::Update => "uppdateras",
            BundleAction::Unchanged => "oförändrad",
            BundleAction::KeepLocal => "BEHÅLLS",
        };
        let reason = if row.reason.is_empty() {
            String::new()
        } else {
            format!(": {}", row.reason)
        };
        println!("{what:<11} {}{reason}", row.id);
    }
    println!(
        "{} nya, {} uppdaterade, {} oförändrade, {} lokala ändringar behållna (den inkommande \
         versionen väntar på granskning), {} bilagor.",
        report.added, report.updated, report.unchanged, report.kept_local, report.attachments
    );
    if report.dry_run {
        println!("Provkörning: inget skrevs.");
    } else if let Some(backup) = &report.backup {
        println!("Importerat. Säkerhetskopia före importen: {backup}");
    }
}

fn print_import(report: &library::import::ImportReport) {
    use library::import::ImportAction;
    for row in &report.rows {
        let what = match row.action {
            ImportAction::Create => "ny",
            ImportAction::Update => "ändras",
            ImportAction::Unchanged => "oförändrad",
            ImportAction::Reject => "AVVISAS",
        };
        let name = if row.id.is_empty() {
            &row.title
        } else {
            &row.id
        };
        let reason = if row.reason.is_empty() {
            String::new()
        } else {
            format!(": {}", row.reason)
        };
        println!("{:<8} {:<10} {name}{reason}", row.row, what);
    }
    println!(
        "{} nya, {} ändrade, {} oförändrade, {} avvisade.",
        report.created, report.updated, report.unchanged, report.rejected
    );
    if report.rejected > 0 {
        println!("Inget importerades: rätta de avvisade raderna och försök igen.");
    } else if report.dry_run {
        println!("Provkörning: inget skrevs.");
    } else if let Some(backup) = &report.backup {
        println!("Importerat. Säkerhetskopia före importen: {backup}");
    }
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
    let bold = std::io::stdout().is_terminal();
    for (i, hit) in found.hits.iter().enumerate() {
        println!(
            "{:>3}. {}  [{}, {}]",
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
    Ok(())
}

/// The search a command's filters describe, with names of counties and municipalities
/// resolved to their codes.
fn search_request(lib: &Library, args: SearchArgs) -> Result<SearchRequest> {
    let reference = ReferenceData::get();
    let lan = args
        .region
        .iter()
        .map(|r| {
            reference
                .find_county(r)
                .map(|c| c.code.clone())
                .ok_or_else(|| Error::invalid(format!("--region: okänt län \"{r}\"")))
        })
        .collect::<Result<Vec<_>>>()?;
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
    let (year_from, year_to) = args.year.unwrap_or((None, None));
    let req = SearchRequest {
        query: args.query.clone(),
        focus: args.focus,
        lan,
        municipality,
        kind: args.kind,
        stage: args.stage,
        year_from,
        year_to,
        limit: Some(args.limit),
        offset: None,
        all: args.all,
        prefix: false,
        sort: if args.newest {
            SortOrder::Newest
        } else {
            SortOrder::Relevance
        },
    };
    Ok(req)
}

/// Snippet HTML as terminal text: marks in bold on a terminal, entities decoded.
fn terminal_text(html: &str, bold: bool) -> String {
    let (open, close) = if bold {
        ("\x1b[1m", "\x1b[0m")
    } else {
        ("", "")
    };
    html.replace("<mark>", open)
        .replace("</mark>", close)
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

fn print_entry(e: &model::Entry) {
    println!("{}", e.title);
    println!("{}", "=".repeat(e.title.chars().count()));
    println!(
        "{} · {} · revision {} · {}",
        e.kind.label(),
        e.status.label(),
        e.revision,
        e.id
    );
    if !e.summary.is_empty() {
        println!("\n{}", e.summary);
    }
    for (key, text) in e.sections.iter() {
        println!("\n## {}\n\n{}", key.heading(), text.trim());
    }
    if !e.organisations.is_empty() {
        println!("\nOrganisationer:");
        for o in &e.organisations {
            println!(
                "- {} ({}){}",
                o.name,
                o.org_type.label(),
                if o.role.is_empty() {
                    String::new()
                } else {
                    format!(", {}", o.role)
                }
            );
        }
    }
    if !e.places.is_empty() {
        println!("\nPlatser:");
        for p in &e.places {
            if p.municipality.is_empty() {
                println!("- {} ({})", p.lan, p.lan_code);
            } else {
                println!(
                    "- {} ({}), {} ({})",
                    p.municipality, p.municipality_code, p.lan, p.lan_code
                );
            }
        }
    }
    if !e.sources.is_empty() {
        println!("\nKällor:");
        for s in &e.sources {
            let mut line = format!("- {}", s.title);
            for extra in [&s.publisher, &s.date, &s.url] {
                if !extra.is_empty() {
                    line.push_str(&format!(", {extra}"));
                }
            }
            println!("{line}");
        }
    }
}
