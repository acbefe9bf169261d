//! What a search asks and answers: the request with its filters, the hits and the facet
//! counts. The search crate computes them; the UI and `serve` send and show them.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{Kind, Language, Stage, Status};

/// The most hits one page may hold.
pub const MAX_LIMIT: u32 = 200;
/// The longest query, in characters: a pasted paragraph or two.
pub const MAX_QUERY_CHARS: usize = 4_000;
/// The most words a query may have; each becomes several clauses (fuzzy, word parts).
pub const MAX_QUERY_WORDS: usize = 256;
/// The most values one filter may list (there are 290 municipalities).
pub const MAX_FILTER_VALUES: usize = 300;

/// What to search for.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default, deny_unknown_fields)]
#[ts(export)]
pub struct SearchRequest {
    /// The words typed; empty browses everything that passes the filters.
    pub query: String,
    /// Focus-area slugs (OR within, AND with the other filters).
    pub focus: Vec<String>,
    /// County codes.
    pub lan: Vec<String>,
    /// Municipality codes.
    pub municipality: Vec<String>,
    pub kind: Vec<Kind>,
    pub stage: Vec<Stage>,
    /// Sources: the subscriptions (or bundle signers) entries came from, by name.
    #[ts(as = "Option<Vec<String>>", optional)]
    pub source: Vec<String>,
    /// "Spridd till": county codes where the entry has been taken up (an uptake by a
    /// municipality there or by the region).
    #[ts(as = "Option<Vec<String>>", optional)]
    pub spread_to: Vec<String>,
    /// Municipality codes where the entry has been taken up.
    #[ts(as = "Option<Vec<String>>", optional)]
    pub spread_municipality: Vec<String>,
    /// The languages entries are written in.
    #[ts(as = "Option<Vec<Language>>", optional)]
    pub language: Vec<Language>,
    /// ISO 3166-1 alpha-2 codes of countries (`SE` is every entry with a Swedish place).
    #[ts(as = "Option<Vec<String>>", optional)]
    pub country: Vec<String>,
    /// Only entries taken up by at least this many organisations (their reach, as
    /// `model::spread` counts it).
    #[ts(optional)]
    pub min_uptakes: Option<u32>,
    /// Inclusive year range.
    #[ts(optional)]
    pub year_from: Option<i32>,
    #[ts(optional)]
    pub year_to: Option<i32>,
    /// Hits per page (default 20, at most 200).
    #[ts(optional)]
    pub limit: Option<u32>,
    #[ts(optional)]
    pub offset: Option<u32>,
    /// Include drafts, entries in review and archived ones.
    pub all: bool,
    /// Treat the last word as a prefix (the user is still typing it).
    pub prefix: bool,
    pub sort: SortOrder,
}

impl SearchRequest {
    /// A request for these words, with no filters.
    pub fn query(text: &str) -> SearchRequest {
        SearchRequest {
            query: text.to_owned(),
            ..SearchRequest::default()
        }
    }

    /// Refuses a request whose cost has no bound: a query beyond [`MAX_QUERY_CHARS`] or
    /// [`MAX_QUERY_WORDS`], a filter beyond [`MAX_FILTER_VALUES`]. (`limit` and `offset` are
    /// clamped where they are used, so any number is a valid page.)
    pub fn check(&self) -> crate::error::Result<()> {
        use crate::error::Error;
        let chars = self.query.chars().count();
        if chars > MAX_QUERY_CHARS {
            return Err(Error::field(
                "query",
                format!("sökfrågan har {chars} tecken; högst {MAX_QUERY_CHARS} går att söka på"),
            ));
        }
        let words = self.query.split_whitespace().count();
        if words > MAX_QUERY_WORDS {
            return Err(Error::field(
                "query",
                format!("sökfrågan har {words} ord; högst {MAX_QUERY_WORDS} går att söka på"),
            ));
        }
        for (name, count) in [
            ("focus", self.focus.len()),
            ("lan", self.lan.len()),
            ("municipality", self.municipality.len()),
            ("kind", self.kind.len()),
            ("stage", self.stage.len()),
            ("source", self.source.len()),
            ("spread_to", self.spread_to.len()),
            ("spread_municipality", self.spread_municipality.len()),
            ("language", self.language.len()),
            ("country", self.country.len()),
        ] {
            if count > MAX_FILTER_VALUES {
                return Err(Error::field(
                    name,
                    format!("{count} värden; ett filter får ha högst {MAX_FILTER_VALUES}"),
                ));
            }
        }
        Ok(())
    }
}

/// How hits are ordered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum SortOrder {
    #[default]
    Relevance,
    /// Most recently updated first.
    Newest,
    /// "Mest spridda": taken up by the most organisations first.
    Spread,
}

/// The answer to a search.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct SearchResponse {
    /// Matches in all, not only this page.
    #[ts(type = "number")]
    pub total: u64,
    pub hits: Vec<Hit>,
    pub facets: Facets,
    /// The query as the hits read it, when a word of it is not in the library and was matched
    /// as the nearest word that is (`livsmedl` → `livsmedel`): "Visar träffar för …".
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub corrected: Option<String>,
    /// When nothing matched: the query with each word the library lacks replaced by the
    /// nearest word an entry the caller may see has ("Menade du …?").
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub suggestion: Option<String>,
}

/// One hit, with what a result list shows.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Hit {
    pub id: String,
    pub uid: String,
    pub title: String,
    pub score: f32,
    /// HTML-safe text with the matches in `<mark>`.
    pub snippet: String,
    /// The attached file the snippet comes from, when the words are only found there.
    #[ts(optional)]
    pub attachment: Option<String>,
    pub kind: Kind,
    pub status: Status,
    pub focus_area: Vec<String>,
    pub lan: Vec<String>,
    pub municipality: Vec<String>,
    #[ts(optional)]
    pub stage: Option<Stage>,
    pub year: Vec<i32>,
    pub organisations: Vec<String>,
    pub updated_at: String,
    /// How many organisations have taken it up (`model::spread`'s reach).
    pub reach: u32,
    /// The language the entry is written in.
    pub language: Language,
    /// The countries of its places outside Sweden (ISO 3166-1 alpha-2).
    pub country: Vec<String>,
}

/// Counts of each facet value over all matches. A facet the request filters on is counted as
/// if that filter were not there (the other filters still apply), so a user can pick more
/// values of it: values of one facet are OR-ed together.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Facets {
    #[ts(type = "Record<string, number>")]
    pub focus_area: BTreeMap<String, u64>,
    #[ts(type = "Record<string, number>")]
    pub lan: BTreeMap<String, u64>,
    #[ts(type = "Record<string, number>")]
    pub municipality: BTreeMap<String, u64>,
    #[ts(type = "Record<string, number>")]
    pub kind: BTreeMap<String, u64>,
    #[ts(type = "Record<string, number>")]
    pub stage: BTreeMap<String, u64>,
    #[ts(type = "Record<string, number>")]
    pub year: BTreeMap<String, u64>,
    /// Entries taken up in each county (by a municipality there or by the region).
    #[ts(type = "Record<string, number>")]
    pub spread_lan: BTreeMap<String, u64>,
    /// Entries taken up by each municipality.
    #[ts(type = "Record<string, number>")]
    pub spread_municipality: BTreeMap<String, u64>,
    /// Entries written in each language.
    #[ts(type = "Record<string, number>")]
    pub language: BTreeMap<String, u64>,
    /// Entries with a place in each country (`SE` for a Swedish municipality or county).
    #[ts(type = "Record<string, number>")]
    pub country: BTreeMap<String, u64>,
}

impl Facets {
    /// The counts of one facet, by its index field name.
    pub fn slot(&mut self, name: &str) -> &mut BTreeMap<String, u64> {
        match name {
            "focus_area" => &mut self.focus_area,
            "lan" => &mut self.lan,
            "municipality" => &mut self.municipality,
            "kind" => &mut self.kind,
            "stage" => &mut self.stage,
            "spread_lan" => &mut self.spread_lan,
            "spread_municipality" => &mut self.spread_municipality,
            "language" => &mut self.language,
            "country" => &mut self.country,
            _ => &mut self.year,
        }
    }
}
