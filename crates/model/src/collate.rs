//! Swedish alphabetical order: å, ä and ö come after z, and case and accents on other letters
//! (é, ü) only break ties. Small enough that a full ICU collator would be a poor trade.

use std::cmp::Ordering;

/// The primary sort weight of one character.
fn weight(c: char) -> (u32, u32) {
    let lower = c.to_lowercase().next().unwrap_or(c);
    match lower {
        'å' => ('z' as u32 + 1, 0),
        'ä' | 'æ' => ('z' as u32 + 2, 0),
        'ö' | 'ø' => ('z' as u32 + 3, 0),
        'é' | 'è' | 'ê' | 'ë' => ('e' as u32, 1),
        'á' | 'à' | 'â' => ('a' as u32, 1),
        'ü' => ('y' as u32, 1),
        'í' | 'ì' | 'î' | 'ï' => ('i' as u32, 1),
        'ó' | 'ò' | 'ô' => ('o' as u32, 1),
        'ç' => ('c' as u32, 1),
        'ñ' => ('n' as u32, 1),
        other => (other as u32, 0),
    }
}

/// Compares two strings in Swedish order.
pub fn swedish_cmp(a: &str, b: &str) -> Ordering {
    let primary = |s: &str| s.chars().map(|c| weight(c).0).collect::<Vec<_>>();
    primary(a)
        .cmp(&primary(b))
        .then_with(|| {
            let accents = |s: &str| s.chars().map(|c| weight(c).1).collect::<Vec<_>>();
            accents(a).cmp(&accents(b))
        })
        .then_with(|| b.cmp(a)) // lower case before upper case
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_ring_a_umlaut_o_umlaut_sort_after_z() {
        let mut words = vec![
            "Örebro",
            "Ängelholm",
            "Åre",
            "Zinkgruvan",
            "Arboga",
            "Eksjö",
            "Östhammar",
            "Ale",
        ];
        words.sort_by(|a, b| swedish_cmp(a, b));
        assert_eq!(
            words,
            [
                "Ale",
                "Arboga",
                "Eksjö",
                "Zinkgruvan",
                "Åre",
                "Ängelholm",
                "Örebro",
                "Östhammar"
            ]
        );
    }

    #[test]
    fn case_and_accents_only_break_ties() {
        let mut words = vec!["Eva", "éva", "eva", "Ewa"];
        words.sort_by(|a, b| swedish_cmp(a, b));
        assert_eq!(words, ["eva", "Eva", "éva", "Ewa"]);
    }
}
