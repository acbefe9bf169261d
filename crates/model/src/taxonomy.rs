//! The taxonomy: the values an entry may use, with their Swedish names.
//!
//! Kinds, stages, novelty levels, statuses and organisation types are fixed in the model;
//! counties, municipalities (with SCB codes) and the Agenda 2030 goals are reference data
//! embedded from `assets/taxonomy/`; focus areas start from the defaults there and are kept
//! in the library, where curators may edit them.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A focus area (fokusområde).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct FocusArea {
    pub slug: String,
    pub name: String,
    pub description: String,
}

/// A fixed value with its Swedish label and a one-line description.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Label {
    pub slug: String,
    pub label: String,
    pub description: String,
}

/// The labels of the fixed value sets, from `assets/taxonomy/values.json`.
#[derive(Debug, Deserialize)]
struct Values {
    kinds: Vec<Label>,
    stages: Vec<Label>,
    novelties: Vec<Label>,
    statuses: Vec<Label>,
    org_types: Vec<Label>,
    uptake_stages: Vec<Label>,
    languages: Vec<Label>,
}

fn values() -> &'static Values {
    static VALUES: OnceLock<Values> = OnceLock::new();
    VALUES.get_or_init(|| {
        serde_json::from_str(include_str!("../../../assets/taxonomy/values.json"))
            .expect("assets/taxonomy/values.json is valid")
    })
}

fn group(name: &str) -> &'static [Label] {
    let v = values();
    match name {
        "kinds" => &v.kinds,
        "stages" => &v.stages,
        "novelties" => &v.novelties,
        "statuses" => &v.statuses,
        "org_types" => &v.org_types,
        "uptake_stages" => &v.uptake_stages,
        "languages" => &v.languages,
        _ => &[],
    }
}

/// The Swedish label of a fixed value; the slug itself if the file lacks it (a test keeps
/// the file and the model in step).
pub fn label(group_name: &str, slug: &'static str) -> &'static str {
    group(group_name)
        .iter()
        .find(|l| l.slug == slug)
        .map_or(slug, |l| l.label.as_str())
}

/// A county (län) with its two-digit SCB code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct County {
    pub code: String,
    pub name: String,
}

/// A municipality with its four-digit SCB code and its county.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Municipality {
    pub code: String,
    pub name: String,
    pub lan_code: String,
}

/// A country, by its ISO 3166-1 alpha-2 code, for places outside Sweden.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Country {
    pub code: String,
    /// The Swedish name.
    pub name: String,
    /// The English name, as files from abroad write it.
    pub name_en: String,
}

/// An Agenda 2030 goal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Goal {
    pub number: u8,
    pub name: String,
}

/// Everything a front end needs to show and pick taxonomy values.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Taxonomy {
    pub focus_areas: Vec<FocusArea>,
    pub kinds: Vec<Label>,
    pub stages: Vec<Label>,
    pub novelties: Vec<Label>,
    pub statuses: Vec<Label>,
    pub org_types: Vec<Label>,
    pub uptake_stages: Vec<Label>,
    pub counties: Vec<County>,
    pub municipalities: Vec<Municipality>,
    pub countries: Vec<Country>,
    pub languages: Vec<Label>,
    pub goals: Vec<Goal>,
}

/// The reference data compiled into the binary.
pub struct ReferenceData {
    pub counties: Vec<County>,
    pub municipalities: Vec<Municipality>,
    pub goals: Vec<Goal>,
    pub countries: Vec<Country>,
    county_by_code: HashMap<String, usize>,
    municipality_by_code: HashMap<String, usize>,
    /// Folded codes, Swedish and English names and older names of every country.
    country_by_name: HashMap<String, usize>,
}

impl ReferenceData {
    /// The embedded reference data, parsed once.
    pub fn get() -> &'static ReferenceData {
        static DATA: OnceLock<ReferenceData> = OnceLock::new();
        DATA.get_or_init(|| {
            ReferenceData::parse(
                include_str!("../../../assets/taxonomy/kommuner.csv"),
                include_str!("../../../assets/taxonomy/agenda2030.csv"),
                include_str!("../../../assets/taxonomy/countries.csv"),
            )
        })
    }

    fn parse(kommuner_csv: &str, goals_csv: &str, countries_csv: &str) -> ReferenceData {
        let mut counties: Vec<County> = Vec::new();
        let mut municipalities = Vec::new();
        for line in kommuner_csv
            .lines()
            .skip(1)
            .filter(|l| !l.trim().is_empty())
        {
            let cols: Vec<&str> = line.split(',').map(str::trim).collect();
            let [code, name, lan_code, lan] = cols[..] else {
                panic!("assets/taxonomy/kommuner.csv: malformed line {line:?}");
            };
            if !counties.iter().any(|c| c.code == lan_code) {
                counties.push(County {
                    code: lan_code.to_owned(),
                    name: lan.to_owned(),
                });
            }
            municipalities.push(Municipality {
                code: code.to_owned(),
                name: name.to_owned(),
                lan_code: lan_code.to_owned(),
            });
        }
        counties.sort_by(|a, b| a.code.cmp(&b.code));
        let goals = goals_csv
            .lines()
            .skip(1)
            .filter(|l| !l.trim().is_empty())
            .map(|line| {
                let (number, name) = line
                    .split_once(',')
                    .expect("assets/taxonomy/agenda2030.csv: malformed line");
                Goal {
                    number: number.trim().parse().expect("goal number"),
                    name: name.trim().trim_matches('"').to_owned(),
                }
            })
            .collect();
        let county_by_code = counties
            .iter()
            .enumerate()
            .map(|(i, c)| (c.code.clone(), i))
            .collect();
        let municipality_by_code = municipalities
            .iter()
            .enumerate()
            .map(|(i, m)| (m.code.clone(), i))
            .collect();
        let mut countries = Vec::new();
        let mut country_by_name = HashMap::new();
        for line in countries_csv
            .lines()
            .skip(1)
            .filter(|l| !l.trim().is_empty())
        {
            let cols: Vec<&str> = line.split(';').collect();
            let [code, name, name_en, aliases] = cols[..] else {
                panic!("assets/taxonomy/countries.csv: malformed line {line:?}");
            };
            let i = countries.len();
            for key in [code, name, name_en].into_iter().chain(aliases.split('|')) {
                if !key.is_empty() {
                    country_by_name.insert(crate::text::fold(key), i);
                }
            }
            countries.push(Country {
                code: code.to_owned(),
                name: name.to_owned(),
                name_en: name_en.to_owned(),
            });
        }
        ReferenceData {
            counties,
            municipalities,
            goals,
            countries,
            county_by_code,
            municipality_by_code,
            country_by_name,
        }
    }

    /// The country with this ISO 3166-1 alpha-2 code (upper case).
    pub fn country(&self, code: &str) -> Option<&Country> {
        self.countries
            .binary_search_by(|c| c.code.as_str().cmp(code))
            .ok()
            .map(|i| &self.countries[i])
    }

    /// The country whose code or Swedish or English name is `text`, without regard to case
    /// or diacritics (`se`, `Sverige`, `Sweden`, `Czech Republic`).
    pub fn find_country(&self, text: &str) -> Option<&Country> {
        self.country_by_name
            .get(&crate::text::fold(text.trim()))
            .map(|&i| &self.countries[i])
    }

    pub fn county(&self, code: &str) -> Option<&County> {
        self.county_by_code.get(code).map(|&i| &self.counties[i])
    }

    pub fn municipality(&self, code: &str) -> Option<&Municipality> {
        self.municipality_by_code
            .get(code)
            .map(|&i| &self.municipalities[i])
    }

    /// The county whose code or name (case-insensitive, with or without " län") is `text`.
    pub fn find_county(&self, text: &str) -> Option<&County> {
        let wanted = text.trim().to_lowercase();
        self.county(text.trim()).or_else(|| {
            self.counties.iter().find(|c| {
                let name = c.name.to_lowercase();
                name == wanted || name.trim_end_matches(" län") == wanted
            })
        })
    }

    /// The municipality whose code or name (case-insensitive) is `text`.
    pub fn find_municipality(&self, text: &str) -> Option<&Municipality> {
        let wanted = text.trim().to_lowercase();
        self.municipality(text.trim()).or_else(|| {
            self.municipalities
                .iter()
                .find(|m| m.name.to_lowercase() == wanted)
        })
    }

    pub fn goal(&self, number: u8) -> Option<&Goal> {
        self.goals.iter().find(|g| g.number == number)
    }
}

/// The name of the focus area `slug` in `focus`, or the slug itself if it has none.
pub fn focus_name<'a>(focus: &'a [FocusArea], slug: &'a str) -> &'a str {
    focus
        .iter()
        .find(|f| f.slug == slug)
        .map_or(slug, |f| f.name.as_str())
}

/// The focus areas a new library starts with.
pub fn default_focus_areas() -> Vec<FocusArea> {
    serde_json::from_str(include_str!("../../../assets/taxonomy/focus_areas.json"))
        .expect("assets/taxonomy/focus_areas.json is valid")
}

/// The whole taxonomy, with the library's focus areas.
pub fn taxonomy(focus_areas: Vec<FocusArea>) -> Taxonomy {
    let reference = ReferenceData::get();
    Taxonomy {
        focus_areas,
        kinds: values().kinds.clone(),
        stages: values().stages.clone(),
        novelties: values().novelties.clone(),
        statuses: values().statuses.clone(),
        org_types: values().org_types.clone(),
        uptake_stages: values().uptake_stages.clone(),
        counties: reference.counties.clone(),
        municipalities: reference.municipalities.clone(),
        countries: reference.countries.clone(),
        languages: values().languages.clone(),
        goals: reference.goals.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Kind, Novelty, OrgType, Stage, Status, UptakeStage};

    #[test]
    fn reference_data_has_every_municipality_and_county() {
        let data = ReferenceData::get();
        assert_eq!(data.municipalities.len(), 290);
        assert_eq!(data.counties.len(), 21);
        assert_eq!(data.goals.len(), 17);
        let orebro = data.municipality("1880").unwrap();
        assert_eq!(orebro.name, "Örebro");
        assert_eq!(data.county(&orebro.lan_code).unwrap().name, "Örebro län");
        assert_eq!(
            data.goal(9).unwrap().name,
            "Hållbar industri, innovationer och infrastruktur"
        );
    }

    #[test]
    fn the_labels_file_lists_exactly_the_values_of_the_model_in_order() {
        fn slugs<T: Copy>(all: &[T], slug: fn(T) -> &'static str) -> Vec<&'static str> {
            all.iter().map(|&v| slug(v)).collect()
        }
        let file =
            |name: &str| -> Vec<&str> { group(name).iter().map(|l| l.slug.as_str()).collect() };
        assert_eq!(file("kinds"), slugs(Kind::ALL, Kind::slug));
        assert_eq!(file("stages"), slugs(Stage::ALL, Stage::slug));
        assert_eq!(file("novelties"), slugs(Novelty::ALL, Novelty::slug));
        assert_eq!(file("statuses"), slugs(Status::ALL, Status::slug));
        assert_eq!(file("org_types"), slugs(OrgType::ALL, OrgType::slug));
        assert_eq!(
            file("uptake_stages"),
            slugs(UptakeStage::ALL, UptakeStage::slug)
        );
        for name in [
            "kinds",
            "stages",
            "novelties",
            "statuses",
            "org_types",
            "uptake_stages",
        ] {
            assert!(
                group(name)
                    .iter()
                    .all(|l| !l.label.is_empty() && !l.description.is_empty())
            );
        }
        assert_eq!(Kind::Natverk.label(), "Nätverk");
        assert_eq!(Novelty::Varld.label(), "Ny för världen");
    }

    #[test]
    fn focus_areas_have_names_and_descriptions() {
        let areas = default_focus_areas();
        assert_eq!(areas.len(), 10);
        assert!(
            areas
                .iter()
                .all(|a| crate::text::is_slug(&a.slug) && !a.description.is_empty())
        );
    }

    #[test]
    fn counties_are_found_by_code_or_name() {
        let data = ReferenceData::get();
        assert_eq!(data.find_county("18").unwrap().name, "Örebro län");
        assert_eq!(data.find_county("örebro").unwrap().code, "18");
        assert_eq!(data.find_county("Örebro län").unwrap().code, "18");
        assert!(data.find_county("Atlantis").is_none());
        assert_eq!(data.find_municipality("södertälje").unwrap().code, "0181");
    }
}
