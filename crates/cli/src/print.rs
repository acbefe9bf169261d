//! How results are printed for people: reports, entries and snippets in the terminal.

use serde::Serialize;

/// Prints a value as pretty JSON on standard output.
pub fn print_json<T: Serialize>(value: &T) {
    println!(
        "{}",
        serde_json::to_string_pretty(value).expect("results serialise")
    );
}

/// What a refused write says: nothing was written, and what to do.
fn nothing_written(source: library::plan::WriteSource) -> &'static str {
    use library::plan::WriteSource;
    match source {
        WriteSource::Add => "Inget lades till: rätta de avvisade posterna och försök igen.",
        WriteSource::Import => "Inget importerades: rätta de avvisade raderna och försök igen.",
        WriteSource::Bundle | WriteSource::Starter => {
            "Inget importerades: paketet har poster som inte går att ta emot."
        }
    }
}

/// Prints a write's report, as JSON or for people, and when an entry was rejected also says
/// on standard error which and why. Returns whether the write was refused (exit 1).
pub fn finish_write(report: &library::plan::WriteReport, json: bool) -> bool {
    if json {
        print_json(report);
    } else {
        print_report(report);
    }
    let rejected: Vec<_> = report
        .rows
        .iter()
        .filter(|r| r.action == library::plan::WriteAction::Reject)
        .collect();
    if rejected.is_empty() {
        return false;
    }
    for row in rejected {
        eprintln!("fel: {}: {}", row.place, row.reason);
    }
    eprintln!("{}", nothing_written(report.source));
    true
}

/// Prints what a write (add, import, bundle) did or would do: a line per entry, the totals
/// and the verdict.
fn print_report(report: &library::plan::WriteReport) {
    use library::plan::WriteAction;
    if let Some(sender) = &report.sender {
        println!(
            "Paket från {} (nyckel {}…, bibliotek {})",
            sender.name,
            &sender.public_key[..sender.public_key.len().min(16)],
            sender.library_id
        );
    }
    for row in &report.rows {
        let what = match row.action {
            WriteAction::Create => "ny",
            WriteAction::Update => "ändras",
            WriteAction::Unchanged => "oförändrad",
            WriteAction::Reject => "AVVISAS",
            WriteAction::KeepForReview => "BEHÅLLS",
        };
        let name = [&row.id, &row.title]
            .into_iter()
            .find(|n| !n.is_empty())
            .map_or("(utan rubrik)", |n| n.as_str());
        let reason = if row.reason.is_empty() {
            String::new()
        } else {
            format!(": {}", row.reason)
        };
        println!("{:<8} {what:<10} {name}{reason}", row.place);
    }
    let totals = &report.totals;
    let mut parts = vec![
        format!("{} nya", totals.create),
        format!("{} ändrade", totals.update),
        format!("{} oförändrade", totals.unchanged),
        format!("{} avvisade", totals.reject),
    ];
    if totals.keep_for_review > 0 {
        parts.push(format!(
            "{} lokala ändringar behållna (den inkommande versionen väntar på granskning)",
            totals.keep_for_review
        ));
    }
    if report.sender.is_some() {
        parts.push(format!("{} bilagor", report.attachments));
    }
    println!("{}.", parts.join(", "));
    if report.erased_contacts > 0 {
        println!(
            "{} kontaktuppgifter om personer som raderats ur biblioteket lämnades utanför.",
            report.erased_contacts
        );
    }
    if totals.reject > 0 {
        println!("{}", nothing_written(report.source));
    } else if report.dry_run {
        println!("Provkörning: inget skrevs.");
    } else if let Some(backup) = &report.backup {
        println!("Klart. Säkerhetskopia före ändringen: {backup}");
    }
}

/// Snippet HTML as terminal text: marks in bold on a terminal, entities decoded.
pub fn terminal_text(html: &str, bold: bool) -> String {
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

pub fn print_entry(e: &model::Entry) {
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
