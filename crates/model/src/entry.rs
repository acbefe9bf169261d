//! The entry model: one good example, method, network, report, event or policy, in the
//! exchange format that `show --json`, `add`, `edit`, import and bundles all share.
//!
//! The JSON form is one flat object with every field at the top level and a `format`
//! number. Fields a caller does not own (`revision`, the times, the `uid` of a new entry) are
//! set by the library. Every type here is exported to TypeScript by `ts-rs`, so the UI never
//! writes them by hand.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The version of the exchange format written by this build: 2 added `uptakes`, 3 added
/// `language` and countries as places.
pub const FORMAT_VERSION: u32 = 3;

/// One entry of the library.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, JsonSchema)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Entry {
    /// Version of the exchange format.
    #[serde(default = "format_version")]
    pub format: u32,
    /// A readable slug, unique in its library, made from the title at creation.
    #[serde(default)]
    pub id: String,
    /// A UUID that never changes; bundles merge on it.
    #[serde(default)]
    pub uid: String,
    /// The id of the library that created the entry.
    #[serde(default)]
    pub origin: String,
    pub kind: Kind,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub sections: Sections,
    #[serde(default)]
    pub focus_areas: Vec<String>,
    #[serde(default)]
    #[ts(optional)]
    pub stage: Option<Stage>,
    #[serde(default)]
    #[ts(optional)]
    pub novelty: Option<Novelty>,
    #[serde(default)]
    pub organisations: Vec<Organisation>,
    #[serde(default)]
    pub places: Vec<Place>,
    #[serde(default)]
    #[ts(optional)]
    pub period: Option<Period>,
    /// Agenda 2030 goals, 1–17.
    #[serde(default)]
    pub goals: Vec<u8>,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub contacts: Vec<Contact>,
    #[serde(default)]
    pub sources: Vec<Source>,
    #[serde(default)]
    pub attachments: Vec<Attachment>,
    /// "Se även": the `uid`s of related entries.
    #[serde(default)]
    pub related: Vec<String>,
    /// Where the case has been taken up (spridning), as its sources state it.
    #[serde(default)]
    pub uptakes: Vec<Uptake>,
    /// The language the entry is written in; its text is searched with that language's
    /// analysis.
    #[serde(default)]
    pub language: Language,
    #[serde(default)]
    pub status: Status,
    #[serde(default)]
    pub revision: u32,
    /// RFC 3339.
    #[serde(default)]
    pub created_at: String,
    /// RFC 3339.
    #[serde(default)]
    pub updated_at: String,
}

impl Entry {
    /// An empty entry of a kind, as a form or an import starts it.
    pub fn new(kind: Kind) -> Entry {
        Entry {
            format: FORMAT_VERSION,
            id: String::new(),
            uid: String::new(),
            origin: String::new(),
            kind,
            title: String::new(),
            summary: String::new(),
            sections: Sections::default(),
            focus_areas: Vec::new(),
            stage: None,
            novelty: None,
            organisations: Vec::new(),
            places: Vec::new(),
            period: None,
            goals: Vec::new(),
            tags: Vec::new(),
            contacts: Vec::new(),
            sources: Vec::new(),
            attachments: Vec::new(),
            related: Vec::new(),
            uptakes: Vec::new(),
            language: Language::Sv,
            status: Status::Utkast,
            revision: 0,
            created_at: String::new(),
            updated_at: String::new(),
        }
    }
}

impl Place {
    /// "Södertälje (Stockholms län)", the county alone, or a country ("Finland").
    pub fn display(&self) -> String {
        if !self.country.is_empty() {
            self.country.clone()
        } else if self.municipality.is_empty() {
            self.lan.clone()
        } else {
            format!("{} ({})", self.municipality, self.lan)
        }
    }
}

impl Period {
    /// "2019–2021", "2019", "från 2019", "till 2021" or "".
    pub fn display(&self) -> String {
        match (self.start, self.end) {
            (Some(s), Some(e)) if s == e => s.to_string(),
            (Some(s), Some(e)) => format!("{s}–{e}"),
            (Some(s), None) => format!("från {s}"),
            (None, Some(e)) => format!("till {e}"),
            (None, None) => String::new(),
        }
    }
}

impl Contact {
    /// Every part that is given, separated by commas.
    pub fn display(&self) -> String {
        [
            &self.name,
            &self.role,
            &self.organisation,
            &self.email,
            &self.phone,
        ]
        .into_iter()
        .filter(|s| !s.is_empty())
        .cloned()
        .collect::<Vec<_>>()
        .join(", ")
    }
}

impl Source {
    /// "Title <url>", or the title alone: the form lists and the import read.
    pub fn display(&self) -> String {
        if self.url.is_empty() {
            self.title.clone()
        } else {
            format!("{} <{}>", self.title, self.url)
        }
    }
}

fn format_version() -> u32 {
    FORMAT_VERSION
}

/// What sort of thing an entry describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS, JsonSchema)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum Kind {
    /// A case.
    Exempel,
    /// A method or tool.
    Metod,
    /// A network.
    Natverk,
    /// A report or study.
    Rapport,
    /// An event or arena.
    Evenemang,
    /// A policy or agreement.
    Styrdokument,
}

/// The text of an entry, in Markdown, one field per section.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS, JsonSchema)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Sections {
    /// Utmaning / behov.
    #[serde(default)]
    pub challenge: String,
    /// Lösning / genomförande.
    #[serde(default)]
    pub solution: String,
    /// Resultat / effekter.
    #[serde(default)]
    pub results: String,
    /// Lärdomar.
    #[serde(default)]
    pub lessons: String,
    /// Spridning.
    #[serde(default)]
    pub dissemination: String,
}

impl Sections {
    /// The text of one section to change; `None` for the summary, which is not a section.
    pub fn text_mut(&mut self, key: SectionKey) -> Option<&mut String> {
        Some(match key {
            SectionKey::Summary => return None,
            SectionKey::Challenge => &mut self.challenge,
            SectionKey::Solution => &mut self.solution,
            SectionKey::Results => &mut self.results,
            SectionKey::Lessons => &mut self.lessons,
            SectionKey::Dissemination => &mut self.dissemination,
        })
    }

    /// The sections in reading order, with their keys, skipping empty ones.
    pub fn iter(&self) -> impl Iterator<Item = (SectionKey, &str)> {
        [
            (SectionKey::Challenge, self.challenge.as_str()),
            (SectionKey::Solution, self.solution.as_str()),
            (SectionKey::Results, self.results.as_str()),
            (SectionKey::Lessons, self.lessons.as_str()),
            (SectionKey::Dissemination, self.dissemination.as_str()),
        ]
        .into_iter()
        .filter(|(_, text)| !text.trim().is_empty())
    }
}

/// Names one section of an entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, JsonSchema)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum SectionKey {
    Summary,
    Challenge,
    Solution,
    Results,
    Lessons,
    Dissemination,
}

impl SectionKey {
    /// The section's name in JSON (`solution`).
    pub fn key(self) -> &'static str {
        match self {
            SectionKey::Summary => "summary",
            SectionKey::Challenge => "challenge",
            SectionKey::Solution => "solution",
            SectionKey::Results => "results",
            SectionKey::Lessons => "lessons",
            SectionKey::Dissemination => "dissemination",
        }
    }

    /// The Swedish heading of the section.
    pub fn heading(self) -> &'static str {
        match self {
            SectionKey::Summary => "Sammanfattning",
            SectionKey::Challenge => "Utmaning och behov",
            SectionKey::Solution => "Lösning och genomförande",
            SectionKey::Results => "Resultat och effekter",
            SectionKey::Lessons => "Lärdomar",
            SectionKey::Dissemination => "Spridning",
        }
    }
}

/// How far an innovation has come (Innovationsguiden's steps map onto these).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS, JsonSchema)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum Stage {
    /// Idé.
    Ide,
    /// Test/pilot.
    Pilot,
    /// Införande.
    Inforande,
    /// Spridning.
    Spridning,
    /// Avslutad.
    Avslutad,
}

/// New to whom (SKR's 3N thinking).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS, JsonSchema)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum Novelty {
    /// Ny för organisationen.
    Organisation,
    /// Ny för marknaden.
    Marknad,
    /// Ny för världen.
    Varld,
}

/// The language an entry is written in: Swedish, English or another Nordic language that
/// the search has a stemmer for.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, TS, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum Language {
    #[default]
    Sv,
    En,
    Da,
    No,
    Fi,
}

/// The workflow state of an entry.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, TS, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum Status {
    #[default]
    Utkast,
    Granskning,
    Publicerad,
    Arkiverad,
}

/// An organisation that took part, with its type and role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, JsonSchema)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Organisation {
    pub name: String,
    #[serde(rename = "type")]
    pub org_type: OrgType,
    #[serde(default)]
    pub role: String,
}

/// The type of an organisation.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum OrgType {
    Kommun,
    Region,
    Myndighet,
    Akademi,
    Naringsliv,
    Ideell,
    Annan,
}

/// A place: a municipality in its county, or a whole county, with SCB codes; or a country,
/// by its ISO 3166-1 alpha-2 code, for a case from outside Sweden.
///
/// On input the codes are enough: the library fills in the names from its reference data
/// and rejects a code or name that does not match it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS, JsonSchema)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Place {
    /// Four-digit SCB municipality code, such as `0181`.
    #[serde(default)]
    pub municipality_code: String,
    #[serde(default)]
    pub municipality: String,
    /// Two-digit SCB county code, such as `01`.
    #[serde(default)]
    pub lan_code: String,
    #[serde(default)]
    pub lan: String,
    /// ISO 3166-1 alpha-2 code of a country, such as `FI`, for a place outside Sweden (or
    /// `SE` for Sweden as a whole); empty for a Swedish municipality or county.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    #[ts(optional, as = "Option<String>")]
    pub country_code: String,
    /// The country's Swedish name, filled in from the code.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    #[ts(optional, as = "Option<String>")]
    pub country: String,
}

/// Where a case has been taken up (spridning): one organisation, or, where the source gives
/// only a count ("16 kommuner och 2 regioner deltog"), how many organisations of one type, with
/// no names the source does not give.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, JsonSchema)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Uptake {
    /// A municipality's four-digit or a county's two-digit SCB code, when a municipality or a
    /// region took the case up: the name and the type follow from it.
    #[serde(default)]
    pub code: String,
    /// Who took it up: set from `code`, or the name of any other organisation. Empty for a
    /// counted uptake.
    #[serde(default)]
    pub organisation: String,
    /// The type of the organisation (or of the organisations counted); from `code` when given.
    #[serde(rename = "type", default = "OrgType::other")]
    pub org_type: OrgType,
    /// How many organisations of `type`, when the source gives a count and no names.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub count: Option<u32>,
    pub stage: UptakeStage,
    /// When: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; empty when the source does not say.
    #[serde(default)]
    pub date: String,
    /// Where the fact comes from: the title of a source, or its web address.
    pub source: String,
    #[serde(default)]
    pub note: String,
    /// Someone to ask there (erased like every contact).
    #[serde(default)]
    pub contacts: Vec<Contact>,
}

impl Uptake {
    /// "Örebro (kommun), testar, 2021-03, källa: …; note; contacts": one line, as the history
    /// and the lists show it.
    pub fn display(&self) -> String {
        let who = match self.count {
            Some(n) => self.org_type.counted(n),
            None => format!(
                "{} ({})",
                self.organisation,
                self.org_type.label().to_lowercase()
            ),
        };
        let mut parts = vec![who, self.stage.label().to_lowercase()];
        if !self.date.is_empty() {
            parts.push(self.date.clone());
        }
        parts.push(format!("källa: {}", self.source));
        if !self.note.is_empty() {
            parts.push(self.note.clone());
        }
        for contact in &self.contacts {
            parts.push(format!("kontakt: {}", contact.display()));
        }
        parts.join(", ")
    }

    /// How many organisations this uptake stands for: its count, or one.
    pub fn organisations(&self) -> u32 {
        self.count.unwrap_or(1)
    }

    /// The county it was taken up in, for a municipality or a region named by its code.
    pub fn lan_code(&self) -> Option<&str> {
        match self.code.len() {
            2 => Some(&self.code),
            4 => crate::taxonomy::ReferenceData::get()
                .municipality(&self.code)
                .map(|m| m.lan_code.as_str()),
            _ => None,
        }
    }
}

/// How far an organisation that took a case up has come with it.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum UptakeStage {
    /// Intresserad: has learnt of it, taken part in spreading activities.
    Intresserad,
    /// Planerar.
    Planerar,
    /// Testar.
    Testar,
    /// Infört.
    #[serde(alias = "infört")]
    Infort,
    /// Avslutat.
    Avslutat,
}

/// The years an initiative ran.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS, JsonSchema)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Period {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub start: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub end: Option<i32>,
}

/// Someone to ask. A functional address is fine; a person's own phone or e-mail is
/// personal data and can be left out of exports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, JsonSchema)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Contact {
    pub name: String,
    #[serde(default)]
    pub role: String,
    #[serde(default)]
    pub organisation: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub phone: String,
}

/// Where the facts come from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, JsonSchema)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Source {
    pub title: String,
    #[serde(default)]
    pub url: String,
    #[serde(default)]
    pub publisher: String,
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    #[serde(default)]
    pub date: String,
    #[serde(default)]
    pub licence: String,
}

/// A file kept with the entry, stored by content hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, JsonSchema)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Attachment {
    pub name: String,
    pub media_type: String,
    #[ts(type = "number")]
    pub size: u64,
    pub sha256: String,
    #[serde(default)]
    pub licence: String,
}

/// One line of an entry's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RevisionInfo {
    pub revision: u32,
    /// RFC 3339.
    pub at: String,
    pub by: String,
    pub status: Status,
    pub comment: String,
}

/// One line of `list`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct EntrySummary {
    pub id: String,
    pub uid: String,
    pub title: String,
    pub kind: Kind,
    pub status: Status,
    pub revision: u32,
    pub updated_at: String,
}

/// One line of `trash`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TrashedEntry {
    pub id: String,
    pub uid: String,
    pub title: String,
    /// RFC 3339.
    pub deleted_at: String,
}

macro_rules! slug_enum {
    ($ty:ty, $group:literal { $($variant:ident => $slug:literal,)* }) => {
        impl $ty {
            /// Every value, in display order.
            pub const ALL: &'static [$ty] = &[$(<$ty>::$variant),*];
            /// The value as it is written in JSON and in facets.
            pub fn slug(self) -> &'static str {
                match self { $(<$ty>::$variant => $slug),* }
            }
            /// The Swedish name shown to users, from `assets/taxonomy/values.json`.
            pub fn label(self) -> &'static str {
                crate::taxonomy::label($group, self.slug())
            }
            /// The value with this slug, if any.
            pub fn from_slug(slug: &str) -> Option<Self> {
                match slug { $($slug => Some(<$ty>::$variant),)* _ => None }
            }
        }
    };
}

slug_enum!(Kind, "kinds" {
    Exempel => "exempel",
    Metod => "metod",
    Natverk => "natverk",
    Rapport => "rapport",
    Evenemang => "evenemang",
    Styrdokument => "styrdokument",
});

slug_enum!(Stage, "stages" {
    Ide => "ide",
    Pilot => "pilot",
    Inforande => "inforande",
    Spridning => "spridning",
    Avslutad => "avslutad",
});

slug_enum!(Novelty, "novelties" {
    Organisation => "organisation",
    Marknad => "marknad",
    Varld => "varld",
});

slug_enum!(Status, "statuses" {
    Utkast => "utkast",
    Granskning => "granskning",
    Publicerad => "publicerad",
    Arkiverad => "arkiverad",
});

slug_enum!(Language, "languages" {
    Sv => "sv",
    En => "en",
    Da => "da",
    No => "no",
    Fi => "fi",
});

slug_enum!(UptakeStage, "uptake_stages" {
    Intresserad => "intresserad",
    Planerar => "planerar",
    Testar => "testar",
    Infort => "infort",
    Avslutat => "avslutat",
});

impl OrgType {
    /// The type of an organisation nobody named ("annan").
    fn other() -> OrgType {
        OrgType::Annan
    }

    /// "1 kommun", "16 kommuner", "2 regioner": a number of organisations of this type.
    pub fn counted(self, n: u32) -> String {
        let (one, many) = match self {
            OrgType::Kommun => ("kommun", "kommuner"),
            OrgType::Region => ("region", "regioner"),
            OrgType::Myndighet => ("myndighet", "myndigheter"),
            OrgType::Akademi => ("lärosäte", "lärosäten"),
            OrgType::Naringsliv => ("företag", "företag"),
            OrgType::Ideell => ("ideell organisation", "ideella organisationer"),
            OrgType::Annan => ("annan organisation", "andra organisationer"),
        };
        format!("{n} {}", if n == 1 { one } else { many })
    }
}

slug_enum!(OrgType, "org_types" {
    Kommun => "kommun",
    Region => "region",
    Myndighet => "myndighet",
    Akademi => "akademi",
    Naringsliv => "naringsliv",
    Ideell => "ideell",
    Annan => "annan",
});
