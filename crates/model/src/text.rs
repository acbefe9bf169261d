//! Text helpers every layer needs, written once: NFC normalisation, folding for
//! accent-insensitive matching, readable ids (slugs) and HTML escaping.

use unicode_normalization::UnicodeNormalization;

/// Whether `s` is a valid entry id: `a-z`, `0-9` and single inner hyphens, at most 80.
pub fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 80
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-')
        && !s.contains("--")
}

/// A readable id made from a title: `Södertäljes hållbara mat` → `sodertaljes-hallbara-mat`.
pub fn slugify(title: &str) -> String {
    let mut slug = String::new();
    for c in title.nfd() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if unicode_normalization::char::is_combining_mark(c) {
            continue;
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let mut slug = slug.trim_end_matches('-').to_owned();
    if slug.len() > 60 {
        let cut = slug[..60].rfind('-').unwrap_or(60);
        slug.truncate(cut);
    }
    if slug.is_empty() {
        slug.push_str("post");
    }
    slug
}

/// A file name from outside as a label: NFC, no control characters or path separators, no
/// leading dots, at most 120 characters. Empty when nothing is left.
pub fn label(raw: &str) -> String {
    let name: String = nfc(raw)
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, '/' | '\\' | ':'))
        .take(120)
        .collect();
    name.trim().trim_start_matches('.').trim().to_owned()
}

/// Whether `s` is a SHA-256 digest as the library writes it: 64 lower-case hex digits.
pub fn is_sha256(s: &str) -> bool {
    s.len() == 64
        && s.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// NFC-normalises a string; decomposed å/ä/ö would otherwise break search and sorting.
pub fn nfc(text: &str) -> String {
    text.nfc().collect()
}

/// Lower case without the diacritics Swedish readers type without (å → a, é → e).
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_into(text, &mut out);
    out
}

/// [`fold`] into a buffer the caller reuses (it is cleared first): a snippet folds every word
/// of the texts it reads.
///
/// The runs of ASCII between other characters are copied whole and lowered in place, eight
/// bytes looked at a time: Swedish text has an å, ä or ö every few words, and folding
/// character by character took three times as long.
pub fn fold_into(text: &str, out: &mut String) {
    out.clear();
    let mut rest = text;
    loop {
        let ascii = ascii_len(rest.as_bytes());
        let start = out.len();
        out.push_str(&rest[..ascii]);
        out[start..].make_ascii_lowercase();
        let mut chars = rest[ascii..].chars();
        let Some(c) = chars.next() else { break };
        fold_char(c, out);
        rest = chars.as_str();
    }
}

/// One character that is not ASCII, folded.
fn fold_char(c: char, out: &mut String) {
    match c {
        'å' | 'ä' | 'Å' | 'Ä' => out.push('a'),
        'ö' | 'Ö' => out.push('o'),
        'é' | 'É' => out.push('e'),
        other => out.extend(other.to_lowercase().map(fold_lower)),
    }
}

/// How many bytes `bytes` starts with that are ASCII.
fn ascii_len(bytes: &[u8]) -> usize {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut chunks = bytes.chunks_exact(8);
    let mut len = 0;
    for chunk in &mut chunks {
        let word = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        if word & HIGH != 0 {
            return len + ((word & HIGH).trailing_zeros() / 8) as usize;
        }
        len += 8;
    }
    let rest = chunks.remainder();
    len + rest
        .iter()
        .position(|b| !b.is_ascii())
        .unwrap_or(rest.len())
}

/// A lower-case letter without its diacritic, for the letters Swedish readers type without.
fn fold_lower(c: char) -> char {
    match c {
        'å' | 'ä' | 'à' | 'á' | 'â' => 'a',
        'ö' | 'ø' | 'ó' | 'ò' | 'ô' => 'o',
        'é' | 'è' | 'ê' | 'ë' => 'e',
        'ü' => 'u',
        other => other,
    }
}

/// Escapes text for HTML.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_by_runs_gives_what_folding_each_character_gives() {
        let by_character = |text: &str| {
            let mut out = String::new();
            for c in text.chars() {
                if c.is_ascii() {
                    out.push(c.to_ascii_lowercase());
                } else {
                    fold_char(c, &mut out);
                }
            }
            out
        };
        let texts = [
            "",
            "Örebro",
            "ÅÄÖ åäö É é Ü ß İ Ø",
            "Södertäljes hållbara LIVSMEDELSFÖRSÖRJNING för offentliga måltider",
            // Other characters on every side of an eight-byte boundary.
            "abcdefgÅhijklmnoäpqrstuvwxyzÖ",
            "1234567ö12345678é1234567890123456",
            "ÖÖÖÖÖÖÖÖÖÖ",
            "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
        ];
        for text in texts {
            assert_eq!(fold(text), by_character(text), "{text}");
        }
        for entry in
            std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../../assets/library")).unwrap()
        {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            assert_eq!(fold(&text), by_character(&text));
        }
    }

    #[test]
    fn slugs_drop_diacritics_and_punctuation() {
        assert_eq!(
            slugify("Södertäljes hållbara livsmedelsförsörjning!"),
            "sodertaljes-hallbara-livsmedelsforsorjning"
        );
        assert_eq!(slugify("  É-hälsa & co "), "e-halsa-co");
        assert_eq!(slugify("!!!"), "post");
        assert!(is_slug(&slugify(&"ord ".repeat(50))));
    }

    #[test]
    fn labels_and_digests_from_outside_are_checked() {
        assert_eq!(label("../../etc/passwd.pdf"), "etcpasswd.pdf");
        assert_eq!(label("C:\\rapport\u{0}.pdf"), "Crapport.pdf");
        assert_eq!(label(".."), "");
        assert!(is_sha256(&"a".repeat(64)));
        assert!(!is_sha256(&"A".repeat(64)));
        assert!(!is_sha256("/etc/hostname"));
        assert!(!is_sha256("./../library.sqlite3"));
        assert!(!is_sha256("a"));
    }

    #[test]
    fn folding_and_escaping() {
        assert_eq!(fold("Örebro Län"), "orebro lan");
        assert_eq!(
            escape_html("<a href='x'>&</a>"),
            "&lt;a href=&#39;x&#39;&gt;&amp;&lt;/a&gt;"
        );
        assert_eq!(nfc("a\u{030A}"), "å");
    }
}
