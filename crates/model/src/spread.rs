//! A case's spread in figures: how many organisations of each type have taken it up, over
//! which years, in the words the case card, the brief and the lists use ("Tagits upp av 16
//! kommuner och 2 regioner, 2019–2022").
//!
//! Sources often count the same organisations twice (the 16 municipalities that took part,
//! then the three of them that followed up), so counts are never added up: for each type of
//! organisation the reach is the largest of its counted uptakes and of the number of different
//! organisations named, a figure the sources support ("at least").

use std::collections::{BTreeMap, BTreeSet};

use crate::{OrgType, Uptake};

/// How far a case has spread.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reach {
    /// Organisations that took it up, per type, in the order of [`OrgType::ALL`].
    pub by_type: Vec<(OrgType, u32)>,
    /// The first and the last year an uptake is dated, if any is.
    pub years: Option<(i32, i32)>,
}

impl Reach {
    /// Every organisation the reach counts, all types together.
    pub fn organisations(&self) -> u32 {
        self.by_type.iter().map(|(_, n)| n).sum()
    }

    /// "Tagits upp av 16 kommuner och 2 regioner, 2019–2022"; `None` when nobody has.
    pub fn summary(&self) -> Option<String> {
        if self.by_type.is_empty() {
            return None;
        }
        let counted: Vec<String> = self
            .by_type
            .iter()
            .map(|(org_type, n)| org_type.counted(*n))
            .collect();
        let mut text = format!("Tagits upp av {}", join_and(&counted));
        match self.years {
            Some((first, last)) if first == last => text.push_str(&format!(", {first}")),
            Some((first, last)) => text.push_str(&format!(", {first}–{last}")),
            None => {}
        }
        Some(text)
    }
}

/// The reach of `uptakes`.
pub fn reach(uptakes: &[Uptake]) -> Reach {
    let mut named: BTreeMap<OrgType, BTreeSet<String>> = BTreeMap::new();
    let mut counted: BTreeMap<OrgType, u32> = BTreeMap::new();
    for u in uptakes {
        match u.count {
            Some(n) => {
                let largest = counted.entry(u.org_type).or_default();
                *largest = (*largest).max(n);
            }
            None => {
                let key = if u.code.is_empty() {
                    u.organisation.to_lowercase()
                } else {
                    u.code.clone()
                };
                named.entry(u.org_type).or_default().insert(key);
            }
        }
    }
    let by_type = OrgType::ALL
        .iter()
        .filter_map(|&t| {
            let n = named
                .get(&t)
                .map_or(0, |s| s.len() as u32)
                .max(counted.get(&t).copied().unwrap_or(0));
            (n > 0).then_some((t, n))
        })
        .collect();
    let years: Vec<i32> = uptakes
        .iter()
        .filter_map(|u| u.date.get(..4).and_then(|y| y.parse().ok()))
        .collect();
    Reach {
        by_type,
        years: years
            .iter()
            .min()
            .zip(years.iter().max())
            .map(|(a, b)| (*a, *b)),
    }
}

/// "a", "a och b", "a, b och c".
fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} och {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::UptakeStage;

    fn counted(n: u32, org_type: OrgType) -> Uptake {
        Uptake {
            code: String::new(),
            organisation: String::new(),
            org_type,
            count: Some(n),
            stage: UptakeStage::Intresserad,
            date: String::new(),
            source: "S".into(),
            note: String::new(),
            contacts: Vec::new(),
        }
    }

    fn named(code: &str, org_type: OrgType, date: &str) -> Uptake {
        Uptake {
            code: code.into(),
            count: None,
            date: date.into(),
            ..counted(1, org_type)
        }
    }

    #[test]
    fn counts_are_never_added_up_and_names_count_once() {
        // The Södertälje case: 16 municipalities and 2 regions took part, and delegations from
        // three municipalities and a region (likely among them) followed up.
        let uptakes = [
            counted(16, OrgType::Kommun),
            counted(2, OrgType::Region),
            counted(3, OrgType::Kommun),
            counted(1, OrgType::Region),
        ];
        let r = reach(&uptakes);
        assert_eq!(r.by_type, [(OrgType::Kommun, 16), (OrgType::Region, 2)]);
        assert_eq!(r.organisations(), 18);
        assert_eq!(
            r.summary().unwrap(),
            "Tagits upp av 16 kommuner och 2 regioner"
        );
    }

    #[test]
    fn named_organisations_and_years() {
        let uptakes = [
            named("1880", OrgType::Kommun, "2019-05"),
            named("1880", OrgType::Kommun, "2022"),
            named("0181", OrgType::Kommun, ""),
            named("18", OrgType::Region, "2021-01-10"),
        ];
        let r = reach(&uptakes);
        assert_eq!(r.by_type, [(OrgType::Kommun, 2), (OrgType::Region, 1)]);
        assert_eq!(r.years, Some((2019, 2022)));
        assert_eq!(
            r.summary().unwrap(),
            "Tagits upp av 2 kommuner och 1 region, 2019–2022"
        );
        assert_eq!(reach(&[]).summary(), None);
    }
}
