//! How results are printed for people: reports, entries and snippets in the terminal.

use serde::Serialize;

/// Prints a value as pretty JSON on standard output.
pub fn print_json<T: Serialize>(value: &T) {
    println!(
        "{}",
        serde_json::to_string_pretty(value).expect("results serialise")
    );
}

pub fn print_bundle_report(report: &library::bundle::BundleReport) {
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

pub fn print_import(report: &library::import::ImportReport) {
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
