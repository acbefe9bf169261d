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
pub fn fold_into(text: &str, out: &mut String) {
    out.clear();
    if text.is_ascii() {
        out.push_str(text);
        out.make_ascii_lowercase();
        return;
    }
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
            continue;
        }
        match c {
            'å' | 'ä' | 'Å' | 'Ä' => out.push('a'),
            'ö' | 'Ö' => out.push('o'),
            'é' | 'É' => out.push('e'),
            other => out.extend(other.to_lowercase().map(fold_lower)),
        }
    }
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
