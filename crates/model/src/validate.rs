//! Reading and checking entries from outside: JSON parsing with the path of the bad field,
//! NFC normalisation of all text, taxonomy checks, and filling in names from SCB codes.
//!
//! Every message names the field, in the form `fältet places[0].municipality_code: …`.

use std::collections::HashSet;

use crate::text::{is_slug, nfc};

use crate::error::{Error, Result};
use crate::taxonomy::{FocusArea, ReferenceData};
use crate::{Entry, FORMAT_VERSION, OrgType, Uptake};

/// The longest title, in characters.
pub const MAX_TITLE_CHARS: usize = 300;
/// The longest summary, in characters (the guideline is about 600).
pub const MAX_SUMMARY_CHARS: usize = 1_200;
/// The longest text of any other field, in bytes.
pub const MAX_ATTACHMENT_BYTES: u64 = 50 * 1024 * 1024;
pub const MAX_FIELD_BYTES: usize = 200_000;
/// The uptakes an entry may record (every municipality and region of Sweden is 311).
pub const MAX_UPTAKES: usize = 2_000;
/// The largest number of organisations one counted uptake may stand for.
pub const MAX_UPTAKE_COUNT: u32 = 100_000;
/// The longest name of an organisation, a source or a note of an uptake, in characters.
const MAX_UPTAKE_TEXT_CHARS: usize = 1_200;

/// Parses one entry from JSON, naming the field and position of any problem.
pub fn parse_entry(json: &str) -> Result<Entry> {
    parse_json(json)
}

/// Parses any JSON input, naming the field and position of any problem.
pub fn parse_json<T: serde::de::DeserializeOwned>(json: &str) -> Result<T> {
    let mut de = serde_json::Deserializer::from_str(json);
    let value: T = serde_path_to_error::deserialize(&mut de).map_err(|err| {
        let path = err.path().to_string();
        let inner = err.into_inner();
        json_error(&path, &inner)
    })?;
    de.end().map_err(|err| json_error(".", &err))?;
    Ok(value)
}

/// Turns a serde_json error into a Swedish message that names the field.
fn json_error(path: &str, err: &serde_json::Error) -> Error {
    use serde_json::error::Category;
    let position = format!("rad {}, kolumn {}", err.line(), err.column());
    match err.classify() {
        Category::Syntax | Category::Eof => Error::invalid(format!(
            "ogiltig JSON på {position}: {}",
            strip_position(err)
        )),
        Category::Io => Error::invalid(format!("kunde inte läsa JSON: {err}")),
        Category::Data => {
            let text = strip_position(err);
            let text = translate_serde_message(&text);
            if path == "." || path.is_empty() {
                Error::invalid(format!("{text} ({position})"))
            } else {
                Error::field(path, format!("{text} ({position})"))
            }
        }
    }
}

fn strip_position(err: &serde_json::Error) -> String {
    let text = err.to_string();
    match text.rfind(" at line ") {
        Some(i) => text[..i].to_owned(),
        None => text,
    }
}

fn translate_serde_message(text: &str) -> String {
    let quoted = |s: &str| s.split('`').nth(1).unwrap_or("").to_owned();
    if let Some(rest) = text.strip_prefix("missing field ") {
        format!("fältet {} saknas", quoted(rest))
    } else if let Some(rest) = text.strip_prefix("unknown field ") {
        format!("okänt fält \"{}\"", quoted(rest))
    } else if let Some(rest) = text.strip_prefix("unknown variant ") {
        let allowed: Vec<&str> = rest
            .split_once("expected")
            .map(|(_, list)| list.split('`').skip(1).step_by(2).collect())
            .unwrap_or_default();
        format!(
            "okänt värde \"{}\"; tillåtna värden: {}",
            quoted(rest),
            allowed.join(", ")
        )
    } else if let Some(rest) = text.strip_prefix("invalid type: ") {
        format!("fel typ: {rest}")
    } else {
        text.to_owned()
    }
}

/// Normalises an entry in place (NFC text, names from SCB codes, sorted unique lists) and
/// checks it against the taxonomy. `focus_areas` are the library's own.
pub fn normalise_and_check(entry: &mut Entry, focus_areas: &[FocusArea]) -> Result<()> {
    if entry.format > FORMAT_VERSION {
        return Err(Error::field(
            "format",
            format!(
                "version {} är nyare än den här versionen av Exempelbanken läser ({FORMAT_VERSION})",
                entry.format
            ),
        ));
    }
    entry.format = FORMAT_VERSION;
    nfc_all(entry);

    entry.title = entry.title.trim().to_owned();
    if entry.title.is_empty() {
        return Err(Error::field("title", "titel saknas"));
    }
    check_chars("title", &entry.title, MAX_TITLE_CHARS)?;
    entry.summary = entry.summary.trim().to_owned();
    check_chars("summary", &entry.summary, MAX_SUMMARY_CHARS)?;
    for (key, text) in entry.sections.iter() {
        check_bytes(&format!("sections.{}", key.key()), text)?;
    }
    if !entry.id.is_empty() && !is_slug(&entry.id) {
        return Err(Error::field(
            "id",
            format!(
                "\"{}\" är inget giltigt id: använd små bokstäver a–z, siffror och bindestreck",
                entry.id
            ),
        ));
    }

    let mut seen = HashSet::new();
    for (i, slug) in entry.focus_areas.iter().enumerate() {
        if !focus_areas.iter().any(|f| &f.slug == slug) {
            return Err(Error::field(
                &format!("focus_areas[{i}]"),
                format!("okänt fokusområde \"{slug}\""),
            ));
        }
        seen.insert(slug.clone());
    }
    dedup_keep_order(&mut entry.focus_areas);

    let reference = ReferenceData::get();
    for (i, place) in entry.places.iter_mut().enumerate() {
        let at = |field: &str| format!("places[{i}].{field}");
        if !place.country_code.is_empty() || !place.country.is_empty() {
            let country = if place.country_code.is_empty() {
                reference.find_country(&place.country).ok_or_else(|| {
                    Error::field(&at("country"), format!("okänt land \"{}\"", place.country))
                })?
            } else {
                reference
                    .country(&place.country_code.to_uppercase())
                    .ok_or_else(|| {
                        Error::field(
                            &at("country_code"),
                            format!(
                                "okänd landskod \"{}\" (ISO 3166-1 alfa-2, till exempel FI)",
                                place.country_code
                            ),
                        )
                    })?
            };
            if !place.country.is_empty() && reference.find_country(&place.country) != Some(country)
            {
                return Err(Error::field(
                    &at("country"),
                    format!(
                        "\"{}\" stämmer inte med landskoden {} ({})",
                        place.country, country.code, country.name
                    ),
                ));
            }
            let swedish_place = !place.municipality_code.is_empty()
                || !place.municipality.is_empty()
                || !place.lan_code.is_empty()
                || !place.lan.is_empty();
            if swedish_place && country.code != "SE" {
                return Err(Error::field(
                    &at("country_code"),
                    format!(
                        "en kommun eller ett län ligger i Sverige, inte i {}; ange landet som en \
                         egen plats",
                        country.name
                    ),
                ));
            }
            if !swedish_place {
                place.country_code = country.code.clone();
                place.country = country.name.clone();
                continue;
            }
            // A Swedish municipality or county with "SE" is just that place.
            place.country_code.clear();
            place.country.clear();
        }
        if !place.municipality_code.is_empty() {
            let m = reference
                .municipality(&place.municipality_code)
                .ok_or_else(|| {
                    Error::field(
                        &at("municipality_code"),
                        format!("okänd kommunkod \"{}\"", place.municipality_code),
                    )
                })?;
            if !place.municipality.is_empty() && place.municipality != m.name {
                return Err(Error::field(
                    &at("municipality"),
                    format!(
                        "\"{}\" stämmer inte med kommunkoden {} ({})",
                        place.municipality, m.code, m.name
                    ),
                ));
            }
            if !place.lan_code.is_empty() && place.lan_code != m.lan_code {
                return Err(Error::field(
                    &at("lan_code"),
                    format!(
                        "{} ligger i län {}, inte {}",
                        m.name, m.lan_code, place.lan_code
                    ),
                ));
            }
            place.municipality = m.name.clone();
            place.lan_code = m.lan_code.clone();
        } else if !place.municipality.is_empty() {
            let m = reference
                .find_municipality(&place.municipality)
                .ok_or_else(|| {
                    Error::field(
                        &at("municipality"),
                        format!("okänd kommun \"{}\"", place.municipality),
                    )
                })?;
            place.municipality_code = m.code.clone();
            place.municipality = m.name.clone();
            place.lan_code = m.lan_code.clone();
        }
        if place.lan_code.is_empty() {
            return Err(Error::field(
                &at("lan_code"),
                "ange en kommunkod eller en länskod",
            ));
        }
        let county = reference.county(&place.lan_code).ok_or_else(|| {
            Error::field(
                &at("lan_code"),
                format!("okänd länskod \"{}\"", place.lan_code),
            )
        })?;
        if !place.lan.is_empty() && place.lan != county.name {
            return Err(Error::field(
                &at("lan"),
                format!(
                    "\"{}\" stämmer inte med länskoden {} ({})",
                    place.lan, county.code, county.name
                ),
            ));
        }
        place.lan = county.name.clone();
    }

    for (i, goal) in entry.goals.iter().enumerate() {
        if reference.goal(*goal).is_none() {
            return Err(Error::field(
                &format!("goals[{i}]"),
                format!("{goal} är inget av Agenda 2030-målen 1–17"),
            ));
        }
    }
    entry.goals.sort_unstable();
    entry.goals.dedup();

    if let Some(period) = entry.period {
        for (name, year) in [("start", period.start), ("end", period.end)] {
            if let Some(year) = year
                && !(1900..=2100).contains(&year)
            {
                return Err(Error::field(
                    &format!("period.{name}"),
                    format!("{year} är inget rimligt årtal"),
                ));
            }
        }
        if let (Some(start), Some(end)) = (period.start, period.end)
            && start > end
        {
            return Err(Error::field(
                "period",
                format!("startåret {start} kommer efter slutåret {end}"),
            ));
        }
        if period.start.is_none() && period.end.is_none() {
            entry.period = None;
        }
    }

    for (i, org) in entry.organisations.iter().enumerate() {
        if org.name.trim().is_empty() {
            return Err(Error::field(
                &format!("organisations[{i}].name"),
                "namn saknas",
            ));
        }
    }
    for (i, contact) in entry.contacts.iter().enumerate() {
        if contact.name.trim().is_empty() {
            return Err(Error::field(&format!("contacts[{i}].name"), "namn saknas"));
        }
    }
    for (i, source) in entry.sources.iter().enumerate() {
        if source.title.trim().is_empty() {
            return Err(Error::field(&format!("sources[{i}].title"), "titel saknas"));
        }
        if !(source.url.is_empty()
            || source.url.starts_with("https://")
            || source.url.starts_with("http://"))
        {
            return Err(Error::field(
                &format!("sources[{i}].url"),
                format!(
                    "\"{}\" är ingen webbadress (http:// eller https://)",
                    source.url
                ),
            ));
        }
    }
    for (i, attachment) in entry.attachments.iter().enumerate() {
        check_attachment(i, attachment)?;
    }
    check_uptakes(&mut entry.uptakes)?;
    for (i, tag) in entry.tags.iter_mut().enumerate() {
        *tag = tag.trim().to_lowercase();
        if tag.is_empty() {
            return Err(Error::field(&format!("tags[{i}]"), "tom etikett"));
        }
    }
    dedup_keep_order(&mut entry.tags);
    dedup_keep_order(&mut entry.related);
    Ok(())
}

/// Each uptake names who took the case up (an SCB code, whose name and type it then takes, or
/// any organisation by name) or counts them, and always says where the fact comes from.
fn check_uptakes(uptakes: &mut [Uptake]) -> Result<()> {
    if uptakes.len() > MAX_UPTAKES {
        return Err(Error::field(
            "uptakes",
            format!("{} spridningar; högst {MAX_UPTAKES}", uptakes.len()),
        ));
    }
    let reference = ReferenceData::get();
    for (i, u) in uptakes.iter_mut().enumerate() {
        let at = |field: &str| format!("uptakes[{i}].{field}");
        for text in [
            &mut u.code,
            &mut u.organisation,
            &mut u.date,
            &mut u.source,
            &mut u.note,
        ] {
            *text = text.trim().to_owned();
        }
        if let Some(count) = u.count {
            if !(1..=MAX_UPTAKE_COUNT).contains(&count) {
                return Err(Error::field(
                    &at("count"),
                    format!(
                        "{count} organisationer: ange ett antal från 1 till {MAX_UPTAKE_COUNT}"
                    ),
                ));
            }
            if !u.code.is_empty() || !u.organisation.is_empty() {
                return Err(Error::field(
                    &at("count"),
                    "ange antingen vem som tog upp exemplet (organisation eller kod) eller hur många, inte båda",
                ));
            }
        } else if !u.code.is_empty() {
            let (name, org_type) = match u.code.len() {
                4 => reference
                    .municipality(&u.code)
                    .map(|m| (m.name.clone(), OrgType::Kommun)),
                2 => reference
                    .county(&u.code)
                    .map(|c| (c.name.clone(), OrgType::Region)),
                _ => None,
            }
            .ok_or_else(|| {
                Error::field(
                    &at("code"),
                    format!(
                        "okänd kod \"{}\": ange en kommunkod (fyra siffror) eller en länskod (två)",
                        u.code
                    ),
                )
            })?;
            u.organisation = name;
            u.org_type = org_type;
        } else if u.organisation.is_empty() {
            return Err(Error::field(
                &at("organisation"),
                "ange vem som tog upp exemplet (en organisation eller en kommun- eller länskod) eller hur många",
            ));
        }
        if u.source.is_empty() {
            return Err(Error::field(
                &at("source"),
                "källa saknas: ange var uppgiften om spridningen kommer ifrån",
            ));
        }
        if !u.date.is_empty() && !is_partial_date(&u.date) {
            return Err(Error::field(
                &at("date"),
                format!(
                    "\"{}\" är inget datum: skriv ÅÅÅÅ, ÅÅÅÅ-MM eller ÅÅÅÅ-MM-DD",
                    u.date
                ),
            ));
        }
        for (field, text) in [
            ("organisation", &u.organisation),
            ("source", &u.source),
            ("note", &u.note),
        ] {
            check_chars(&at(field), text, MAX_UPTAKE_TEXT_CHARS)?;
        }
        for (j, contact) in u.contacts.iter().enumerate() {
            if contact.name.trim().is_empty() {
                return Err(Error::field(
                    &at(&format!("contacts[{j}].name")),
                    "namn saknas",
                ));
            }
        }
    }
    Ok(())
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, with a year from 1900 to 2100 and a real month and day.
fn is_partial_date(text: &str) -> bool {
    let parts: Vec<&str> = text.split('-').collect();
    let number = |s: &str, digits: usize| -> Option<u32> {
        (s.len() == digits && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    let Some(year) = parts.first().and_then(|y| number(y, 4)) else {
        return false;
    };
    if !(1900..=2100).contains(&year) || parts.len() > 3 {
        return false;
    }
    let month = match parts.get(1) {
        None => return true,
        Some(m) => match number(m, 2) {
            Some(m @ 1..=12) => m,
            _ => return false,
        },
    };
    match parts.get(2) {
        None => true,
        Some(d) => {
            let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
            let days = match month {
                2 if leap => 29,
                2 => 28,
                4 | 6 | 9 | 11 => 30,
                _ => 31,
            };
            matches!(number(d, 2), Some(day) if (1..=days).contains(&day))
        }
    }
}

/// The media types an attachment may have: those the library recognises by a file's bytes.
pub const ATTACHMENT_TYPES: &[&str] = &[
    "application/pdf",
    "image/png",
    "image/jpeg",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
];

/// An attachment as an entry carries it, checked like every other field: the digest is the
/// file's name in the library, so anything but a digest could name another file.
fn check_attachment(i: usize, a: &crate::Attachment) -> Result<()> {
    let field = |name: &str| format!("attachments[{i}].{name}");
    if !crate::text::is_sha256(&a.sha256) {
        let shown: String = a.sha256.chars().take(80).collect();
        return Err(Error::field(
            &field("sha256"),
            format!("\"{shown}\" är ingen SHA-256-summa (64 hexadecimala tecken, små bokstäver)"),
        ));
    }
    if !ATTACHMENT_TYPES.contains(&a.media_type.as_str()) {
        return Err(Error::field(
            &field("media_type"),
            format!(
                "okänd filtyp \"{}\"; tillåtna: {}",
                a.media_type.chars().take(80).collect::<String>(),
                ATTACHMENT_TYPES.join(", ")
            ),
        ));
    }
    if a.name.is_empty() || crate::text::label(&a.name) != a.name {
        return Err(Error::field(
            &field("name"),
            "namnet ska vara ett filnamn utan sökväg, styrtecken eller inledande punkt \
             (högst 120 tecken)",
        ));
    }
    if a.size == 0 || a.size > MAX_ATTACHMENT_BYTES {
        return Err(Error::field(
            &field("size"),
            format!(
                "{} byte; en bilaga är mellan 1 byte och {} MB",
                a.size,
                MAX_ATTACHMENT_BYTES / (1024 * 1024)
            ),
        ));
    }
    check_chars(&field("licence"), &a.licence, 300)
}

fn check_chars(field: &str, text: &str, max: usize) -> Result<()> {
    let n = text.chars().count();
    if n > max {
        return Err(Error::field(
            field,
            format!("för lång text ({n} tecken, högst {max})"),
        ));
    }
    check_bytes(field, text)
}

fn check_bytes(field: &str, text: &str) -> Result<()> {
    if text.len() > MAX_FIELD_BYTES {
        return Err(Error::field(
            field,
            format!(
                "för lång text ({} byte, högst {MAX_FIELD_BYTES})",
                text.len()
            ),
        ));
    }
    Ok(())
}

fn dedup_keep_order(values: &mut Vec<String>) {
    let mut seen = HashSet::new();
    values.retain(|v| seen.insert(v.clone()));
}

fn nfc_all(entry: &mut Entry) {
    let fix = |s: &mut String| {
        if !unicode_normalization::is_nfc(s) {
            *s = nfc(s);
        }
    };
    fix(&mut entry.title);
    fix(&mut entry.summary);
    let s = &mut entry.sections;
    for text in [
        &mut s.challenge,
        &mut s.solution,
        &mut s.results,
        &mut s.lessons,
        &mut s.dissemination,
    ] {
        fix(text);
    }
    entry.tags.iter_mut().for_each(fix);
    for org in &mut entry.organisations {
        fix(&mut org.name);
        fix(&mut org.role);
    }
    for place in &mut entry.places {
        fix(&mut place.municipality);
        fix(&mut place.lan);
        fix(&mut place.country);
    }
    for c in &mut entry.contacts {
        fix(&mut c.name);
        fix(&mut c.role);
        fix(&mut c.organisation);
    }
    for s in &mut entry.sources {
        fix(&mut s.title);
        fix(&mut s.publisher);
    }
    for u in &mut entry.uptakes {
        fix(&mut u.organisation);
        fix(&mut u.source);
        fix(&mut u.note);
        for c in &mut u.contacts {
            fix(&mut c.name);
            fix(&mut c.role);
            fix(&mut c.organisation);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::taxonomy::default_focus_areas;

    #[test]
    fn unknown_focus_area_names_the_field_and_value() {
        let mut entry =
            parse_entry(r#"{"kind":"exempel","title":"T","focus_areas":["rymdfart"]}"#).unwrap();
        let err = normalise_and_check(&mut entry, &default_focus_areas()).unwrap_err();
        assert!(err.message.contains("focus_areas[0]"), "{}", err.message);
        assert!(err.message.contains("rymdfart"), "{}", err.message);
    }

    /// The entry `{"kind":"exempel","title":"T","uptakes":[<uptakes>]}` checked: it, or the message.
    fn with_uptakes(uptakes: &str) -> std::result::Result<Entry, String> {
        let mut entry = parse_entry(&format!(
            r#"{{"kind":"exempel","title":"T","uptakes":[{uptakes}]}}"#
        ))
        .map_err(|e| e.message)?;
        normalise_and_check(&mut entry, &default_focus_areas()).map_err(|e| e.message)?;
        Ok(entry)
    }

    #[test]
    fn an_uptake_by_code_takes_its_name_and_type_from_the_code() {
        let entry = with_uptakes(
            r#"{"code":"1880","type":"annan","stage":"testar","source":"S"},
               {"code":"18","stage":"infört","date":"2021-03","source":"S"},
               {"organisation":"Nätverket för användardriven innovation","type":"ideell","stage":"intresserad","source":"S"},
               {"count":16,"type":"kommun","stage":"intresserad","source":"S"}"#,
        )
        .unwrap();
        let u = &entry.uptakes;
        assert_eq!(
            (u[0].organisation.as_str(), u[0].org_type),
            ("Örebro", OrgType::Kommun)
        );
        assert_eq!(
            (u[1].organisation.as_str(), u[1].org_type),
            ("Örebro län", OrgType::Region)
        );
        assert_eq!(u[1].stage, crate::UptakeStage::Infort);
        assert_eq!(u[0].lan_code(), Some("18"));
        assert_eq!(u[3].organisations(), 16);
        assert_eq!(u[2].lan_code(), None);
    }

    #[test]
    fn a_bad_uptake_is_refused_with_its_field_named() {
        for (uptake, field, words) in [
            (
                r#"{"stage":"testar","source":"S"}"#,
                "uptakes[0].organisation",
                "ange vem",
            ),
            (
                r#"{"code":"9999","stage":"testar","source":"S"}"#,
                "uptakes[0].code",
                "okänd kod",
            ),
            (
                r#"{"code":"0181","stage":"testar","source":" "}"#,
                "uptakes[0].source",
                "källa saknas",
            ),
            (
                r#"{"count":0,"type":"kommun","stage":"testar","source":"S"}"#,
                "uptakes[0].count",
                "från 1",
            ),
            (
                r#"{"count":3,"organisation":"X","stage":"testar","source":"S"}"#,
                "uptakes[0].count",
                "inte båda",
            ),
            (
                r#"{"code":"0181","stage":"testar","source":"S","date":"2021-02-30"}"#,
                "uptakes[0].date",
                "inget datum",
            ),
            (
                r#"{"code":"0181","stage":"klar","source":"S"}"#,
                "uptakes[0].stage",
                "intresserad",
            ),
        ] {
            let message = with_uptakes(uptake).unwrap_err();
            assert!(
                message.contains(field) && message.contains(words),
                "{uptake}: {message}"
            );
        }
        let many = vec![r#"{"count":1,"stage":"testar","source":"S"}"#; MAX_UPTAKES + 1].join(",");
        assert!(with_uptakes(&many).unwrap_err().contains("högst"));
    }

    #[test]
    fn partial_dates() {
        for good in ["2021", "2021-12", "2024-02-29", "1900-01-01"] {
            assert!(is_partial_date(good), "{good}");
        }
        for bad in [
            "21",
            "2021-13",
            "2023-02-29",
            "2021-1",
            "2021-01-01-01",
            "år 2021",
            "1899",
        ] {
            assert!(!is_partial_date(bad), "{bad}");
        }
    }

    #[test]
    fn places_get_names_from_scb_codes() {
        let mut entry = parse_entry(
            r#"{"kind":"exempel","title":"T","places":[{"municipality_code":"1880"},{"lan_code":"01"}]}"#,
        )
        .unwrap();
        normalise_and_check(&mut entry, &default_focus_areas()).unwrap();
        assert_eq!(entry.places[0].municipality, "Örebro");
        assert_eq!(entry.places[0].lan_code, "18");
        assert_eq!(entry.places[0].lan, "Örebro län");
        assert_eq!(entry.places[1].lan, "Stockholms län");
    }

    #[test]
    fn wrong_enum_value_lists_the_allowed_ones() {
        let err = parse_entry(r#"{"kind":"roman","title":"T"}"#).unwrap_err();
        assert!(err.message.starts_with("fältet kind:"), "{}", err.message);
        assert!(err.message.contains("exempel"), "{}", err.message);
    }

    #[test]
    fn decomposed_text_is_composed() {
        let mut entry = parse_entry("{\"kind\":\"exempel\",\"title\":\"O\u{308}rebro\"}").unwrap();
        normalise_and_check(&mut entry, &default_focus_areas()).unwrap();
        assert_eq!(entry.title, "Örebro");
    }
}
