//! `exempelbank key`, `subscribe …` and `bundle publish`: a library's signer, the libraries
//! it follows, and its feed in a folder.

use std::io::{BufRead, IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;
use std::sync::Mutex;
use std::time::Duration;

use library::Library;
use library::subscriptions::{self, FetchLimits, PullReport};
use model::error::{Error, Result};

use crate::args::SubscribeAction;
use crate::print::print_json;

/// `exempelbank key [--name NAME]`: the signer's name and fingerprint, as subscribers compare
/// them.
pub fn key(lib: &mut Library, name: Option<&str>, json: bool) -> Result<()> {
    let key = match name {
        Some(name) => lib.set_signer_name(name)?,
        None => lib.bundle_key()?,
    };
    let fingerprint = library::bundle::fingerprint(&key.public_hex());
    if json {
        print_json(&serde_json::json!({ "name": key.name, "fingerprint": fingerprint }));
    } else {
        println!("Signerare:     {}", key.name);
        println!("Fingeravtryck: {fingerprint}");
    }
    Ok(())
}

/// `exempelbank bundle publish DIR`.
pub fn publish(lib: &mut Library, dir: &Path, json: bool) -> Result<()> {
    let report = lib.publish_folder(dir)?;
    if json {
        print_json(&report);
    } else if report.written {
        println!(
            "Publicerade i {}: {} ändrade poster och {} tillbakadragna sedan förra gången; \
             hela flödet har {} publicerade poster (position {}).",
            report.dir, report.entries, report.withdrawn, report.published, report.cursor
        );
    } else {
        println!(
            "Inget har ändrats sedan förra publiceringen i {} (position {}).",
            report.dir, report.cursor
        );
    }
    Ok(())
}

/// A yes-or-no question at the terminal; `None` when there is no terminal to ask at.
fn ask(question: &str) -> Result<Option<bool>> {
    if !std::io::stdin().is_terminal() {
        return Ok(None);
    }
    print!("{question} [j/N] ");
    std::io::stdout().flush().ok();
    let mut answer = String::new();
    std::io::Read::take(std::io::stdin().lock(), 512)
        .read_line(&mut answer)
        .map_err(|e| Error::invalid(format!("kunde inte läsa svaret: {e}")))?;
    Ok(Some(matches!(
        answer.trim().to_lowercase().as_str(),
        "j" | "ja" | "y" | "yes"
    )))
}

pub fn subscribe(mut lib: Library, action: SubscribeAction, json: bool) -> Result<ExitCode> {
    let limits = |timeout: u64| FetchLimits {
        timeout: Duration::from_secs(timeout.clamp(1, 3600)),
        ..FetchLimits::default()
    };
    match action {
        SubscribeAction::Add {
            source,
            name,
            trust,
            timeout,
        } => {
            let info = subscriptions::peek(&source, &limits(timeout))?;
            let fingerprint = library::bundle::fingerprint(&info.signer.public_key);
            let confirmed = match trust {
                Some(given) => given,
                None => {
                    println!("Fingeravtryck:         {fingerprint}");
                    println!("Källan är signerad av: {}", info.signer.name);
                    println!(
                        "Jämför fingeravtrycket med det som källans ägare ser med \
                         `exempelbank key`."
                    );
                    match ask("Litar du på den här signeraren?")? {
                        Some(true) => fingerprint.clone(),
                        Some(false) => {
                            println!("Inget sparades.");
                            return Ok(ExitCode::from(1));
                        }
                        None => {
                            return Err(Error::invalid(format!(
                                "{source}: ange --trust {fingerprint} om det är fingeravtrycket \
                                 som källans ägare ser; inget sparades"
                            )));
                        }
                    }
                }
            };
            let subscription = lib.subscribe(&source, name.as_deref(), &info, &confirmed)?;
            if json {
                print_json(&subscription);
            } else {
                println!(
                    "Följer nu \"{}\" ({}). Hämta med `exempelbank subscribe pull`.",
                    subscription.name, subscription.source
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        SubscribeAction::List => {
            let list = lib.subscriptions()?;
            if json {
                print_json(&list);
            } else if list.is_empty() {
                println!("Biblioteket följer inga andra bibliotek.");
            } else {
                for s in list {
                    let state = if s.last_problem.is_empty() {
                        "ok".to_owned()
                    } else {
                        format!("problem: {}", s.last_problem)
                    };
                    println!("{}", s.name);
                    println!("  källa:      {}", s.source);
                    println!("  signerare:  {} ({})", s.signer_name, s.fingerprint);
                    println!(
                        "  senast:     {} (försök {})",
                        s.last_success.as_deref().unwrap_or("aldrig"),
                        s.last_attempt.as_deref().unwrap_or("aldrig")
                    );
                    println!(
                        "  exempel:    {} härifrån, {} väntar på granskning",
                        s.entries, s.waiting_review
                    );
                    println!("  läge:       {state}");
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        SubscribeAction::Pull { name, timeout } => {
            let reports: Vec<PullReport> =
                subscriptions::pull_some(&Mutex::new(lib), name.as_deref(), &limits(timeout))?;
            let failed = reports.iter().any(|r| !r.problem.is_empty());
            if json {
                print_json(&reports);
            } else if reports.is_empty() {
                println!("Biblioteket följer inga andra bibliotek.");
            } else {
                for r in &reports {
                    println!("{}", r.message);
                }
            }
            Ok(if failed {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            })
        }
        SubscribeAction::Remove {
            name,
            keep_entries,
            remove_entries,
        } => {
            let remove = if keep_entries || remove_entries {
                remove_entries
            } else {
                let count = lib
                    .subscriptions()?
                    .into_iter()
                    .find(|s| s.name.eq_ignore_ascii_case(&name))
                    .map_or(0, |s| s.entries);
                match ask(&format!(
                    "Flytta de {count} exemplen från \"{name}\" till papperskorgen? \
                     (annars behålls de)"
                ))? {
                    Some(answer) => answer,
                    None => {
                        return Err(Error::invalid(format!(
                            "ange --keep-entries eller --remove-entries: ska de {count} exemplen \
                             från \"{name}\" vara kvar?"
                        )));
                    }
                }
            };
            let done = lib.unsubscribe(&name, remove)?;
            if json {
                print_json(&done);
            } else {
                println!(
                    "Följer inte längre \"{}\": {} exempel flyttades till papperskorgen, {} är kvar.",
                    done.name, done.trashed, done.kept
                );
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}
