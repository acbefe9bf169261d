//! Exports of entries: a PDF case card or brief, Markdown, self-contained HTML, JSON, and a
//! list as CSV or XLSX with chosen columns.
//!
//! Every document format is made from one prepared [`Card`] per entry, so the PDF, the HTML
//! and the Markdown say the same things: title, metadata, sections, sources, and where and
//! when the text came from. Contacts (personal data) can be left out. Personal notes are
//! never exported.

use serde::Serialize;

use model::Entry;
use model::error::{Error, ErrorCode, Result};
use model::progress::Progress;
use model::taxonomy::{FocusArea, ReferenceData, focus_name};
use model::text::escape_html as escape;

/// The formats an export writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, Serialize, ts_rs::TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum ExportFormat {
    Pdf,
    Md,
    Html,
    Json,
    Csv,
    Xlsx,
}

impl ExportFormat {
    pub fn from_name(name: &str) -> Option<ExportFormat> {
        Some(match name {
            "pdf" => ExportFormat::Pdf,
            "md" | "markdown" => ExportFormat::Md,
            "html" => ExportFormat::Html,
            "json" => ExportFormat::Json,
            "csv" => ExportFormat::Csv,
            "xlsx" => ExportFormat::Xlsx,
            _ => return None,
        })
    }

    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Pdf => "pdf",
            ExportFormat::Md => "md",
            ExportFormat::Html => "html",
            ExportFormat::Json => "json",
            ExportFormat::Csv => "csv",
            ExportFormat::Xlsx => "xlsx",
        }
    }
}

/// How to export.
#[derive(Debug, Clone, serde::Deserialize, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct ExportOptions {
    pub format: ExportFormat,
    /// A brief (cover and contents) even for one entry; several entries always make one.
    #[serde(default)]
    pub brief: bool,
    /// Leave out contacts (personal data).
    #[serde(default)]
    pub no_contacts: bool,
    /// The brief's title.
    #[serde(default)]
    #[ts(optional)]
    pub title: Option<String>,
    /// The columns of a CSV or XLSX list (see [`COLUMNS`]); the default set when empty.
    #[serde(default)]
    pub columns: Vec<String>,
}

/// The columns a list can have: key, header, value. The headers are the ones the import
/// reads, so an exported list can be imported again.
pub const COLUMNS: &[(&str, &str)] = &[
    ("id", "Id"),
    ("uid", "Uid"),
    ("title", "Rubrik"),
    ("kind", "Typ"),
    ("status", "Status"),
    ("summary", "Sammanfattning"),
    ("focus_areas", "Fokusområden"),
    ("municipalities", "Kommuner"),
    ("lan", "Län"),
    ("countries", "Länder"),
    ("language", "Språk"),
    ("organisations", "Organisationer"),
    ("stage", "Skede"),
    ("novelty", "Nyhetsgrad"),
    ("start", "Startår"),
    ("end", "Slutår"),
    ("goals", "Agenda 2030"),
    ("tags", "Taggar"),
    ("sources", "Källor"),
    ("contacts", "Kontakter"),
    ("challenge", "Utmaning"),
    ("solution", "Lösning"),
    ("results", "Resultat"),
    ("lessons", "Lärdomar"),
    ("dissemination", "Spridning"),
    ("uptakes", "Tagits upp av"),
];

const DEFAULT_COLUMNS: &[&str] = &[
    "id",
    "title",
    "kind",
    "status",
    "focus_areas",
    "municipalities",
    "lan",
    "stage",
    "start",
    "end",
    "summary",
];

/// One entry prepared for a document.
#[derive(Debug, Clone, Serialize)]
pub struct Card {
    /// "Exempel · Publicerad", over the title.
    pub kicker: String,
    pub title: String,
    pub summary: String,
    pub facts: Vec<Fact>,
    /// Where the case comes from and where it has been taken up, drawn (the PDF only).
    pub map: Option<crate::map::CardMap>,
    pub sections: Vec<CardSection>,
    pub sources: Vec<CardSource>,
    pub contacts: Vec<String>,
    pub attachments: Vec<String>,
    /// Where and when the text came from.
    pub provenance: String,
    /// The language of the entry's own text (`sv`, `en`, …): the documents mark that text
    /// with it, so a screen reader reads an English case in English.
    pub lang: &'static str,
}

#[derive(Debug, Clone, Serialize)]
pub struct Fact {
    pub label: String,
    pub value: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct CardSection {
    pub heading: String,
    pub markdown: String,
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CardSource {
    pub title: String,
    pub detail: String,
    pub url: String,
}

/// A block of Markdown as the PDF template draws it.
#[derive(Debug, Clone, Serialize)]
pub struct Block {
    /// "p", "list", "enum" or "heading".
    pub kind: &'static str,
    pub runs: Vec<Run>,
    pub items: Vec<Vec<Run>>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Run {
    pub text: String,
    pub strong: bool,
    pub em: bool,
    pub url: String,
}

/// Whether a link may leave the document: http, https and mailto only.
fn safe_url(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://") || lower.starts_with("mailto:")
}

/// Markdown as blocks of runs. Raw HTML is kept as text; images become their alt text.
pub fn blocks(markdown: &str) -> Vec<Block> {
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};
    let mut out: Vec<Block> = Vec::new();
    let mut runs: Vec<Run> = Vec::new();
    let mut items: Vec<Vec<Run>> = Vec::new();
    let (mut strong, mut em) = (0, 0);
    let mut url = String::new();
    let mut list: Option<&'static str> = None;
    let mut heading = false;
    let push = |runs: &mut Vec<Run>, text: &str, strong: bool, em: bool, url: &str| {
        if let Some(last) = runs.last_mut()
            && last.strong == strong
            && last.em == em
            && last.url == url
        {
            last.text.push_str(text);
            return;
        }
        runs.push(Run {
            text: text.to_owned(),
            strong,
            em,
            url: url.to_owned(),
        });
    };
    for event in Parser::new(markdown) {
        match event {
            Event::Start(Tag::Strong) => strong += 1,
            Event::End(TagEnd::Strong) => strong -= 1,
            Event::Start(Tag::Emphasis) => em += 1,
            Event::End(TagEnd::Emphasis) => em -= 1,
            Event::Start(Tag::Link { dest_url, .. }) => {
                url = if safe_url(&dest_url) {
                    dest_url.to_string()
                } else {
                    String::new()
                }
            }
            Event::End(TagEnd::Link) => url.clear(),
            Event::Start(Tag::List(start)) => {
                list = Some(if start.is_some() { "enum" } else { "list" })
            }
            Event::End(TagEnd::List(_)) => {
                out.push(Block {
                    kind: list.take().unwrap_or("list"),
                    runs: Vec::new(),
                    items: std::mem::take(&mut items),
                });
            }
            Event::End(TagEnd::Item) => items.push(std::mem::take(&mut runs)),
            Event::Start(Tag::Heading { .. }) => heading = true,
            Event::End(TagEnd::Heading(_)) => {
                heading = false;
                out.push(Block {
                    kind: "heading",
                    runs: std::mem::take(&mut runs),
                    items: Vec::new(),
                });
            }
            Event::End(TagEnd::Paragraph) if list.is_none() && !heading => out.push(Block {
                kind: "p",
                runs: std::mem::take(&mut runs),
                items: Vec::new(),
            }),
            Event::End(TagEnd::Paragraph) if list.is_some() => {
                push(&mut runs, " ", false, false, "")
            }
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                push(&mut runs, &t, strong > 0, em > 0, &url)
            }
            Event::SoftBreak | Event::HardBreak => push(&mut runs, " ", strong > 0, em > 0, &url),
            _ => {}
        }
    }
    if !runs.is_empty() {
        out.push(Block {
            kind: "p",
            runs,
            items: Vec::new(),
        });
    }
    for block in &mut out {
        trim_runs(&mut block.runs);
        for item in &mut block.items {
            trim_runs(item);
        }
    }
    out
}

fn trim_runs(runs: &mut Vec<Run>) {
    if let Some(last) = runs.last_mut() {
        last.text = last.text.trim_end().to_owned();
    }
    runs.retain(|r| !r.text.is_empty());
}

/// Today's date as (year, month, day) and as text.
fn today() -> ((i32, u8, u8), String) {
    let t = time::OffsetDateTime::now_utc();
    (
        (t.year(), u8::from(t.month()), t.day()),
        format!("{}-{:02}-{:02}", t.year(), u8::from(t.month()), t.day()),
    )
}

/// Prepares one entry for a document.
pub fn card(entry: &Entry, focus: &[FocusArea], library: &str, date: &str, contacts: bool) -> Card {
    let reference = ReferenceData::get();
    let mut facts = Vec::new();
    let mut fact = |label: &str, value: String| {
        if !value.trim().is_empty() {
            facts.push(Fact {
                label: label.to_owned(),
                value,
            });
        }
    };
    fact(
        "Fokusområden",
        entry
            .focus_areas
            .iter()
            .map(|s| focus_name(focus, s))
            .collect::<Vec<_>>()
            .join(", "),
    );
    fact(
        "Plats",
        entry
            .places
            .iter()
            .map(|p| p.display())
            .collect::<Vec<_>>()
            .join(", "),
    );
    fact(
        "Organisationer",
        entry
            .organisations
            .iter()
            .map(|o| {
                if o.role.is_empty() {
                    o.name.clone()
                } else {
                    format!("{} ({})", o.name, o.role)
                }
            })
            .collect::<Vec<_>>()
            .join(", "),
    );
    fact(
        "Skede",
        entry
            .stage
            .map(|s| s.label().to_owned())
            .unwrap_or_default(),
    );
    fact(
        "Nyhetsgrad",
        entry
            .novelty
            .map(|n| n.label().to_owned())
            .unwrap_or_default(),
    );
    fact(
        "Period",
        entry.period.map(|p| p.display()).unwrap_or_default(),
    );
    fact(
        "Agenda 2030",
        entry
            .goals
            .iter()
            .map(|&g| match reference.goal(g) {
                Some(goal) => format!("{g}. {}", goal.name),
                None => g.to_string(),
            })
            .collect::<Vec<_>>()
            .join("; "),
    );
    fact("Taggar", entry.tags.join(", "));
    fact(
        "Spridning",
        model::spread::reach(&entry.uptakes)
            .summary()
            .unwrap_or_default(),
    );
    let sections = entry
        .sections
        .iter()
        .map(|(key, text)| CardSection {
            heading: key.heading().to_owned(),
            markdown: text.to_owned(),
            blocks: blocks(text),
        })
        .collect();
    let sources = entry
        .sources
        .iter()
        .map(|s| CardSource {
            title: s.title.clone(),
            detail: [s.publisher.as_str(), s.date.as_str(), s.licence.as_str()]
                .into_iter()
                .filter(|x| !x.is_empty())
                .collect::<Vec<_>>()
                .join(", "),
            url: if safe_url(&s.url) {
                s.url.clone()
            } else {
                String::new()
            },
        })
        .collect();
    let contacts = if contacts {
        entry.contacts.iter().map(|c| c.display()).collect()
    } else {
        Vec::new()
    };
    Card {
        lang: entry.language.slug(),
        kicker: format!("{} · {}", entry.kind.label(), entry.status.label()),
        title: entry.title.clone(),
        summary: entry.summary.clone(),
        facts,
        map: crate::map::card_map(entry),
        sections,
        sources,
        contacts,
        attachments: entry
            .attachments
            .iter()
            .map(|a| {
                if a.licence.is_empty() {
                    a.name.clone()
                } else {
                    format!("{} ({})", a.name, a.licence)
                }
            })
            .collect(),
        provenance: format!(
            "Ur Exempelbanken, bibliotek {library}. Post {}, revision {}, senast ändrad {}. \
             Exporterad {date}.",
            entry.id,
            entry.revision,
            entry.updated_at.get(..10).unwrap_or(&entry.updated_at)
        ),
    }
}

/// Markdown to HTML with raw HTML shown as text and only safe links kept.
fn markdown_html(markdown: &str) -> String {
    use pulldown_cmark::{Event, Parser, Tag};
    let events = Parser::new(markdown).map(|event| match event {
        Event::Html(t) | Event::InlineHtml(t) => Event::Text(t),
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) if !safe_url(&dest_url) => Event::Start(Tag::Link {
            link_type,
            dest_url: "".into(),
            title,
            id,
        }),
        Event::Start(Tag::Image { dest_url, .. }) => Event::Text(dest_url),
        Event::End(pulldown_cmark::TagEnd::Image) => Event::Text("".into()),
        other => other,
    });
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, events);
    html
}

const HTML_STYLE: &str = "
:root { color-scheme: light; --accent: #1d4f91; --muted: #55595f; }
body { font-family: 'Source Sans 3', 'Source Sans Pro', 'Segoe UI', system-ui, sans-serif;
  font-size: 17px; line-height: 1.55; color: #1b1d21; max-width: 46rem; margin: 2.5rem auto;
  padding: 0 1.25rem; hyphens: auto; }
h1 { color: var(--accent); font-size: 2rem; line-height: 1.2; margin: 0.2rem 0 1rem; }
h2 { color: var(--accent); font-size: 1.25rem; margin: 1.8rem 0 0.5rem; }
.kicker { text-transform: uppercase; letter-spacing: 0.04em; font-size: 0.8rem;
  font-weight: 600; color: var(--muted); }
.summary { font-size: 1.12rem; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.3rem 1rem;
  background: #f1f4f8; padding: 0.8rem 1rem; border-radius: 4px; }
dl.facts dt { font-weight: 600; } dl.facts dd { margin: 0; }
.provenance { color: var(--muted); font-size: 0.85rem; margin-top: 2rem; }
a { color: var(--accent); }
article + article { border-top: 1px solid #d6dae0; margin-top: 3rem; padding-top: 1rem; }
@media print { body { margin: 0; max-width: none; font-size: 11pt; }
  article + article { break-before: page; border: 0; } a { color: inherit; } }
";

/// Renders entries (already read from the library) in the format the options name.
///
/// `library` is the library's id, printed where the text came from. This is the slow part of
/// an export (a PDF brief of a hundred entries takes seconds), so it needs no library at all.
pub fn render(
    entries: Vec<Entry>,
    focus: &[FocusArea],
    library: &str,
    options: &ExportOptions,
    progress: &Progress,
) -> Result<Vec<u8>> {
    if entries.is_empty() {
        return Err(Error::invalid("inga poster att exportera"));
    }
    let total = entries.len() as u64;
    let (date_parts, date) = today();
    let cards = || -> Vec<Card> {
        entries
            .iter()
            .map(|e| card(e, focus, library, &date, !options.no_contacts))
            .collect()
    };
    let brief = options.brief || entries.len() > 1;
    let title = options
        .title
        .clone()
        .filter(|t| !t.trim().is_empty())
        .unwrap_or_else(|| {
            if brief {
                "Goda exempel från Exempelbanken".to_owned()
            } else {
                entries[0].title.clone()
            }
        });
    let subtitle = format!(
        "{} {} · {date}",
        entries.len(),
        if entries.len() == 1 { "post" } else { "poster" }
    );
    let footer = format!("Exempelbanken · bibliotek {library} · exporterad {date}");
    Ok(match options.format {
        ExportFormat::Pdf => {
            progress.step(total, total, "Sätter PDF-filen")?;
            let data = serde_json::json!({
                "brief": brief,
                "title": title,
                "subtitle": subtitle,
                "library": format!("Exempelbanken (bibliotek {library})"),
                "footer": footer,
                "entries": cards(),
            });
            crate::pdf::render(&data, date_parts)?
        }
        ExportFormat::Md => markdown(&cards(), brief.then_some((&title, &subtitle))).into_bytes(),
        ExportFormat::Html => html(&cards(), &title, brief.then_some(&subtitle)).into_bytes(),
        ExportFormat::Json => {
            let mut entries = entries;
            if options.no_contacts {
                for e in &mut entries {
                    e.contacts.clear();
                }
            }
            let mut bytes = serde_json::to_vec_pretty(&entries).expect("entries serialise");
            bytes.push(b'\n');
            bytes
        }
        ExportFormat::Csv | ExportFormat::Xlsx => {
            let columns = columns(&options.columns, options.no_contacts)?;
            let rows: Vec<Vec<String>> = entries
                .iter()
                .map(|e| columns.iter().map(|(key, _)| cell(e, key, focus)).collect())
                .collect();
            if options.format == ExportFormat::Csv {
                csv_bytes(&columns, &rows)?
            } else {
                xlsx_bytes(&columns, &rows)?
            }
        }
    })
}

/// Writes `bytes` to `out` through a temporary file in the same directory.
pub fn write_atomically(out: &std::path::Path, bytes: &[u8]) -> Result<()> {
    let mut partial = out.as_os_str().to_owned();
    partial.push(format!(".{}.partial", std::process::id()));
    let partial = std::path::PathBuf::from(partial);
    std::fs::write(&partial, bytes).map_err(|e| Error::io(&partial, e))?;
    std::fs::rename(&partial, out).map_err(|e| {
        let _ = std::fs::remove_file(&partial);
        Error::io(out, e)
    })
}

fn columns(wanted: &[String], no_contacts: bool) -> Result<Vec<(&'static str, &'static str)>> {
    let keys: Vec<&str> = if wanted.is_empty() {
        DEFAULT_COLUMNS.to_vec()
    } else {
        wanted.iter().map(String::as_str).collect()
    };
    let mut out = Vec::new();
    for key in keys {
        let column = COLUMNS.iter().find(|(k, _)| *k == key).ok_or_else(|| {
            Error::invalid(format!(
                "okänd kolumn \"{key}\"; välj bland: {}",
                COLUMNS
                    .iter()
                    .map(|(k, _)| *k)
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
        })?;
        if !(no_contacts && key == "contacts") {
            out.push(*column);
        }
    }
    Ok(out)
}

/// One cell of a list, in the form the import reads back.
fn cell(e: &Entry, key: &str, focus: &[FocusArea]) -> String {
    let join = |items: Vec<String>| items.join("; ");
    match key {
        "id" => e.id.clone(),
        "uid" => e.uid.clone(),
        "title" => e.title.clone(),
        "kind" => e.kind.label().to_owned(),
        "status" => e.status.label().to_owned(),
        "summary" => e.summary.clone(),
        "focus_areas" => join(
            e.focus_areas
                .iter()
                .map(|s| focus_name(focus, s).to_owned())
                .collect(),
        ),
        "municipalities" => join(
            e.places
                .iter()
                .filter(|p| !p.municipality.is_empty())
                .map(|p| p.municipality.clone())
                .collect(),
        ),
        "lan" => {
            let mut lans: Vec<String> = e
                .places
                .iter()
                .map(|p| p.lan.clone())
                .filter(|l| !l.is_empty())
                .collect();
            lans.dedup();
            join(lans)
        }
        "organisations" => join(
            e.organisations
                .iter()
                .map(|o| format!("{} ({})", o.name, o.org_type.label()))
                .collect(),
        ),
        "countries" => join(
            e.places
                .iter()
                .filter(|p| !p.country.is_empty())
                .map(|p| p.country.clone())
                .collect(),
        ),
        "language" => e.language.label().to_owned(),
        "stage" => e.stage.map(|s| s.label().to_owned()).unwrap_or_default(),
        "novelty" => e.novelty.map(|n| n.label().to_owned()).unwrap_or_default(),
        "start" => e
            .period
            .and_then(|p| p.start)
            .map(|y| y.to_string())
            .unwrap_or_default(),
        "end" => e
            .period
            .and_then(|p| p.end)
            .map(|y| y.to_string())
            .unwrap_or_default(),
        "goals" => join(e.goals.iter().map(|g| g.to_string()).collect()),
        "tags" => join(e.tags.clone()),
        "sources" => join(e.sources.iter().map(|s| s.display()).collect()),
        "uptakes" => e
            .uptakes
            .iter()
            .map(crate::tabular::uptake_cell)
            .collect::<Vec<_>>()
            .join("\n"),
        "contacts" => join(
            e.contacts
                .iter()
                .map(|c| {
                    [&c.name, &c.role, &c.organisation]
                        .into_iter()
                        .filter(|s| !s.is_empty())
                        .cloned()
                        .collect::<Vec<_>>()
                        .join(", ")
                })
                .collect(),
        ),
        "challenge" => e.sections.challenge.clone(),
        "solution" => e.sections.solution.clone(),
        "results" => e.sections.results.clone(),
        "lessons" => e.sections.lessons.clone(),
        "dissemination" => e.sections.dissemination.clone(),
        _ => String::new(),
    }
}

/// CSV as Swedish spreadsheet programs open it: UTF-8 with a byte-order mark, `;` between
/// cells.
fn csv_bytes(columns: &[(&str, &str)], rows: &[Vec<String>]) -> Result<Vec<u8>> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut writer = csv::WriterBuilder::new()
            .delimiter(b';')
            .from_writer(&mut out);
        let err = |e: csv::Error| Error::new(ErrorCode::Io, format!("CSV: {e}"));
        writer
            .write_record(columns.iter().map(|(_, h)| *h))
            .map_err(err)?;
        for row in rows {
            writer
                .write_record(
                    row.iter()
                        .map(|c| crate::tabular::neutralise(c).into_owned()),
                )
                .map_err(err)?;
        }
        writer
            .flush()
            .map_err(|e| Error::new(ErrorCode::Io, format!("CSV: {e}")))?;
    }
    Ok(out)
}

fn xlsx_bytes(columns: &[(&str, &str)], rows: &[Vec<String>]) -> Result<Vec<u8>> {
    use rust_xlsxwriter::{Format, Workbook};
    let err = |e: rust_xlsxwriter::XlsxError| Error::new(ErrorCode::Io, format!("XLSX: {e}"));
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Poster").map_err(err)?;
    let bold = Format::new().set_bold();
    let wrap = Format::new().set_text_wrap();
    for (c, (key, header)) in columns.iter().enumerate() {
        let c = c as u16;
        sheet
            .write_string_with_format(0, c, *header, &bold)
            .map_err(err)?;
        let width = match *key {
            "title" => 40.0,
            "summary" | "challenge" | "solution" | "results" | "lessons" | "dissemination" => 60.0,
            "id" | "uid" | "focus_areas" | "organisations" | "sources" => 30.0,
            _ => 16.0,
        };
        sheet.set_column_width(c, width).map_err(err)?;
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, value) in row.iter().enumerate() {
            let (r, c) = (r as u32 + 1, c as u16);
            match (columns[c as usize].0, value.parse::<f64>()) {
                ("start" | "end", Ok(year)) => sheet.write_number(r, c, year).map_err(err)?,
                _ if value.len() > 80 => sheet
                    .write_string_with_format(r, c, value, &wrap)
                    .map_err(err)?,
                _ => sheet.write_string(r, c, value).map_err(err)?,
            };
        }
    }
    sheet.set_freeze_panes(1, 0).map_err(err)?;
    sheet
        .autofilter(
            0,
            0,
            rows.len() as u32,
            columns.len().saturating_sub(1) as u16,
        )
        .map_err(err)?;
    book.save_to_buffer().map_err(err)
}

fn markdown(cards: &[Card], brief: Option<(&String, &String)>) -> String {
    let mut out = String::new();
    let level = if let Some((title, subtitle)) = brief {
        out.push_str(&format!("# {title}\n\n{subtitle}\n\n## Innehåll\n\n"));
        for (i, c) in cards.iter().enumerate() {
            out.push_str(&format!("{}. {}\n", i + 1, c.title));
        }
        out.push('\n');
        "##"
    } else {
        "#"
    };
    for c in cards {
        out.push_str(&format!("{level} {}\n\n*{}*\n\n", c.title, c.kicker));
        if !c.summary.is_empty() {
            out.push_str(&format!("{}\n\n", c.summary));
        }
        for f in &c.facts {
            out.push_str(&format!("- **{}:** {}\n", f.label, f.value));
        }
        if !c.facts.is_empty() {
            out.push('\n');
        }
        for s in &c.sections {
            out.push_str(&format!(
                "{level}# {}\n\n{}\n\n",
                s.heading,
                s.markdown.trim()
            ));
        }
        if !c.sources.is_empty() {
            out.push_str(&format!("{level}# Källor\n\n"));
            for s in &c.sources {
                let title = if s.url.is_empty() {
                    s.title.clone()
                } else {
                    format!("[{}]({})", s.title, s.url)
                };
                let detail = if s.detail.is_empty() {
                    String::new()
                } else {
                    format!(" — {}", s.detail)
                };
                out.push_str(&format!("- {title}{detail}\n"));
            }
            out.push('\n');
        }
        if !c.contacts.is_empty() {
            out.push_str(&format!("{level}# Kontakt\n\n"));
            for contact in &c.contacts {
                out.push_str(&format!("- {contact}\n"));
            }
            out.push('\n');
        }
        out.push_str(&format!("---\n\n*{}*\n\n", c.provenance));
    }
    out
}

fn html(cards: &[Card], title: &str, brief: Option<&String>) -> String {
    let mut body = String::new();
    let (h, h2) = if let Some(subtitle) = brief {
        body.push_str(&format!(
            "<header><p class=\"kicker\">Exempelbanken</p><h1>{}</h1><p>{}</p>\n<nav aria-label=\"Innehåll\"><h2>Innehåll</h2><ol>",
            escape(title),
            escape(subtitle)
        ));
        for (i, c) in cards.iter().enumerate() {
            body.push_str(&format!(
                "<li><a href=\"#post-{}\">{}</a></li>",
                i + 1,
                escape(&c.title)
            ));
        }
        body.push_str("</ol></nav></header>\n");
        ("h2", "h3")
    } else {
        ("h1", "h2")
    };
    for (i, c) in cards.iter().enumerate() {
        // The page is Swedish; an entry in another language has its own text marked.
        let lang = if c.lang == "sv" {
            String::new()
        } else {
            format!(" lang=\"{}\"", c.lang)
        };
        body.push_str(&format!(
            "<article id=\"post-{}\">\n<p class=\"kicker\">{}</p>\n<{h}{lang}>{}</{h}>\n",
            i + 1,
            escape(&c.kicker),
            escape(&c.title)
        ));
        if !c.summary.is_empty() {
            body.push_str(&format!(
                "<p class=\"summary\"{lang}>{}</p>\n",
                escape(&c.summary)
            ));
        }
        if !c.facts.is_empty() {
            body.push_str("<dl class=\"facts\">");
            for f in &c.facts {
                body.push_str(&format!(
                    "<dt>{}</dt><dd>{}</dd>",
                    escape(&f.label),
                    escape(&f.value)
                ));
            }
            body.push_str("</dl>\n");
        }
        for s in &c.sections {
            body.push_str(&format!(
                "<section><{h2}>{}</{h2}>\n<div{lang}>{}</div></section>\n",
                escape(&s.heading),
                markdown_html(&s.markdown)
            ));
        }
        if !c.sources.is_empty() {
            body.push_str(&format!("<section><{h2}>Källor</{h2}><ul>"));
            for s in &c.sources {
                let title = if s.url.is_empty() {
                    escape(&s.title)
                } else {
                    format!("<a href=\"{}\">{}</a>", escape(&s.url), escape(&s.title))
                };
                let detail = if s.detail.is_empty() {
                    String::new()
                } else {
                    format!(" — {}", escape(&s.detail))
                };
                body.push_str(&format!("<li>{title}{detail}</li>"));
            }
            body.push_str("</ul></section>\n");
        }
        if !c.contacts.is_empty() {
            body.push_str(&format!("<section><{h2}>Kontakt</{h2}><ul>"));
            for contact in &c.contacts {
                body.push_str(&format!("<li>{}</li>", escape(contact)));
            }
            body.push_str("</ul></section>\n");
        }
        body.push_str(&format!(
            "<p class=\"provenance\">{}</p>\n</article>\n",
            escape(&c.provenance)
        ));
    }
    format!(
        "<!doctype html>\n<html lang=\"sv\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n\
         <title>{}</title>\n<style>{HTML_STYLE}</style>\n</head>\n<body>\n{body}</body>\n</html>\n",
        escape(title)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_becomes_blocks_of_runs_without_markup() {
        let b = blocks(
            "Ett **viktigt** steg och [en länk](https://example.org).\n\n- ett\n- två\n\n<script>x</script>",
        );
        assert_eq!(b[0].kind, "p");
        assert!(b[0].runs.iter().any(|r| r.strong && r.text == "viktigt"));
        assert!(b[0].runs.iter().any(|r| r.url == "https://example.org"));
        assert_eq!(b[1].kind, "list");
        assert_eq!(b[1].items.len(), 2);
        assert!(
            b.iter()
                .any(|bl| bl.runs.iter().any(|r| r.text.contains("<script>"))),
            "raw HTML stays text"
        );
    }

    #[test]
    fn html_export_escapes_and_drops_unsafe_links() {
        let html = markdown_html("[klicka](javascript:alert(1)) <img src=x onerror=alert(1)>");
        assert!(!html.contains("javascript:"), "{html}");
        assert!(!html.contains("<img"), "{html}");
    }
}
