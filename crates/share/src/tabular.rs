//! Spreadsheets (CSV and XLSX) as entries: the column mapping and the conversion of cells to
//! the fields of an entry.
//!
//! A column is mapped by a [`Mapping`] (`--map "Rubrik=title;Budget=-"`, a mapping file in
//! TOML or JSON, or a preset from `assets/mappings/`) or by its name, in Swedish or English.
//! A column may fill one part of a list field (`Lead organisation=organisations.name`), and a
//! value map translates a file's own values (`Pilot=pilot`). A cell that cannot become its
//! field fails its row with a message that names the row, the column and the value; a header
//! that maps to nothing fails the file before any row is read, unless unmapped columns are
//! skipped on request.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};

use serde::Deserialize;

use model::error::{Error, Result};
use model::taxonomy::{FocusArea, ReferenceData};
use model::{
    Contact, Entry, Kind, Language, Novelty, OrgType, Organisation, Period, Place, SectionKey,
    Source, Stage, Status, Uptake, UptakeStage,
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
    ("language", &["sprak", "language", "lang"]),
    ("countries", &["land", "lander", "country", "countries"]),
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

/// The parts of list fields that one column can fill: the columns of one row that name parts
/// of the same field make one item (`organisations.name` and `organisations.type`).
const SUBFIELDS: &[(&str, &[&str])] = &[
    ("organisations", &["name", "type", "role"]),
    ("places", &["country", "municipality", "lan"]),
    (
        "contacts",
        &["name", "role", "organisation", "email", "phone"],
    ),
    ("sources", &["title", "url", "publisher"]),
];

/// Fields that hold lists: several columns may fill them, and a value map applies to each item.
const LIST_FIELDS: &[&str] = &[
    "focus_areas",
    "organisations",
    "municipalities",
    "lan",
    "countries",
    "goals",
    "tags",
    "sources",
    "contacts",
    "uptakes",
];

/// The column the rejects file of an import adds (see [`rejects_csv`]); an import skips it,
/// so a fixed rejects file imports as it is.
pub const REJECT_REASON_HEADER: &str = "Avvisad: skäl";

/// The most rows one import reads.
pub const MAX_ROWS: usize = 100_000;
/// The most distinct values a suggested mapping lists for one column.
const MAX_LISTED_VALUES: usize = 60;

/// The mapping presets shipped in `assets/mappings/`, by name.
pub const PRESETS: &[(&str, &str)] = &[
    ("pstw", include_str!("../../../assets/mappings/pstw.toml")),
    (
        "kommun",
        include_str!("../../../assets/mappings/kommun.toml"),
    ),
];

/// How a file's columns and values become fields: what a mapping file (TOML or JSON), a
/// preset or the `--map` and `--values` options say.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mapping {
    /// Column name → field (`title`, `organisations.name`) or `-` to skip it.
    #[serde(default)]
    pub columns: BTreeMap<String, String>,
    /// Column name → (a value of the file → the value to use; empty drops the value).
    #[serde(default)]
    pub values: BTreeMap<String, BTreeMap<String, String>>,
    /// Skip the columns the mapping does not name and no field is called (they are listed in
    /// the report).
    #[serde(default)]
    pub skip_unmapped: bool,
    /// The section a summary longer than the limit moves to (`solution`, …); its first
    /// sentences stay as the summary. Without it such a row is refused.
    #[serde(default)]
    pub long_summary: Option<String>,
    /// The language of every row (`sv`, `en`, …); without it each row's is detected.
    #[serde(default)]
    pub language: Option<String>,
    /// Columns the mapping names may be missing from the file (a preset names the columns
    /// of a shape, not of one file).
    #[serde(skip)]
    pub lenient: bool,
}

impl Mapping {
    /// `Column=field` pairs separated by `;` or new lines, a JSON object `{"Column": "field"}`
    /// or a whole mapping as JSON. A field `-` skips the column.
    pub fn from_pairs(text: &str) -> Result<Mapping> {
        let text = text.trim();
        if text.starts_with('{') {
            return Mapping::from_json(text);
        }
        let mut mapping = Mapping::default();
        for pair in text.split([';', '\n']).filter(|p| !p.trim().is_empty()) {
            let Some((column, field)) = pair.split_once('=') else {
                return Err(Error::invalid(format!(
                    "kolumnmappningen: \"{}\" saknar \"=\" (skriv Kolumn=fält)",
                    pair.trim()
                )));
            };
            mapping
                .columns
                .insert(column.trim().to_owned(), field.trim().to_owned());
        }
        Ok(mapping)
    }

    /// A mapping as text in any of its forms: JSON (`{…}`), TOML (a mapping file, which has
    /// `[columns]`, quotes or comments) or `Column=field` pairs.
    pub fn from_text(text: &str) -> Result<Mapping> {
        let trimmed = text.trim_start();
        if trimmed.starts_with('{') {
            Mapping::from_json(text)
        } else if text.contains(['[', '"', '#']) {
            Mapping::from_toml(text)
        } else {
            Mapping::from_pairs(text)
        }
    }

    /// A mapping file in JSON: the whole mapping (`{"columns": {…}, "values": {…}}`) or only
    /// the columns (`{"Column": "field"}`).
    pub fn from_json(text: &str) -> Result<Mapping> {
        let bad = |e: serde_json::Error| {
            Error::invalid(format!(
                "mappningsfilen är ingen giltig JSON (rad {}, kolumn {}): {e}",
                e.line(),
                e.column()
            ))
        };
        let value: serde_json::Value = serde_json::from_str(text).map_err(bad)?;
        if value
            .get("columns")
            .is_some_and(serde_json::Value::is_object)
        {
            serde_json::from_value(value).map_err(bad)
        } else {
            Ok(Mapping {
                columns: serde_json::from_value(value).map_err(bad)?,
                ..Mapping::default()
            })
        }
    }

    /// A mapping file in TOML (what `--suggest-mapping` writes).
    pub fn from_toml(text: &str) -> Result<Mapping> {
        toml::from_str(text).map_err(|e| {
            let line = e
                .span()
                .map(|s| text[..s.start.min(text.len())].lines().count().max(1));
            Error::invalid(format!(
                "mappningsfilen kan inte läsas{}: {}",
                line.map(|l| format!(" (rad {l})")).unwrap_or_default(),
                e.message()
            ))
        })
    }

    /// A preset shipped with the program, by name.
    pub fn preset(name: &str) -> Result<Mapping> {
        let (_, text) = PRESETS.iter().find(|(n, _)| *n == name).ok_or_else(|| {
            let names: Vec<&str> = PRESETS.iter().map(|(n, _)| *n).collect();
            Error::invalid(format!(
                "--preset: det finns ingen förinställning \"{name}\"; de finns: {}",
                names.join(", ")
            ))
        })?;
        let mut mapping = Mapping::from_toml(text)?;
        mapping.lenient = true;
        Ok(mapping)
    }

    /// Adds value maps written as `column: From=to; Other=to`, one column per line.
    pub fn add_values(&mut self, text: &str) -> Result<()> {
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            let Some((column, pairs)) = line.split_once(':') else {
                return Err(Error::invalid(format!(
                    "--values: \"{}\" saknar \":\" (skriv \"kolumn: Värde=värde; Annat=värde\")",
                    line.trim()
                )));
            };
            let map = self.values.entry(column.trim().to_owned()).or_default();
            for pair in pairs.split(';').filter(|p| !p.trim().is_empty()) {
                let Some((from, to)) = pair.split_once('=') else {
                    return Err(Error::invalid(format!(
                        "--values för \"{}\": \"{}\" saknar \"=\" (skriv Värde=värde)",
                        column.trim(),
                        pair.trim()
                    )));
                };
                map.insert(from.trim().to_owned(), to.trim().to_owned());
            }
        }
        Ok(())
    }

    /// This mapping with `over`'s columns, values and settings on top (options over a file).
    pub fn merge(mut self, over: Mapping) -> Mapping {
        self.columns.extend(over.columns);
        for (column, values) in over.values {
            self.values.entry(column).or_default().extend(values);
        }
        self.skip_unmapped |= over.skip_unmapped;
        // `none` (or `-`) and `detect` switch a preset's choice off.
        match over.long_summary.as_deref() {
            Some("none" | "-") => self.long_summary = None,
            Some(_) => self.long_summary = over.long_summary,
            None => {}
        }
        match over.language.as_deref() {
            Some("detect" | "-") => self.language = None,
            Some(_) => self.language = over.language,
            None => {}
        }
        self
    }

    /// The section named by `long_summary`, checked.
    pub fn long_summary_section(&self) -> Result<Option<SectionKey>> {
        self.long_summary
            .as_deref()
            .filter(|name| !matches!(*name, "none" | "-"))
            .map(|name| {
                section_by_name(name).ok_or_else(|| {
                    Error::invalid(format!(
                        "long_summary: \"{name}\" är inget avsnitt; välj challenge, solution, \
                         results, lessons eller dissemination"
                    ))
                })
            })
            .transpose()
    }

    /// The language named by `language`, checked.
    pub fn language(&self) -> Result<Option<Language>> {
        self.language
            .as_deref()
            .filter(|name| !matches!(*name, "detect" | "-"))
            .map(|name| {
                language_by_name(name).ok_or_else(|| {
                    Error::invalid(format!(
                        "språket \"{name}\" finns inte; välj sv, en, da, no eller fi"
                    ))
                })
            })
            .transpose()
    }
}

/// A section by its key or Swedish heading (`solution`, `Lösning och genomförande`); `section`
/// alone is the solution, where a case's description belongs.
pub fn section_by_name(name: &str) -> Option<SectionKey> {
    let key = header_key(name);
    [
        SectionKey::Challenge,
        SectionKey::Solution,
        SectionKey::Results,
        SectionKey::Lessons,
        SectionKey::Dissemination,
    ]
    .into_iter()
    .find(|s| s.key() == key || header_key(s.heading()) == key)
    .or((key == "section").then_some(SectionKey::Solution))
}

/// A language by its code, its Swedish name or its English name.
pub fn language_by_name(name: &str) -> Option<Language> {
    let key = header_key(name);
    let english = [
        ("swedish", Language::Sv),
        ("english", Language::En),
        ("danish", Language::Da),
        ("norwegian", Language::No),
        ("nb", Language::No),
        ("nn", Language::No),
        ("finnish", Language::Fi),
    ];
    Language::ALL
        .iter()
        .copied()
        .find(|l| l.slug() == key || header_key(l.label()) == key)
        .or_else(|| english.iter().find(|(n, _)| *n == key).map(|(_, l)| *l))
}

/// The language of a text, detected among those the search can stem (a kept crate,
/// `whatlang`), or `None` when the text is too short or unclear to tell.
pub fn detect_language(text: &str) -> Option<Language> {
    use whatlang::Lang;
    let detector = whatlang::Detector::with_allowlist(vec![
        Lang::Swe,
        Lang::Eng,
        Lang::Dan,
        Lang::Nob,
        Lang::Fin,
    ]);
    let info = detector.detect(text)?;
    if !info.is_reliable() {
        return None;
    }
    Some(match info.lang() {
        Lang::Swe => Language::Sv,
        Lang::Eng => Language::En,
        Lang::Dan => Language::Da,
        Lang::Nob => Language::No,
        Lang::Fin => Language::Fi,
        _ => return None,
    })
}

/// Where a column goes: a field, or one part of a list field's item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Target {
    field: &'static str,
    part: Option<&'static str>,
}

impl Target {
    /// The target a mapping's field name names (`title`, `organisations.type`).
    fn named(name: &str) -> Option<Target> {
        match name.split_once('.') {
            None => FIELDS
                .iter()
                .find(|(f, _)| *f == name)
                .map(|(f, _)| Target {
                    field: f,
                    part: None,
                }),
            Some((field, part)) => {
                SUBFIELDS
                    .iter()
                    .find(|(f, _)| *f == field)
                    .and_then(|(f, parts)| {
                        parts.iter().find(|p| **p == part).map(|p| Target {
                            field: f,
                            part: Some(p),
                        })
                    })
            }
        }
    }

    fn is_list(self) -> bool {
        self.part.is_none() && LIST_FIELDS.contains(&self.field)
    }
}

impl std::fmt::Display for Target {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.part {
            Some(part) => write!(f, "{}.{part}", self.field),
            None => f.write_str(self.field),
        }
    }
}

/// How the columns of a sheet map to fields: `columns[i]` is the target of column `i`, or
/// `None` when the column is skipped.
#[derive(Debug)]
pub struct ColumnMap {
    columns: Vec<Option<Target>>,
    headers: Vec<String>,
    /// Per column, its value map with folded keys.
    values: Vec<Option<HashMap<String, String>>>,
    /// The columns skipped because nothing maps them (`skip_unmapped`).
    pub skipped: Vec<String>,
}

/// A header as it is compared: lower case, without diacritics or surrounding space.
fn header_key(header: &str) -> String {
    model::text::fold(header.trim())
}

fn field_names() -> String {
    let mut names: Vec<String> = FIELDS.iter().map(|(f, _)| (*f).to_owned()).collect();
    for (field, parts) in SUBFIELDS {
        names.extend(parts.iter().map(|p| format!("{field}.{p}")));
    }
    names.join(", ")
}

impl ColumnMap {
    /// Maps the header row. Every column must map to a field or be skipped (explicitly, or
    /// all unmapped ones with `skip_unmapped`), and a title column is required.
    pub fn new(headers: &[String], mapping: &Mapping) -> Result<ColumnMap> {
        let explicit: HashMap<String, &String> = mapping
            .columns
            .iter()
            .map(|(k, v)| (header_key(k), v))
            .collect();
        let has = |column: &str| headers.iter().any(|h| header_key(h) == header_key(column));
        for column in mapping.columns.keys() {
            if !mapping.lenient && !has(column) {
                return Err(Error::invalid(format!(
                    "kolumnmappningen nämner kolumnen \"{column}\", men filen har ingen sådan \
                     (kolumnerna är: {})",
                    headers.join(", ")
                )));
            }
        }
        for column in mapping.values.keys() {
            if !mapping.lenient && !has(column) {
                return Err(Error::invalid(format!(
                    "värdeöversättningen gäller kolumnen \"{column}\", men filen har ingen sådan \
                     (kolumnerna är: {})",
                    headers.join(", ")
                )));
            }
        }
        let mut columns: Vec<Option<Target>> = Vec::with_capacity(headers.len());
        let mut unknown = Vec::new();
        let mut skipped = Vec::new();
        for (i, header) in headers.iter().enumerate() {
            let key = header_key(header);
            let target = match explicit.get(&key) {
                Some(field) if field.as_str() == "-" || field.is_empty() => None,
                Some(field) => Some(Target::named(field).ok_or_else(|| {
                    Error::invalid(format!(
                        "kolumnmappningen: \"{field}\" (för kolumnen \"{header}\") är inget \
                         fält; fälten är: {}",
                        field_names()
                    ))
                })?),
                None if key.is_empty() || key == header_key(REJECT_REASON_HEADER) => None,
                None => match FIELDS
                    .iter()
                    .find(|(f, aliases)| *f == key || aliases.contains(&key.as_str()))
                {
                    Some((f, _)) => Some(Target {
                        field: f,
                        part: None,
                    }),
                    None if mapping.skip_unmapped => {
                        skipped.push(format!("\"{header}\" (kolumn {})", column_letter(i)));
                        None
                    }
                    None => {
                        unknown.push(format!("\"{header}\" (kolumn {})", column_letter(i)));
                        None
                    }
                },
            };
            if let Some(t) = target
                && !t.is_list()
                && let Some(j) = columns.iter().position(|c| *c == Some(t))
            {
                return Err(Error::invalid(format!(
                    "kolumnerna \"{}\" och \"{header}\" hör båda till fältet {t}; \
                     hoppa över den ena med --map \"{header}=-\"",
                    headers[j]
                )));
            }
            columns.push(target);
        }
        if !unknown.is_empty() {
            return Err(Error::invalid(format!(
                "{} {} känns inte igen; koppla till ett fält med --map \"Kolumn=fält\", \
                 hoppa över med --map \"Kolumn=-\" eller hoppa över alla okända med \
                 --skip-unmapped (fälten är: {})",
                if unknown.len() == 1 {
                    "kolumnen"
                } else {
                    "kolumnerna"
                },
                unknown.join(", "),
                field_names()
            )));
        }
        if !columns.iter().flatten().any(|t| t.field == "title") {
            return Err(Error::invalid(format!(
                "filen saknar en kolumn för rubriken (title); kolumnerna är: {}",
                headers.join(", ")
            )));
        }
        let folded_values: HashMap<String, HashMap<String, String>> = mapping
            .values
            .iter()
            .map(|(column, map)| {
                let map = map
                    .iter()
                    .map(|(from, to)| (header_key(from), to.trim().to_owned()))
                    .collect();
                (header_key(column), map)
            })
            .collect();
        let values = headers
            .iter()
            .map(|h| folded_values.get(&header_key(h)).cloned())
            .collect();
        Ok(ColumnMap {
            columns,
            headers: headers.to_vec(),
            values,
            skipped,
        })
    }

    /// Whether a column sets the field (a whole field, not a part of one).
    pub fn has(&self, field: &str) -> bool {
        self.columns
            .iter()
            .flatten()
            .any(|t| t.field == field && t.part.is_none())
    }

    /// The text of a row's cell for `field`, as it stands (for naming a row that cannot
    /// become an entry).
    pub fn cell<'c>(&self, cells: &'c [String], field: &str) -> &'c str {
        self.columns
            .iter()
            .position(|c| c.is_some_and(|t| t.field == field))
            .and_then(|i| cells.get(i))
            .map_or("", |c| c.trim())
    }

    /// A cell through its column's value map: the whole cell, or each item of a list. A value
    /// mapped to nothing is dropped.
    fn mapped<'c>(&self, i: usize, target: Target, value: &'c str) -> Cow<'c, str> {
        let Some(map) = &self.values[i] else {
            return Cow::Borrowed(value);
        };
        if let Some(to) = map.get(&header_key(value)) {
            return Cow::Owned(if to == "-" { String::new() } else { to.clone() });
        }
        if !target.is_list() {
            return Cow::Borrowed(value);
        }
        let items: Vec<&str> = items(value)
            .filter_map(|item| match map.get(&header_key(item)) {
                Some(to) if to.is_empty() || to == "-" => None,
                Some(to) => Some(to.as_str()),
                None => Some(item),
            })
            .collect();
        Cow::Owned(items.join("; "))
    }

    /// One row as an entry, and whether it names its language. `focus` is the library's
    /// taxonomy.
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
        let mut organisation_parts: Option<Organisation> = None;
        let mut organisation_typed = false;
        let mut contact_parts: Option<Contact> = None;
        let mut source_parts: Option<Source> = None;
        for (i, target) in self.columns.iter().enumerate() {
            let Some(target) = *target else { continue };
            let raw = cells.get(i).map(|s| s.trim()).unwrap_or("");
            if raw.is_empty() {
                continue;
            }
            let value = self.mapped(i, target, raw);
            let value = value.trim();
            if value.is_empty() {
                continue;
            }
            let column = &self.headers[i];
            let bad = |problem: String| {
                let hint = if self.values[i].is_some() {
                    String::new()
                } else if problem.starts_with("okänt värde") {
                    format!(" (eller översätt filens värden med --values \"{column}: {raw}=…\")")
                } else {
                    String::new()
                };
                Error::invalid(format!("kolumnen \"{column}\": {problem}{hint}"))
            };
            if let Some(part) = target.part {
                match target.field {
                    "organisations" => {
                        let org = organisation_parts.get_or_insert_with(|| Organisation {
                            name: String::new(),
                            org_type: OrgType::Annan,
                            role: String::new(),
                        });
                        match part {
                            "name" => org.name = value.to_owned(),
                            "type" => {
                                org.org_type = pick(value, OrgType::ALL, |o| (o.slug(), o.label()))
                                    .map_err(bad)?;
                                organisation_typed = true;
                            }
                            _ => org.role = value.to_owned(),
                        }
                    }
                    "contacts" => {
                        let c = contact_parts.get_or_insert_with(|| Contact {
                            name: String::new(),
                            role: String::new(),
                            organisation: String::new(),
                            email: String::new(),
                            phone: String::new(),
                        });
                        let slot = match part {
                            "name" => &mut c.name,
                            "role" => &mut c.role,
                            "organisation" => &mut c.organisation,
                            "email" => &mut c.email,
                            _ => &mut c.phone,
                        };
                        *slot = value.to_owned();
                    }
                    "sources" => {
                        let s = source_parts.get_or_insert_with(|| source(""));
                        match part {
                            "title" => s.title = value.to_owned(),
                            "url" => s.url = value.to_owned(),
                            _ => s.publisher = value.to_owned(),
                        }
                    }
                    _ => match part {
                        "country" => add_countries(&mut entry, value).map_err(bad)?,
                        "municipality" => add_municipality(&mut entry, value).map_err(bad)?,
                        _ => add_county(&mut entry, value).map_err(bad)?,
                    },
                }
                continue;
            }
            match target.field {
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
                "language" => {
                    entry.language = language_by_name(value).ok_or_else(|| {
                        bad(format!(
                            "okänt värde \"{value}\"; välj bland: sv, en, da, no, fi"
                        ))
                    })?
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
                    for item in items(value) {
                        add_municipality(&mut entry, item).map_err(bad)?;
                    }
                }
                "lan" => {
                    for item in items(value) {
                        add_county(&mut entry, item).map_err(bad)?;
                    }
                }
                "countries" => add_countries(&mut entry, value).map_err(bad)?,
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
        if let Some(mut org) = organisation_parts.filter(|o| !o.name.is_empty()) {
            if !organisation_typed {
                org.org_type = organisation(&org.name)
                    .map(|o| o.org_type)
                    .unwrap_or(OrgType::Annan);
            }
            entry.organisations.push(org);
        }
        entry
            .contacts
            .extend(contact_parts.filter(|c| !c.name.is_empty()));
        if let Some(mut s) = source_parts.filter(|s| !s.title.is_empty() || !s.url.is_empty()) {
            if s.title.is_empty() {
                s.title = s.url.clone();
            }
            entry.sources.push(s);
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
            !p.municipality_code.is_empty()
                || !p.country_code.is_empty()
                || !municipal_counties.contains(&p.lan_code)
        });
        if period.start.is_some() || period.end.is_some() {
            entry.period = Some(period);
        }
        Ok(entry)
    }
}

/// A municipality by name or SCB code, as a place.
fn add_municipality(entry: &mut Entry, item: &str) -> std::result::Result<(), String> {
    let reference = ReferenceData::get();
    let m = reference
        .find_municipality(item)
        .or_else(|| reference.find_municipality(item.trim_end_matches(" kommun")))
        .ok_or_else(|| format!("okänd kommun \"{item}\" (namn eller SCB-kod)"))?;
    entry.places.push(Place {
        municipality_code: m.code.clone(),
        ..Place::default()
    });
    Ok(())
}

/// A county by name or SCB code, as a place (once).
fn add_county(entry: &mut Entry, item: &str) -> std::result::Result<(), String> {
    let c = ReferenceData::get()
        .find_county(item)
        .ok_or_else(|| format!("okänt län \"{item}\" (namn eller SCB-kod)"))?;
    if !entry.places.iter().any(|p| p.lan_code == c.code) {
        entry.places.push(Place {
            lan_code: c.code.clone(),
            ..Place::default()
        });
    }
    Ok(())
}

/// Countries by ISO code or Swedish or English name: the whole cell (names may hold commas),
/// else its items separated by `;` or new lines.
fn add_countries(entry: &mut Entry, value: &str) -> std::result::Result<(), String> {
    let reference = ReferenceData::get();
    let found: Vec<&model::taxonomy::Country> = match reference.find_country(value) {
        Some(c) => vec![c],
        None => value
            .split([';', '\n'])
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|item| {
                reference.find_country(item).ok_or_else(|| {
                    format!("okänt land \"{item}\" (ISO-kod som FI, eller namnet på svenska eller engelska)")
                })
            })
            .collect::<std::result::Result<_, _>>()?,
    };
    for country in found {
        if !entry.places.iter().any(|p| p.country_code == country.code) {
            entry.places.push(Place {
                country_code: country.code.clone(),
                ..Place::default()
            });
        }
    }
    Ok(())
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

/// The rejects file of an import: the header row, then each refused row as it was read with
/// the reason in a last column ([`REJECT_REASON_HEADER`]). Fixed, it imports as it is.
pub fn rejects_csv(headers: &[String], rows: &[(Vec<String>, String)]) -> Result<String> {
    let mut out = csv::WriterBuilder::new()
        .delimiter(b';')
        .flexible(true)
        .from_writer(Vec::new());
    let write_err = |e: csv::Error| Error::invalid(format!("avvisade rader: {e}"));
    let mut header: Vec<&str> = headers.iter().map(String::as_str).collect();
    header.push(REJECT_REASON_HEADER);
    out.write_record(&header).map_err(write_err)?;
    for (cells, reason) in rows {
        let mut record: Vec<Cow<str>> = cells.iter().map(|c| neutralise(c)).collect();
        record.resize(headers.len(), Cow::Borrowed(""));
        record.push(neutralise(reason));
        out.write_record(record.iter().map(|c| c.as_ref()))
            .map_err(write_err)?;
    }
    let bytes = out
        .into_inner()
        .map_err(|e| Error::invalid(format!("avvisade rader: {e}")))?;
    String::from_utf8(bytes).map_err(|e| Error::invalid(format!("avvisade rader: {e}")))
}

/// Header names that say which field a column is, beyond the fields' own names: Swedish
/// headers of a municipal project list and English ones of European case datasets. The
/// flag says whether the guess is sure enough not to be marked for checking.
const HEADER_GUESSES: &[(&str, &str, bool)] = &[
    ("projektnamn", "title", true),
    ("projekt", "title", true),
    ("project name", "title", true),
    ("case name", "title", true),
    ("name", "title", false),
    ("namn", "title", false),
    ("description", "summary", true),
    ("short description", "summary", true),
    ("beskrivning", "summary", true),
    ("projektbeskrivning", "summary", true),
    ("syfte", "challenge", false),
    ("bakgrund", "challenge", false),
    ("url", "sources.url", true),
    ("link", "sources.url", true),
    ("website", "sources.url", true),
    ("webbplats", "sources.url", true),
    ("lead organisation", "organisations.name", true),
    ("lead organization", "organisations.name", true),
    ("forvaltning", "organisations.name", true),
    ("huvudman", "organisations.name", true),
    ("category", "organisations.type", false),
    ("organisation type", "organisations.type", true),
    ("organization type", "organisations.type", true),
    ("kontaktperson", "contacts.name", true),
    ("contact person", "contacts.name", true),
    ("e-post", "contacts.email", true),
    ("epost", "contacts.email", true),
    ("email", "contacts.email", true),
    ("e-mail", "contacts.email", true),
    ("telefon", "contacts.phone", true),
    ("phone", "contacts.phone", true),
    ("start year", "start", true),
    ("year of start", "start", true),
    ("startar", "start", true),
    ("startdatum", "start", true),
    ("end year", "end", true),
    ("year of end", "end", true),
    ("slutdatum", "end", true),
    ("sector", "tags", false),
    ("technology", "tags", false),
    ("application area", "tags", false),
    ("omrade", "tags", false),
    ("verksamhetsomrade", "tags", false),
    ("keywords", "tags", true),
    ("sprak", "language", true),
];

/// Values of other files for the fixed value sets, by field: a guess, always marked.
const VALUE_GUESSES: &[(&str, &str, &str)] = &[
    ("stage", "idea", "ide"),
    ("stage", "planned", "ide"),
    ("stage", "planering", "ide"),
    ("stage", "pilot", "pilot"),
    ("stage", "testing", "pilot"),
    ("stage", "in development", "pilot"),
    ("stage", "development", "pilot"),
    ("stage", "pagaende", "inforande"),
    ("stage", "implemented", "inforande"),
    ("stage", "in use", "inforande"),
    ("stage", "operational", "inforande"),
    ("stage", "scaled", "spridning"),
    ("stage", "scaling", "spridning"),
    ("stage", "klar", "avslutad"),
    ("stage", "completed", "avslutad"),
    ("stage", "finished", "avslutad"),
    ("stage", "discontinued", "avslutad"),
    ("stage", "not in use", "avslutad"),
    ("organisations.type", "local", "kommun"),
    ("organisations.type", "local government", "kommun"),
    ("organisations.type", "municipality", "kommun"),
    ("organisations.type", "regional", "region"),
    ("organisations.type", "regional government", "region"),
    ("organisations.type", "national", "myndighet"),
    ("organisations.type", "national government", "myndighet"),
    ("organisations.type", "agency", "myndighet"),
    ("organisations.type", "university", "akademi"),
    ("organisations.type", "academia", "akademi"),
    ("organisations.type", "private", "naringsliv"),
    ("organisations.type", "company", "naringsliv"),
    ("organisations.type", "ngo", "ideell"),
    ("organisations.type", "international", "annan"),
    ("organisations.type", "eu", "annan"),
    ("organisations.type", "other", "annan"),
];

/// The value set of a target with a fixed one: its slugs, and whether `value` is one of them
/// as the import reads it (by slug or Swedish label).
/// Reads a value of a fixed set as the import would: its slug, if it is one.
type ReadValue = fn(&str) -> Option<&'static str>;

fn value_set(target: &str) -> Option<(Vec<&'static str>, ReadValue)> {
    fn slug_of<T: Copy + 'static>(
        all: &'static [T],
        names: fn(T) -> (&'static str, &'static str),
        value: &str,
    ) -> Option<&'static str> {
        pick(value, all, names).ok().map(|v| names(v).0)
    }
    Some(match target {
        "kind" => (Kind::ALL.iter().map(|k| k.slug()).collect(), |v| {
            slug_of(Kind::ALL, |k| (k.slug(), k.label()), v)
        }),
        "stage" => (Stage::ALL.iter().map(|k| k.slug()).collect(), |v| {
            slug_of(Stage::ALL, |k| (k.slug(), k.label()), v)
        }),
        "novelty" => (Novelty::ALL.iter().map(|k| k.slug()).collect(), |v| {
            slug_of(Novelty::ALL, |k| (k.slug(), k.label()), v)
        }),
        "status" => (Status::ALL.iter().map(|k| k.slug()).collect(), |v| {
            slug_of(Status::ALL, |k| (k.slug(), k.label()), v)
        }),
        "organisations.type" => (OrgType::ALL.iter().map(|k| k.slug()).collect(), |v| {
            slug_of(OrgType::ALL, |k| (k.slug(), k.label()), v)
        }),
        "language" => (Language::ALL.iter().map(|k| k.slug()).collect(), |v| {
            language_by_name(v).map(Language::slug)
        }),
        _ => return None,
    })
}

/// A TOML basic string.
fn toml_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A mapping file (TOML) for a sheet, from its header row and rows: each column's best guess,
/// with `# osäker` where it is a guess to check, and for every column with a fixed value set
/// the file's values, each with its translation (also marked where guessed). Editing the
/// marked lines is all a file should need.
pub fn suggest_mapping(file: &str, headers: &[String], rows: &[Vec<String>]) -> String {
    const UNSURE: &str = "  # osäker";
    let mut out = String::new();
    out.push_str(&format!(
        "# Kolumnmappning för {file}, föreslagen av `exempelbank import --suggest-mapping`.\n\
         # Rader märkta \"# osäker\" är gissningar: kontrollera dem och ändra vid behov.\n\
         # \"-\" hoppar över en kolumn; ett tomt värde under [values] tar bort värdet.\n\
         # Fälten: {}\n\n",
        field_names()
    ));
    let too_long = |i: usize| {
        rows.iter()
            .filter(|r| {
                r.get(i)
                    .is_some_and(|c| c.trim().chars().count() > model::validate::MAX_SUMMARY_CHARS)
            })
            .count()
    };
    let mut targets: Vec<(String, bool)> = Vec::new();
    for (i, header) in headers.iter().enumerate() {
        let key = header_key(header);
        let values_look_like_status = || {
            rows.iter()
                .filter_map(|r| r.get(i))
                .filter(|c| !c.trim().is_empty())
                .all(|c| pick(c.trim(), Status::ALL, |s| (s.slug(), s.label())).is_ok())
        };
        let numbered = || {
            rows.iter()
                .filter_map(|r| r.get(i))
                .all(|c| c.trim().bytes().all(|b| b.is_ascii_digit()))
        };
        let guess = if key == "status" && !values_look_like_status() {
            Some(("stage", false))
        } else if key == "id" && numbered() {
            // The file's own row numbers, not readable ids.
            Some(("-", false))
        } else if let Some((f, _)) = FIELDS
            .iter()
            .find(|(f, aliases)| *f == key || aliases.contains(&key.as_str()))
        {
            Some((*f, true))
        } else {
            HEADER_GUESSES
                .iter()
                .find(|(name, _, _)| *name == key)
                .or_else(|| {
                    HEADER_GUESSES
                        .iter()
                        .find(|(name, _, _)| name.contains(' ') && key.contains(name))
                })
                .map(|(_, target, sure)| (*target, *sure))
        };
        let (target, sure) = guess.unwrap_or(("-", false));
        // Two columns for one single field: the second is a guess to check.
        let taken = !LIST_FIELDS.contains(&target)
            && target != "-"
            && targets.iter().any(|(t, _)| t == target);
        targets.push((target.to_owned(), sure && !taken));
    }
    let long_rows = targets
        .iter()
        .position(|(t, _)| t == "summary")
        .map_or(0, too_long);
    if long_rows > 0 {
        out.push_str(&format!(
            "# {long_rows} rader har en sammanfattning över {} tecken: den flyttas till avsnittet\n\
             # nedan och de första meningarna blir sammanfattning.\n\
             long_summary = \"solution\"\n\n",
            model::validate::MAX_SUMMARY_CHARS
        ));
    }
    out.push_str("[columns]\n");
    for (header, (target, sure)) in headers.iter().zip(&targets) {
        let mut line = format!("{} = {}", toml_string(header), toml_string(target));
        if !sure {
            line.push_str(UNSURE);
            if target == "-" {
                line.push_str(": inget fält hittades; välj ett eller låt kolumnen hoppas över");
            }
        }
        out.push_str(&line);
        out.push('\n');
    }
    for (i, (header, (target, _))) in headers.iter().zip(&targets).enumerate() {
        let Some((slugs, read)) = value_set(target) else {
            if target == "countries" || target == "places.country" {
                let unknown: Vec<&str> = distinct(rows, i)
                    .into_iter()
                    .filter(|v| ReferenceData::get().find_country(v).is_none())
                    .collect();
                if !unknown.is_empty() {
                    out.push_str(&format!("\n[values.{}]\n", toml_string(header)));
                    out.push_str("# länder som inte känns igen: skriv ISO-koden (FI, DE …)\n");
                    for v in unknown {
                        out.push_str(&format!("{} = \"\"{UNSURE}\n", toml_string(v)));
                    }
                }
            }
            continue;
        };
        out.push_str(&format!("\n[values.{}]\n", toml_string(header)));
        out.push_str(&format!("# fältet {target}: {}\n", slugs.join(", ")));
        for v in distinct(rows, i) {
            let (to, sure) = match read(v) {
                Some(slug) => (slug, true),
                None => match VALUE_GUESSES
                    .iter()
                    .find(|(t, from, _)| t == target && *from == header_key(v))
                {
                    Some((_, _, slug)) => (*slug, false),
                    None => ("", false),
                },
            };
            out.push_str(&format!("{} = {}", toml_string(v), toml_string(to)));
            if !sure {
                out.push_str(UNSURE);
            }
            out.push('\n');
        }
    }
    out
}

/// The distinct non-empty values of column `i`, in order of first appearance (at most
/// [`MAX_LISTED_VALUES`]).
fn distinct(rows: &[Vec<String>], i: usize) -> Vec<&str> {
    let mut seen: Vec<&str> = Vec::new();
    for cell in rows.iter().filter_map(|r| r.get(i)) {
        let v = cell.trim();
        if !v.is_empty() && !seen.iter().any(|s| header_key(s) == header_key(v)) {
            seen.push(v);
            if seen.len() == MAX_LISTED_VALUES {
                break;
            }
        }
    }
    seen
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
            &Mapping::default(),
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
        let err = ColumnMap::new(&headers(&["Rubrik", "Budget"]), &Mapping::default()).unwrap_err();
        assert!(
            err.message.contains("\"Budget\" (kolumn B)"),
            "{}",
            err.message
        );
        let skip = Mapping::from_pairs("Budget=-").unwrap();
        assert!(ColumnMap::new(&headers(&["Rubrik", "Budget"]), &skip).is_ok());
    }

    #[test]
    fn cells_become_fields_and_bad_values_name_the_column() {
        let map = ColumnMap::new(
            &headers(&["Rubrik", "Typ", "Skede", "Kommun", "Mål", "Organisationer"]),
            &Mapping::default(),
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
