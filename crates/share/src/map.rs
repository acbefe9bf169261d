//! The small static map of Sweden on a case card: the 21 counties drawn from
//! `assets/geo/lan.geojson` (the outlines the app's maps use), the counties the case comes from
//! and those it was taken up in filled, and each municipality that took it up marked with a
//! dot; with a text alternative that says all of it, so the tagged PDF reads in full.
//!
//! Coordinates are projected once here, to millimetres on the page (longitude scaled by the
//! cosine of Sweden's middle latitude, a projection that is fine at this size), so the template
//! only draws polygons.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use model::Entry;
use model::spread::reach;
use model::taxonomy::ReferenceData;

/// The height of the drawn map, in millimetres.
const HEIGHT_MM: f64 = 62.0;

/// A map for the card.
#[derive(Debug, Clone, Serialize)]
pub struct CardMap {
    pub width: f64,
    pub height: f64,
    pub counties: Vec<MapCounty>,
    /// Municipalities that took the case up, as points in millimetres.
    pub dots: Vec<(f64, f64)>,
    /// The text alternative: what the map shows, in words.
    pub alt: String,
    /// Where the outlines come from.
    pub credit: String,
}

/// One county's outline, and its part in the case.
#[derive(Debug, Clone, Serialize)]
pub struct MapCounty {
    /// Rings of points in millimetres.
    pub rings: Vec<Vec<(f64, f64)>>,
    /// `from` (the case comes from there), `uptake` (taken up there; also when it comes from
    /// there too) or `none`.
    pub role: &'static str,
}

/// A county's outline in longitude and latitude.
struct Outline {
    code: String,
    rings: Vec<Vec<(f64, f64)>>,
}

#[derive(Deserialize)]
struct Collection {
    features: Vec<Feature>,
}

#[derive(Deserialize)]
struct Feature {
    properties: Properties,
    geometry: Geometry,
}

#[derive(Deserialize)]
struct Properties {
    l_id: String,
}

#[derive(Deserialize)]
#[serde(tag = "type", content = "coordinates")]
enum Geometry {
    Polygon(Vec<Vec<(f64, f64)>>),
    MultiPolygon(Vec<Vec<Vec<(f64, f64)>>>),
}

/// The county outlines compiled into the binary, with their bounds.
fn outlines() -> &'static (Vec<Outline>, Bounds) {
    static OUTLINES: OnceLock<(Vec<Outline>, Bounds)> = OnceLock::new();
    OUTLINES.get_or_init(|| {
        let collection: Collection =
            serde_json::from_str(include_str!("../../../assets/geo/lan.geojson"))
                .expect("assets/geo/lan.geojson is valid GeoJSON");
        let outlines: Vec<Outline> = collection
            .features
            .into_iter()
            .map(|f| Outline {
                code: f.properties.l_id,
                rings: match f.geometry {
                    Geometry::Polygon(rings) => rings,
                    Geometry::MultiPolygon(polygons) => polygons.into_iter().flatten().collect(),
                },
            })
            .collect();
        let bounds = Bounds::of(outlines.iter().flat_map(|o| o.rings.iter().flatten()));
        (outlines, bounds)
    })
}

#[derive(Debug, Clone, Copy)]
struct Bounds {
    west: f64,
    east: f64,
    south: f64,
    north: f64,
}

impl Bounds {
    fn of<'a>(points: impl Iterator<Item = &'a (f64, f64)>) -> Bounds {
        let mut b = Bounds {
            west: f64::MAX,
            east: f64::MIN,
            south: f64::MAX,
            north: f64::MIN,
        };
        for &(lon, lat) in points {
            b.west = b.west.min(lon);
            b.east = b.east.max(lon);
            b.south = b.south.min(lat);
            b.north = b.north.max(lat);
        }
        b
    }

    /// How much a degree of longitude is narrower than one of latitude, in the middle.
    fn squeeze(&self) -> f64 {
        ((self.south + self.north) / 2.0).to_radians().cos()
    }

    fn scale(&self) -> f64 {
        HEIGHT_MM / (self.north - self.south)
    }

    fn width(&self) -> f64 {
        (self.east - self.west) * self.squeeze() * self.scale()
    }

    /// A point in millimetres from the top left corner.
    fn project(&self, (lon, lat): (f64, f64)) -> (f64, f64) {
        let round = |v: f64| (v * 100.0).round() / 100.0;
        (
            round((lon - self.west) * self.squeeze() * self.scale()),
            round((self.north - lat) * self.scale()),
        )
    }
}

/// The middle of a municipality (of its outline's bounds), from `assets/geo/kommuner.geojson`.
fn municipality_point(code: &str) -> Option<(f64, f64)> {
    static POINTS: OnceLock<BTreeMap<String, (f64, f64)>> = OnceLock::new();
    #[derive(Deserialize)]
    struct Municipalities {
        features: Vec<MunicipalityFeature>,
    }
    #[derive(Deserialize)]
    struct MunicipalityFeature {
        properties: MunicipalityProperties,
        geometry: Geometry,
    }
    #[derive(Deserialize)]
    struct MunicipalityProperties {
        id: String,
    }
    POINTS
        .get_or_init(|| {
            let all: Municipalities =
                serde_json::from_str(include_str!("../../../assets/geo/kommuner.geojson"))
                    .expect("assets/geo/kommuner.geojson is valid GeoJSON");
            all.features
                .into_iter()
                .map(|f| {
                    let rings = match f.geometry {
                        Geometry::Polygon(rings) => rings,
                        Geometry::MultiPolygon(p) => p.into_iter().flatten().collect(),
                    };
                    let b = Bounds::of(rings.iter().flatten());
                    (
                        f.properties.id,
                        ((b.west + b.east) / 2.0, (b.south + b.north) / 2.0),
                    )
                })
                .collect()
        })
        .get(code)
        .copied()
}

/// The map of where `entry` comes from and where it has been taken up; `None` when it records
/// no uptake, or no place to draw.
pub fn card_map(entry: &Entry) -> Option<CardMap> {
    if entry.uptakes.is_empty() {
        return None;
    }
    let reference = ReferenceData::get();
    let from: BTreeSet<&str> = entry.places.iter().map(|p| p.lan_code.as_str()).collect();
    let taken: BTreeSet<&str> = entry.uptakes.iter().filter_map(|u| u.lan_code()).collect();
    if from.is_empty() && taken.is_empty() {
        return None;
    }
    let (outlines, bounds) = outlines();
    let counties = outlines
        .iter()
        .map(|o| MapCounty {
            rings: o
                .rings
                .iter()
                .map(|ring| ring.iter().map(|&p| bounds.project(p)).collect())
                .collect(),
            role: if taken.contains(o.code.as_str()) {
                "uptake"
            } else if from.contains(o.code.as_str()) {
                "from"
            } else {
                "none"
            },
        })
        .collect();
    let dots = entry
        .uptakes
        .iter()
        .filter(|u| u.code.len() == 4)
        .filter_map(|u| municipality_point(&u.code))
        .map(|p| bounds.project(p))
        .collect();

    let county_name = |code: &str| {
        reference
            .county(code)
            .map_or_else(|| code.to_owned(), |c| c.name.clone())
    };
    let mut alt = String::from("Karta över Sveriges län.");
    if !from.is_empty() {
        let places: Vec<String> = entry.places.iter().map(|p| p.display()).collect();
        alt.push_str(&format!(
            " Exemplet kommer från {} (ljust fyllt).",
            places.join(", ")
        ));
    }
    if !taken.is_empty() {
        let mut by_county: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for u in entry.uptakes.iter().filter(|u| !u.code.is_empty()) {
            if let Some(lan) = u.lan_code() {
                by_county
                    .entry(county_name(lan))
                    .or_default()
                    .push(u.organisation.clone());
            }
        }
        let parts: Vec<String> = by_county
            .into_iter()
            .map(|(county, names)| format!("{county} ({})", names.join(", ")))
            .collect();
        alt.push_str(&format!(
            " Det har tagits upp i {} (mörkt fyllt; kommuner med en prick).",
            parts.join(", ")
        ));
    }
    let counted: Vec<_> = entry
        .uptakes
        .iter()
        .filter(|u| u.code.is_empty())
        .cloned()
        .collect();
    if let Some(summary) = reach(&counted).summary() {
        let without = summary.trim_start_matches("Tagits upp av ");
        alt.push_str(&format!(
            " Därtill {without} utan angiven ort, som inte finns på kartan."
        ));
    }
    Some(CardMap {
        width: (bounds.width() * 100.0).round() / 100.0,
        height: HEIGHT_MM,
        counties,
        dots,
        alt,
        credit: "Kartdata: okfse/sweden-geojson (Valmyndigheten), förenklad.".into(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(json: &str) -> Entry {
        let mut e = model::validate::parse_entry(json).unwrap();
        model::validate::normalise_and_check(&mut e, &model::taxonomy::default_focus_areas())
            .unwrap();
        e
    }

    #[test]
    fn the_map_fills_where_a_case_comes_from_and_where_it_was_taken_up() {
        let e = entry(
            r#"{"kind":"exempel","title":"T","places":[{"municipality_code":"0181"}],
                "uptakes":[{"code":"0380","stage":"testar","source":"S"},
                           {"count":16,"type":"kommun","stage":"intresserad","source":"S"}]}"#,
        );
        let map = card_map(&e).unwrap();
        assert_eq!(map.counties.len(), 21);
        let role = |code: &str| {
            let (outlines, _) = outlines();
            let i = outlines.iter().position(|o| o.code == code).unwrap();
            map.counties[i].role
        };
        assert_eq!(
            (role("01"), role("03"), role("18")),
            ("from", "uptake", "none")
        );
        assert_eq!(map.dots.len(), 1);
        // Inside the drawing, and Uppsala north of Södertälje's county's south.
        let (x, y) = map.dots[0];
        assert!(
            x > 0.0 && x < map.width && y > 0.0 && y < map.height,
            "{x},{y}"
        );
        assert!(map.width > 20.0 && map.width < map.height, "{}", map.width);
        assert!(
            map.alt.contains("Södertälje (Stockholms län)"),
            "{}",
            map.alt
        );
        assert!(map.alt.contains("Uppsala län (Uppsala)"), "{}", map.alt);
        assert!(
            map.alt.contains("16 kommuner utan angiven ort"),
            "{}",
            map.alt
        );
    }

    #[test]
    fn no_uptake_no_map() {
        let e = entry(r#"{"kind":"exempel","title":"T","places":[{"lan_code":"01"}]}"#);
        assert!(card_map(&e).is_none());
    }
}
