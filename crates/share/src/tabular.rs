//! Spreadsheets (CSV and XLSX) as entries: the column mapping and the conversion of cells to
//! the fields of an entry.
//!
//! A column is mapped by an explicit mapping (`Rubrik=title;Budget=-`) or by its name, in
//! Swedish or English. A cell that cannot become its field fails its row with a message that
//! names the row, the column and the value; a header that maps to nothing fails the file
//! before any row is read.

use std::collections::HashMap;

use model::error::{Error, Result};
use model::taxonomy::{FocusArea, ReferenceData};
use model::{
    Contact, Entry, Kind, Novelty, OrgType, Organisation, Period, Place, Source, Stage, Status,
    Uptake, UptakeStage,
};

/// The fields a column can map to, with the header names that map to them by themselves.
const FIELDS: &[(&str, &[&str])] = &[
    ("id", &["id"]),
    ("uid", &["uid"]),
    ("kind", &["typ", "kind", "posttyp"]),
    ("title", &["rubrik", "titel", "title"]),
    (
        "summary",
        &["sammanfattning", "summary", "kort beskrivning"],
    ),
    (
        "challenge",
        &["utmaning", "utmaning och behov", "behov", "challenge"],
    ),
    (
        "solution",
        &[
            "losning",
            "losning och genomforande",
            "genomforande",
            "solution",
        ],
    ),
    (
        "results",
        &["resultat", "resultat och effekter", "effekter", "results"],
    ),
    ("lessons", &["lardomar", "lessons"]),
    ("dissemination", &["spridning", "dissemination"]),
    (
        "focus_areas",
        &["fokusomraden", "fokusomrade", "focus_areas", "focus areas"],
    ),
    ("stage", &["skede", "fas", "stage"]),
    ("novelty", &["nyhetsgrad", "novelty"]),
    (
        "organisations",
        &["organisationer", "organisation", "organisations"],
    ),
    (
        "municipalities",
        &[
            "kommuner",
            "kommun",
            "kommunkod",
            "municipality",
            "municipalities",
        ],
    ),
    ("lan", &["lan", "county"]),
    ("start", &["startar", "start", "fran ar", "start_year"]),
    ("end", &["slutar", "slut", "till ar", "end_year"]),
    ("goals", &["agenda 2030", "agenda 2030-mal", "mal", "goals"]),
    ("tags", &["taggar", "nyckelord", "tags"]),
    ("sources", &["kallor", "kalla", "sources", "lank", "lankar"]),
    ("contacts", &["kontakter", "kontakt", "contacts"]),
    ("status", &["status"]),
    (
        "uptakes",
        &[
            "tagits upp av",
            "spridd till",
            "spridningar",
            "upptag",
            "uptakes",
        ],
    ),
];

/// The most rows one import reads.
pub const MAX_ROWS: usize = 100_000;

/// How the columns of a sheet map to fields: `columns[i]` is the field of column `i`, or
/// `None` when the column is skipped.
#[derive(Debug)]
pub struct ColumnMap {
    columns: Vec<Option<&'static str>>,
    headers: Vec<String>,
}

/// Reads a mapping given as `Column=field` pairs separated by `;` or new lines, or as a JSON
/// object `{"Column": "field"}`. A field `-` skips the column.
pub fn parse_mapping(text: &str) -> Result<HashMap<String, String>> {
    let text = text.trim();
    if text.starts_with('{') {
        let map: HashMap<String, String> = serde_json::from_str(text)
            .map_err(|e| Error::invalid(format!("kolumnmappningen är ingen giltig JSON: {e}")))?;
        return Ok(map);
    }
    let mut map = HashMap::new();
    for pair in text.split([';', '\n']).filter(|p| !p.trim().is_empty()) {
        let Some((column, field)) = pair.split_once('=') else {
            return Err(Error::invalid(format!(
                "kolumnmappningen: \"{}\" saknar \"=\" (skriv Kolumn=fält)",
                pair.trim()
            )));
        };
        map.insert(column.trim().to_owned(), field.trim().to_owned());
    }
    Ok(map)
}

/// A header as it is compared: lower case, without diacritics or surrounding space.
fn header_key(header: &str) -> String {
    model::text::fold(header.trim())
}

fn field_names() -> String {
    FIELDS
        .iter()
        .map(|(f, _)| *f)
        .collect::<Vec<_>>()
        .join(", ")
}

impl ColumnMap {
    /// Maps the header row. Every column must map to a field or be skipped explicitly, and
    /// a title column is required.
    pub fn new(headers: &[String], mapping: &HashMap<String, String>) -> Result<ColumnMap> {
        let explicit: HashMap<String, &String> =
            mapping.iter().map(|(k, v)| (header_key(k), v)).collect();
        for column in mapping.keys() {
            if !headers.iter().any(|h| header_key(h) == header_key(column)) {
                return Err(Error::invalid(format!(
                    "kolumnmappningen nämner kolumnen \"{column}\", men filen har ingen sådan \
                     (kolumnerna är: {})",
                    headers.join(", ")
                )));
            }
        }
        let mut columns = Vec::with_capacity(headers.len());
        let mut unknown = Vec::new();
        for (i, header) in headers.iter().enumerate() {
            let key = header_key(header);
            let field = match explicit.get(&key) {
                Some(field) if field.as_str() == "-" || field.is_empty() => None,
                Some(field) => match FIELDS.iter().find(|(f, _)| f == field) {
                    Some((f, _)) => Some(*f),
                    None => {
                        return Err(Error::invalid(format!(
                            "kolumnmappningen: \"{field}\" (för kolumnen \"{header}\") är inget \
                             fält; fälten är: {}",
                            field_names()
                        )));
                    }
                },
                None if key.is_empty() => None,
                None => match FIELDS
                    .iter()
                    .find(|(f, aliases)| *f == key || aliases.contains(&key.as_str()))
                {
                    Some((f, _)) => Some(*f),
                    None => {
                        unknown.push(format!("\"{header}\" (kolumn {})", column_letter(i)));
                        None
                    }
                },
            };
            if let Some(f) = field
                && let Some(j) = columns.iter().position(|c| *c == Some(f))
            {
                return Err(Error::invalid(format!(
                    "kolumnerna \"{}\" och \"{header}\" hör båda till fältet {f}; \
                     hoppa över den ena med --map \"{header}=-\"",
                    headers[j]
                )));
            }
            columns.push(field);
        }
        if !unknown.is_empty() {
            return Err(Error::invalid(format!(
                "{} {} känns inte igen; koppla till ett fält med --map \"Kolumn=fält\" eller \
                 hoppa över med --map \"Kolumn=-\" (fälten är: {})",
                if unknown.len() == 1 {
                    "kolumnen"
                } else {
                    "kolumnerna"
                },
                unknown.join(", "),
                field_names()
            )));
        }
        if !columns.contains(&Some("title")) {
            return Err(Error::invalid(format!(
                "filen saknar en kolumn för rubriken (title); kolumnerna är: {}",
                headers.join(", ")
            )));
        }
        Ok(ColumnMap {
            columns,
            headers: headers.to_vec(),
        })
    }

    /// Whether a column sets the entry's status (otherwise an update keeps it).
    pub fn has(&self, field: &str) -> bool {
        self.columns.contains(&Some(field))
    }

    /// The text of a row's cell for `field`, as it stands (for naming a row that cannot
    /// become an entry).
    pub fn cell<'c>(&self, cells: &'c [String], field: &str) -> &'c str {
        self.columns
            .iter()
            .position(|c| *c == Some(field))
            .and_then(|i| cells.get(i))
            .map_or("", |c| c.trim())
    }

    /// One row as an entry. `focus` is the library's taxonomy.
    pub fn entry(&self, cells: &[String], focus: &[FocusArea]) -> Result<Entry> {
        if cells.len() > self.headers.len()
            && cells[self.headers.len()..]
                .iter()
                .any(|c| !c.trim().is_empty())
        {
            return Err(Error::invalid(format!(
                "raden har {} kolumner, rubrikraden {}",
                cells.len(),
                self.headers.len()
            )));
        }
        let mut entry = Entry::new(Kind::Exempel);
        let mut period = Period::default();
        for (i, field) in self.columns.iter().enumerate() {
            let Some(field) = field else { continue };
            let value = cells.get(i).map(|s| s.trim()).unwrap_or("");
            if value.is_empty() {
                continue;
            }
            let column = &self.headers[i];
            let bad = |problem: String| Error::invalid(format!("kolumnen \"{column}\": {problem}"));
            match *field {
                "id" => entry.id = value.to_owned(),
                "uid" => entry.uid = value.to_owned(),
                "kind" => {
                    entry.kind = pick(value, Kind::ALL, |k| (k.slug(), k.label())).map_err(bad)?
                }
                "title" => entry.title = value.to_owned(),
                "summary" => entry.summary = value.to_owned(),
                "challenge" => entry.sections.challenge = value.to_owned(),
                "solution" => entry.sections.solution = value.to_owned(),
                "results" => entry.sections.results = value.to_owned(),
                "lessons" => entry.sections.lessons = value.to_owned(),
                "dissemination" => entry.sections.dissemination = value.to_owned(),
                "stage" => {
                    entry.stage =
                        Some(pick(value, Stage::ALL, |s| (s.slug(), s.label())).map_err(bad)?)
                }
                "novelty" => {
                    entry.novelty =
                        Some(pick(value, Novelty::ALL, |n| (n.slug(), n.label())).map_err(bad)?)
                }
                "status" => {
                    entry.status =
                        pick(value, Status::ALL, |s| (s.slug(), s.label())).map_err(bad)?
                }
                "focus_areas" => {
                    for item in items(value) {
                        let key = header_key(item);
                        let area = focus
                            .iter()
                            .find(|f| f.slug == item || header_key(&f.name) == key)
                            .ok_or_else(|| {
                                bad(format!(
                                    "okänt fokusområde \"{item}\"; de finns: {}",
                                    focus
                                        .iter()
                                        .map(|f| f.name.as_str())
                                        .collect::<Vec<_>>()
                                        .join("; ")
                                ))
                            })?;
                        entry.focus_areas.push(area.slug.clone());
                    }
                }
                "organisations" => {
                    for item in items(value) {
                        entry.organisations.push(organisation(item).map_err(bad)?);
                    }
                }
                "municipalities" => {
                    let reference = ReferenceData::get();
                    for item in items(value) {
                        let m = reference
                            .find_municipality(item)
                            .or_else(|| {
                                reference.find_municipality(item.trim_end_matches(" kommun"))
                            })
                            .ok_or_else(|| {
                                bad(format!("okänd kommun \"{item}\" (namn eller SCB-kod)"))
                            })?;
                        entry.places.push(Place {
                            municipality_code: m.code.clone(),
                            ..Place::default()
                        });
                    }
                }
                "lan" => {
                    let reference = ReferenceData::get();
                    for item in items(value) {
                        let c = reference.find_county(item).ok_or_else(|| {
                            bad(format!("okänt län \"{item}\" (namn eller SCB-kod)"))
                        })?;
                        if !entry.places.iter().any(|p| p.lan_code == c.code) {
                            entry.places.push(Place {
                                lan_code: c.code.clone(),
                                ..Place::default()
                            });
                        }
                    }
                }
                "start" => period.start = Some(year(value).map_err(bad)?),
                "end" => period.end = Some(year(value).map_err(bad)?),
                "goals" => {
                    for item in value
                        .split(|c: char| !c.is_ascii_digit())
                        .filter(|s| !s.is_empty())
                    {
                        let goal: u8 = item
                            .parse()
                            .map_err(|_| bad(format!("\"{item}\" är inget mål (1–17)")))?;
                        entry.goals.push(goal);
                    }
                }
                "tags" => entry.tags.extend(items(value).map(str::to_owned)),
                "sources" => entry.sources.extend(
                    value
                        .split([';', '\n'])
                        .filter(|s| !s.trim().is_empty())
                        .map(source),
                ),
                "contacts" => {
                    for item in value.split([';', '\n']).filter(|s| !s.trim().is_empty()) {
                        let mut parts = item.split(',').map(|p| p.trim().to_owned());
                        entry.contacts.push(Contact {
                            name: parts.next().unwrap_or_default(),
                            role: parts.next().unwrap_or_default(),
                            organisation: parts.collect::<Vec<_>>().join(", "),
                            email: String::new(),
                            phone: String::new(),
                        });
                    }
                }
                "uptakes" => {
                    for line in value.split(['\n', ';']).filter(|s| !s.trim().is_empty()) {
                        entry.uptakes.push(uptake(line).map_err(bad)?);
                    }
                }
                other => unreachable!("field {other} is in FIELDS"),
            }
        }
        // A place given by municipality already carries its county; a county column only adds
        // counties that no municipality names.
        let reference = ReferenceData::get();
        let municipal_counties: Vec<String> = entry
            .places
            .iter()
            .filter_map(|p| reference.municipality(&p.municipality_code))
            .map(|m| m.lan_code.clone())
            .collect();
        entry.places.retain(|p| {
            !p.municipality_code.is_empty() || !municipal_counties.contains(&p.lan_code)
        });
        if period.start.is_some() || period.end.is_some() {
            entry.period = Some(period);
        }
        Ok(entry)
    }
}

/// A value of a fixed list, by slug or Swedish label, without regard to case or diacritics.
fn pick<T: Copy>(
    value: &str,
    all: &[T],
    names: impl Fn(T) -> (&'static str, &'static str),
) -> std::result::Result<T, String> {
    let key = header_key(value);
    all.iter()
        .copied()
        .find(|&v| {
            let (slug, label) = names(v);
            slug == key || header_key(label) == key
        })
        .ok_or_else(|| {
            let allowed: Vec<&str> = all.iter().map(|&v| names(v).1).collect();
            format!(
                "okänt värde \"{value}\"; välj bland: {}",
                allowed.join(", ")
            )
        })
}

/// The items of a list cell, separated by `;`, `,` or new lines.
fn items(value: &str) -> impl Iterator<Item = &str> {
    value
        .split([';', ',', '\n'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

fn year(value: &str) -> std::result::Result<i32, String> {
    let digits = value.trim().trim_end_matches(".0");
    digits
        .parse::<i32>()
        .ok()
        .filter(|y| (1900..=2100).contains(y))
        .ok_or_else(|| format!("\"{value}\" är inget årtal"))
}

/// "Name (type)", or a name whose type is read from the name itself.
fn organisation(item: &str) -> std::result::Result<Organisation, String> {
    let (name, org_type) = match item.rsplit_once('(') {
        Some((name, rest)) if rest.ends_with(')') => {
            let t = &rest[..rest.len() - 1];
            (
                name.trim(),
                pick(t, OrgType::ALL, |o| (o.slug(), o.label()))?,
            )
        }
        _ => {
            let lower = item.to_lowercase();
            let guessed = if lower.contains("kommun") {
                OrgType::Kommun
            } else if lower.starts_with("region ") || lower.contains("regionen") {
                OrgType::Region
            } else if lower.contains("universitet") || lower.contains("högskola") {
                OrgType::Akademi
            } else {
                OrgType::Annan
            };
            (item.trim(), guessed)
        }
    };
    Ok(Organisation {
        name: name.to_owned(),
        org_type,
        role: String::new(),
    })
}

/// One uptake in a cell, as a list writes it: `who | stage | date | source | note` (the date
/// and the note may be empty). `who` is an SCB code with or without its name ("1880 Örebro"),
/// a municipality's or a county's name, a count ("16 kommuner"), or "Name (type)".
fn uptake(line: &str) -> std::result::Result<Uptake, String> {
    let parts: Vec<&str> = line.split('|').map(str::trim).collect();
    let [who, stage, rest @ ..] = parts.as_slice() else {
        return Err(format!(
            "\"{}\": skriv vem | skede | datum | källa | anteckning",
            line.trim()
        ));
    };
    let stage = pick(stage, UptakeStage::ALL, |s| (s.slug(), s.label()))?;
    let date = rest.first().copied().unwrap_or_default();
    let source = rest.get(1).copied().unwrap_or_default();
    let note = rest.get(2..).map(|n| n.join(" | ")).unwrap_or_default();
    let mut u = Uptake {
        code: String::new(),
        organisation: String::new(),
        org_type: OrgType::Annan,
        count: None,
        stage,
        date: date.to_owned(),
        source: source.to_owned(),
        note,
        contacts: Vec::new(),
    };
    let reference = ReferenceData::get();
    let (number, type_words) = who.split_once(' ').unwrap_or((who, ""));
    let counted_type = |words: &str| {
        let words = header_key(words);
        OrgType::ALL.iter().copied().find(|t| {
            [t.counted(2), t.counted(1)]
                .iter()
                .any(|c| header_key(c.split_once(' ').map_or("", |(_, w)| w)) == words)
        })
    };
    let first = who.split_whitespace().next().unwrap_or_default();
    if let (Ok(count), Some(org_type)) = (number.parse::<u32>(), counted_type(type_words)) {
        u.count = Some(count);
        u.org_type = org_type;
    } else if matches!(first.len(), 2 | 4)
        && first.bytes().all(|b| b.is_ascii_digit())
        && (number == *who
            || code_name(first).is_some_and(|n| header_key(&n) == header_key(type_words)))
    {
        u.code = first.to_owned();
    } else if number.parse::<u32>().is_ok() {
        return Err(format!(
            "\"{who}\": skriv antalet och typen, till exempel \"16 kommuner\""
        ));
    } else if let Some(m) = reference.find_municipality(who.trim_end_matches(" kommun")) {
        u.code = m.code.clone();
    } else if let Some(c) = reference.find_county(who) {
        u.code = c.code.clone();
    } else {
        let org = organisation(who)?;
        u.organisation = org.name;
        u.org_type = org.org_type;
    }
    Ok(u)
}

/// The name of a municipality's or a county's SCB code.
fn code_name(code: &str) -> Option<String> {
    let reference = ReferenceData::get();
    match code.len() {
        4 => reference.municipality(code).map(|m| m.name.clone()),
        _ => reference.county(code).map(|c| c.name.clone()),
    }
}

/// An uptake as a list cell writes it; [`uptake`] reads it back.
pub fn uptake_cell(u: &Uptake) -> String {
    let who = if let Some(n) = u.count {
        u.org_type.counted(n)
    } else if !u.code.is_empty() {
        let name = code_name(&u.code).unwrap_or_else(|| u.organisation.clone());
        format!("{} {name}", u.code)
    } else {
        format!("{} ({})", u.organisation, u.org_type.label())
    };
    let mut cell = format!("{who} | {} | {} | {}", u.stage.label(), u.date, u.source);
    if !u.note.is_empty() {
        cell.push_str(&format!(" | {}", u.note));
    }
    cell
}

/// "Title <url>", a bare URL, or a bare title.
fn source(item: &str) -> Source {
    let item = item.trim();
    let (title, url) = match item.rsplit_once('<') {
        Some((title, rest)) if rest.ends_with('>') => (
            title.trim().to_owned(),
            rest[..rest.len() - 1].trim().to_owned(),
        ),
        _ if item.starts_with("http://") || item.starts_with("https://") => {
            (item.to_owned(), item.to_owned())
        }
        _ => (item.to_owned(), String::new()),
    };
    Source {
        title,
        url,
        publisher: String::new(),
        date: String::new(),
        licence: String::new(),
    }
}

/// Spreadsheet column letters: 0 → A, 26 → AA.
pub fn column_letter(mut i: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (i % 26) as u8);
        if i < 26 {
            break;
        }
        i = i / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).expect("ASCII letters")
}

/// The first characters that make a spreadsheet program read a CSV cell as a formula (or, for
/// tab and carriage return, that some programs strip before they do).
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A cell as the CSV export writes it: one that would start a formula gets a `'` in front,
/// which spreadsheet programs show as text.
pub fn neutralise(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(FORMULA_STARTS) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

/// A cell as the import reads it: the `'` that [`neutralise`] put in front is removed again,
/// so an export read back changes nothing (a section that starts with "- " stays a list).
pub fn unneutralise(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(FORMULA_STARTS) => rest,
        _ => cell,
    }
}

/// A CSV file's text as rows of cells. The delimiter (`;`, `,` or tab) is read from the
/// header line; Swedish spreadsheet programs write `;`.
pub fn csv_rows(text: &str) -> Result<Vec<Vec<String>>> {
    let first = text.lines().next().unwrap_or("");
    let delimiter = [b';', b',', b'\t']
        .into_iter()
        .max_by_key(|&d| first.bytes().filter(|&b| b == d).count())
        .unwrap_or(b';');
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let record = record
            .map_err(|e| Error::invalid(format!("rad {}: CSV-filen kan inte läsas: {e}", i + 1)))?;
        if rows.len() > MAX_ROWS {
            return Err(Error::invalid(format!(
                "filen har fler än {MAX_ROWS} rader; dela upp den"
            )));
        }
        rows.push(record.iter().map(|c| unneutralise(c).to_owned()).collect());
    }
    Ok(rows)
}

/// The most columns a sheet may have (an entry has about forty fields).
pub const MAX_COLUMNS: usize = 200;

/// The first sheet of an XLSX (or ODS, XLS) workbook as rows of cells.
pub fn sheet_rows(bytes: &[u8]) -> Result<Vec<Vec<String>>> {
    if let Ok(mut xlsx) = calamine::Xlsx::new(std::io::Cursor::new(bytes)) {
        return xlsx_rows(&mut xlsx);
    }
    use calamine::Reader;
    let cursor = std::io::Cursor::new(bytes);
    let mut workbook = calamine::open_workbook_auto_from_rs(cursor).map_err(|e| {
        Error::invalid(format!(
            "kalkylbladet kan inte läsas (är filen trasig eller avkortad?): {e}"
        ))
    })?;
    let range = workbook
        .worksheet_range_at(0)
        .ok_or_else(|| Error::invalid("arbetsboken har inget blad"))?
        .map_err(|e| Error::invalid(format!("första bladet kan inte läsas: {e}")))?;
    if range.height() > MAX_ROWS + 1 || range.width() > MAX_COLUMNS {
        return Err(too_large(range.height(), range.width()));
    }
    let mut rows = Vec::with_capacity(range.height());
    for (r, row) in range.rows().enumerate() {
        let mut cells = Vec::with_capacity(row.len());
        for (c, cell) in row.iter().enumerate() {
            cells.push(cell_text(cell, r, c)?);
        }
        rows.push(cells);
    }
    Ok(rows)
}

/// An XLSX sheet read cell by cell, so that a small file claiming a cell at XFD1048576 costs
/// nothing: a cell beyond the row or column limit is refused before any room is reserved for
/// it. Rows and columns start at the first used ones, as a whole-sheet read would.
fn xlsx_rows<RS: std::io::Read + std::io::Seek>(
    xlsx: &mut calamine::Xlsx<RS>,
) -> Result<Vec<Vec<String>>> {
    use calamine::Reader;
    let unreadable =
        |e: calamine::XlsxError| Error::invalid(format!("första bladet kan inte läsas: {e}"));
    let name = xlsx
        .sheet_names()
        .first()
        .cloned()
        .ok_or_else(|| Error::invalid("arbetsboken har inget blad"))?;
    let mut reader = xlsx.worksheet_cells_reader(&name).map_err(unreadable)?;
    let mut rows: Vec<Vec<String>> = Vec::new();
    let (mut first_row, mut first_column) = (usize::MAX, usize::MAX);
    while let Some(cell) = reader.next_cell().map_err(unreadable)? {
        let (r, c) = cell.get_position();
        let (r, c) = (r as usize, c as usize);
        if r > MAX_ROWS || c >= MAX_COLUMNS {
            return Err(too_large(r + 1, c + 1));
        }
        let text = cell_text(&calamine::Data::from(cell.get_value().clone()), r, c)?;
        if text.is_empty() {
            continue;
        }
        first_row = first_row.min(r);
        first_column = first_column.min(c);
        if rows.len() <= r {
            rows.resize_with(r + 1, Vec::new);
        }
        if rows[r].len() <= c {
            rows[r].resize(c + 1, String::new());
        }
        rows[r][c] = text;
    }
    if rows.is_empty() {
        return Ok(rows);
    }
    Ok(rows
        .drain(first_row..)
        .map(|row| row.into_iter().skip(first_column).collect())
        .collect())
}

fn too_large(rows: usize, columns: usize) -> Error {
    Error::invalid(format!(
        "bladet går till rad {rows} och kolumn {}; högst {MAX_ROWS} rader och {MAX_COLUMNS} \
         kolumner läses, dela upp det",
        column_letter(columns.saturating_sub(1))
    ))
}

/// A cell as text, or the cell's own error, naming the cell.
fn cell_text(cell: &calamine::Data, r: usize, c: usize) -> Result<String> {
    use calamine::Data;
    Ok(match cell {
        Data::Empty => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => if *b { "ja" } else { "nej" }.to_owned(),
        Data::DateTime(d) => d.to_string(),
        Data::Error(e) => {
            return Err(Error::invalid(format!(
                "cell {}{}: cellen har felet {e}",
                column_letter(c),
                r + 1
            )));
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Finding 11 of the hardening review: the export's protective `'` stayed in the cell
    /// when the CSV was imported again, and tab and carriage return were not neutralised.
    #[test]
    fn csv_formula_neutralisation_round_trips() {
        for cell in [
            "- en punkt",
            "=SUMMA(A1)",
            "+46 8 123",
            "@namn",
            "\tindrag",
            "\rx",
            "'citat",
            "vanlig",
        ] {
            let written = neutralise(cell);
            if cell.starts_with(FORMULA_STARTS) {
                assert!(written.starts_with('\''), "{cell:?} is not neutralised");
            }
            assert_eq!(unneutralise(&written), cell);
        }
        let csv = format!(
            "Rubrik;Resultat\nEtt;{}\n",
            neutralise("- punkt ett\n- punkt två")
        );
        let rows = csv_rows(&csv.replace("\n- punkt två", " - punkt två")).unwrap();
        assert_eq!(rows[1][1], "- punkt ett - punkt två");
    }

    fn headers(h: &[&str]) -> Vec<String> {
        h.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn swedish_headers_map_without_help() {
        let map = ColumnMap::new(
            &headers(&["Rubrik", "Fokusområden", "Kommun", "Startår"]),
            &HashMap::new(),
        )
        .unwrap();
        assert!(
            map.has("title")
                && map.has("focus_areas")
                && map.has("municipalities")
                && map.has("start")
        );
    }

    #[test]
    fn an_uptake_cell_reads_codes_names_counts_and_organisations() {
        let read = |cell: &str| uptake(cell).unwrap();
        let u = read("16 kommuner | Intresserad | | Mälardalsrådet");
        assert_eq!(
            (u.count, u.org_type, u.code.as_str()),
            (Some(16), OrgType::Kommun, "")
        );
        assert_eq!(read("1 region | testar | | S").org_type, OrgType::Region);
        let u = read("1880 Örebro | testar | 2021 | S | första året");
        assert_eq!(
            (u.code.as_str(), u.date.as_str(), u.note.as_str()),
            ("1880", "2021", "första året")
        );
        assert_eq!(read("Uppsala | infört | 2022 | S").code, "0380");
        assert_eq!(read("Uppsala kommun | Infört | 2022 | S").code, "0380");
        assert_eq!(read("Uppsala län | planerar | | S").code, "03");
        let u = read("Testnätverket (Ideell sektor) | intresserad | 2021 | S");
        assert_eq!(
            (u.organisation.as_str(), u.org_type),
            ("Testnätverket", OrgType::Ideell)
        );
        for (bad, words) in [
            ("Örebro", "vem | skede"),
            ("16 stycken | testar | | S", "16 kommuner"),
            ("Örebro | klar | | S", "Intresserad"),
        ] {
            let message = uptake(bad).unwrap_err();
            assert!(message.contains(words), "{bad}: {message}");
        }
        // What a list writes, it reads back.
        for cell in [
            "16 kommuner | Intresserad |  | S",
            "0380 Uppsala | Infört | 2022 | S | a | b",
        ] {
            assert_eq!(
                uptake_cell(&read(cell)).replace("  ", " "),
                cell.replace("  ", " ")
            );
        }
    }

    #[test]
    fn an_unknown_column_names_itself_and_its_letter() {
        let err = ColumnMap::new(&headers(&["Rubrik", "Budget"]), &HashMap::new()).unwrap_err();
        assert!(
            err.message.contains("\"Budget\" (kolumn B)"),
            "{}",
            err.message
        );
        let skip = parse_mapping("Budget=-").unwrap();
        assert!(ColumnMap::new(&headers(&["Rubrik", "Budget"]), &skip).is_ok());
    }

    #[test]
    fn cells_become_fields_and_bad_values_name_the_column() {
        let map = ColumnMap::new(
            &headers(&["Rubrik", "Typ", "Skede", "Kommun", "Mål", "Organisationer"]),
            &HashMap::new(),
        )
        .unwrap();
        let row = headers(&[
            "Matsvinn",
            "Metod",
            "Test/pilot",
            "Södertälje",
            "2; 12",
            "Södertälje kommun",
        ]);
        let e = map.entry(&row, &[]).unwrap();
        assert_eq!(e.kind, Kind::Metod);
        assert_eq!(e.stage, Some(Stage::Pilot));
        assert_eq!(e.places[0].municipality_code, "0181");
        assert_eq!(e.goals, [2, 12]);
        assert_eq!(e.organisations[0].org_type, OrgType::Kommun);
        let bad = headers(&["Matsvinn", "Metod", "Pilott", "", "", ""]);
        let err = map.entry(&bad, &[]).unwrap_err();
        assert!(
            err.message.contains("kolumnen \"Skede\"") && err.message.contains("\"Pilott\""),
            "{}",
            err.message
        );
    }

    #[test]
    fn csv_delimiter_is_read_from_the_header() {
        let rows = csv_rows("Rubrik;Sammanfattning\n\"A; b\";c\n").unwrap();
        assert_eq!(rows[1], ["A; b", "c"]);
        let rows = csv_rows("Rubrik,Sammanfattning\nA,c\n").unwrap();
        assert_eq!(rows[1], ["A", "c"]);
    }

    #[test]
    fn column_letters_go_past_z() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
    }
}
