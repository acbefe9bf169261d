//! Snippets: a short, HTML-safe excerpt from the part of an entry that best matches the
//! query, with the matching words in `<mark>`.
//!
//! tantivy's own snippet generator only marks exact terms of one field; ours marks what the
//! search actually matched: inflected forms, words inside compounds, words without their
//! å/ä/ö and small typos.

use std::borrow::Cow;

use memchr::memmem::Finder;
use tantivy::tokenizer::TextAnalyzer;

use model::text::{escape_html, fold, fold_into};

use crate::index::stem_analyzer;
use model::{Entry, SectionKey};

/// The longest snippet, in characters, before the ellipses.
const SNIPPET_CHARS: usize = 220;
/// How much text to keep before the first match, in characters.
const LEAD_CHARS: usize = 60;

/// A query word prepared for matching against the words of a text.
struct Needle {
    folded: String,
    stem: String,
    chars: usize,
    stem_chars: usize,
    /// Whether a word one or two edits away matches: only for a word the library lacks, as
    /// the search itself reads typos.
    typos: bool,
    /// Whether the folded word and the stem are letters and digits only, so that each place
    /// either is found in a text lies inside one word of it.
    whole: bool,
    /// Searches for the folded word and for the stem, made once for every text of every hit.
    folded_finder: Finder<'static>,
    stem_finder: Finder<'static>,
}

/// The words of a query, prepared once for the snippets of all its hits.
pub struct Needles(Vec<Needle>);

impl Needles {
    /// `words` as the user wrote them; `typos` says, for each, whether it may be misspelt.
    pub fn new(words: &[(String, bool)]) -> Needles {
        let mut stemmer: TextAnalyzer = stem_analyzer();
        let mut out = Vec::new();
        for (word, typos) in words {
            for part in word.split(|c: char| !c.is_alphanumeric()) {
                if part.is_empty() {
                    continue;
                }
                let mut stream = stemmer.token_stream(part);
                let stem = match stream.next() {
                    Some(token) => token.text.clone(),
                    None => continue,
                };
                let folded = fold(part);
                let whole = [&folded, &stem]
                    .iter()
                    .all(|w| !w.is_empty() && w.chars().all(char::is_alphanumeric));
                out.push(Needle {
                    chars: folded.chars().count(),
                    stem_chars: stem.chars().count(),
                    folded_finder: Finder::new(&folded).into_owned(),
                    stem_finder: Finder::new(&stem).into_owned(),
                    folded,
                    stem,
                    typos: *typos,
                    whole,
                });
            }
        }
        Needles(out)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// Whether a word of the text matches a query word.
fn matches(token: &str, needle: &Needle) -> bool {
    let n = needle.chars;
    // (The length is compared first: setting up a substring search costs more than most
    // words take to read.)
    if token == needle.folded
        || (needle.stem_chars >= 2 && token.starts_with(&needle.stem))
        || (n >= 4 && token.len() >= needle.folded.len() && token.contains(&needle.folded))
    {
        return true;
    }
    // A typo: only words of about the same length can be one or two edits away, and the
    // length is cheap to compare before the distance is computed.
    let allowed = if n >= 10 { 2 } else { 1 };
    needle.typos
        && n >= 5
        && token.len().abs_diff(needle.folded.len()) <= allowed * 2
        && token.chars().count().abs_diff(n) <= allowed
        // Optimal string alignment: transpositions count as one edit, as in Damerau-
        // Levenshtein, without its per-call table of the alphabet (a fifth of a loaded
        // server's time went to that table).
        && strsim::osa_distance(token, &needle.folded) <= allowed
}

/// The words of a text: their byte ranges.
fn words(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut chars = text.char_indices();
    std::iter::from_fn(move || {
        let start = chars.find(|(_, c)| c.is_alphanumeric())?.0;
        let end = chars
            .find(|(_, c)| !c.is_alphanumeric())
            .map_or(text.len(), |(i, _)| i);
        Some((start, end))
    })
}

/// Markdown as plain text, good enough for an excerpt: no markers, links as their text, and
/// each run of white space one space. A text that is plain already (one line, no marks, single
/// spaces) is itself, without a copy.
fn plain(markdown: &str) -> Cow<'_, str> {
    if is_plain(markdown) {
        Cow::Borrowed(markdown)
    } else {
        Cow::Owned(made_plain(markdown))
    }
}

/// Whether [`made_plain`] would give `text` back as it is: one line, no character it drops or
/// reads as a mark, and words apart by single spaces.
fn is_plain(text: &str) -> bool {
    let mut space = true;
    for c in text.chars() {
        let plain = match c {
            ' ' => !space,
            '*' | '`' | '[' | ']' => false,
            // Marks at the start of a line (`#`, `>`, `- `); after a space, to be safe too.
            '#' | '>' | '-' => !space,
            c => !c.is_whitespace(),
        };
        if !plain {
            return false;
        }
        space = c == ' ';
    }
    !space
}

fn made_plain(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    for line in markdown.lines() {
        let line = line
            .trim_start()
            .trim_start_matches(['#', '>'])
            .trim_start();
        let line = line
            .strip_prefix("- ")
            .or_else(|| line.strip_prefix("* "))
            .unwrap_or(line);
        let mut chars = line.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '*' | '`' | '[' => {}
                ']' if chars.peek() == Some(&'(') => {
                    for c in chars.by_ref() {
                        if c == ')' {
                            break;
                        }
                    }
                }
                c => out.push(c),
            }
        }
        out.push(' ');
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The words of a text, and those that match.
struct Matched {
    spans: Vec<(usize, usize)>,
    marked: Vec<(usize, usize)>,
}

/// Whether the folded `word` matches any of `needles`, each one it matches marked in
/// `distinct`.
fn match_word(word: &str, needles: &[Needle], distinct: &mut [bool]) -> bool {
    let mut hit = false;
    for (needle, seen) in needles.iter().zip(distinct) {
        if matches(word, needle) {
            *seen = true;
            hit = true;
        }
    }
    hit
}

/// The words of `text` that match `needles`, and its score (distinct query words matched,
/// then matches): all of them, or with `window` those as far as [`render`] reads (to
/// [`SNIPPET_CHARS`] after the first match; a hit's text is often much longer than its
/// snippet).
fn find(text: &str, needles: &[Needle], window: bool) -> (Matched, (usize, usize)) {
    let mut spans = Vec::new();
    let mut marked = Vec::new();
    let mut distinct = vec![false; needles.len()];
    let mut token = String::new();
    let mut stop = text.len();
    for (s, e) in words(text) {
        if s >= stop {
            break;
        }
        spans.push((s, e));
        fold_into(&text[s..e], &mut token);
        if match_word(&token, needles, &mut distinct) {
            if window && marked.is_empty() {
                stop = text[s..]
                    .char_indices()
                    .nth(SNIPPET_CHARS)
                    .map_or(text.len(), |(i, _)| s + i);
            }
            marked.push((s, e));
        }
    }
    let score = (distinct.iter().filter(|d| **d).count(), marked.len());
    (Matched { spans, marked }, score)
}

/// The score of a text, as [`find`] gives it, worked out on the text folded as a whole
/// rather than word by word (folding keeps letters letters, so the words are the same).
/// Every way a word matches a needle without a typo puts the needle's folded word or stem in
/// the folded text, so a text with neither scores nothing, found by a substring search
/// instead of a look at every word (most sections of a hit lack most query words).
fn text_score(text: &str, needles: &[Needle]) -> (usize, usize) {
    if needles.is_empty() {
        return (0, 0);
    }
    let mut folded = String::with_capacity(text.len());
    fold_into(text, &mut folded);
    let present = |needle: &Needle| {
        needle.typos
            || needle.folded_finder.find(folded.as_bytes()).is_some()
            || (needle.stem_chars >= 2 && needle.stem_finder.find(folded.as_bytes()).is_some())
    };
    if !needles.iter().any(present) {
        return (0, 0);
    }
    if needles.iter().all(|needle| needle.whole && !needle.typos) {
        return places_score(&folded, needles);
    }
    let mut distinct = vec![false; needles.len()];
    let mut marked = 0;
    for word in folded.split(|c: char| !c.is_alphanumeric()) {
        if !word.is_empty() {
            marked += usize::from(match_word(word, needles, &mut distinct));
        }
    }
    (distinct.iter().filter(|d| **d).count(), marked)
}

/// [`text_score`] from the places where each needle's folded word and stem are found in the
/// folded text: one substring search per needle instead of a comparison with every word.
/// Each place lies inside one word (the needle is [`Needle::whole`]), which matches if the
/// folded word is inside it (or is it, for a word under four characters) or the stem starts
/// it; a word is counted once however many needles and places it has.
fn places_score(folded: &str, needles: &[Needle]) -> (usize, usize) {
    let is_word = |c: char| c.is_alphanumeric();
    let starts_word = |at: usize| !folded[..at].chars().next_back().is_some_and(is_word);
    let ends_word = |at: usize| !folded[at..].chars().next().is_some_and(is_word);
    let word_start = |at: usize| {
        folded[..at]
            .char_indices()
            .rev()
            .find(|&(_, c)| !is_word(c))
            .map_or(0, |(i, c)| i + c.len_utf8())
    };
    let mut matched: Vec<usize> = Vec::new();
    let mut distinct = 0;
    for needle in needles {
        let before = matched.len();
        for at in needle.folded_finder.find_iter(folded.as_bytes()) {
            if needle.chars >= 4 {
                matched.push(word_start(at));
            } else if starts_word(at) && ends_word(at + needle.folded.len()) {
                matched.push(at);
            }
        }
        if needle.stem_chars >= 2 {
            let stems = needle.stem_finder.find_iter(folded.as_bytes());
            matched.extend(stems.filter(|&at| starts_word(at)));
        }
        distinct += usize::from(matched.len() > before);
    }
    matched.sort_unstable();
    matched.dedup();
    (distinct, matched.len())
}

/// The HTML of a text's snippet: a window around its first match, the matches marked.
fn render(text: &str, matched: &Matched) -> String {
    let Matched { spans, marked } = matched;
    // Choose the window: from a little before the first match, at a word start.
    let first = marked.first().map_or(0, |m| m.0);
    let lead_start = text[..first]
        .char_indices()
        .rev()
        .nth(LEAD_CHARS)
        .map_or(0, |(i, _)| i);
    let start = spans
        .iter()
        .map(|w| w.0)
        .find(|&s| s >= lead_start)
        .unwrap_or(0);
    let start = if start > first { first } else { start };
    let limit = text[start..]
        .char_indices()
        .nth(SNIPPET_CHARS)
        .map_or(text.len(), |(i, _)| start + i);
    let end = if limit >= text.len() {
        text.len()
    } else {
        spans
            .iter()
            .rev()
            .find(|w| w.1 <= limit && w.0 >= start)
            .map(|w| w.1)
            .unwrap_or(limit)
    };

    let mut html = String::new();
    if start > 0 {
        html.push('…');
    }
    let mut at = start;
    for &(s, e) in marked.iter().filter(|m| m.0 >= start && m.1 <= end) {
        html.push_str(&escape_html(&text[at..s]));
        html.push_str("<mark>");
        html.push_str(&escape_html(&text[s..e]));
        html.push_str("</mark>");
        at = e;
    }
    html.push_str(&escape_html(&text[at..end]));
    if end < text.len() {
        html.push('…');
    }
    html
}

/// An excerpt of one plain text (an attachment's) around the query words.
pub fn in_text(text: &str, needles: &Needles) -> String {
    let text: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    render(&text, &find(&text, &needles.0, true).0)
}

/// The best snippet of an entry for these query words: from the summary or the section
/// with most of the words, or the start of the summary when none match.
pub fn best(entry: &Entry, needles: &Needles) -> String {
    let needles = &needles.0;
    let mut candidates: Vec<(SectionKey, &str)> = vec![(SectionKey::Summary, &entry.summary)];
    candidates.extend(entry.sections.iter());
    // A text is scored as written when its Markdown marks are not words (all but a link's
    // address), so only the best one is made plain, and rendered.
    let mut best: Option<(&str, (usize, usize))> = None;
    for (_, text) in candidates {
        if text.trim().is_empty() {
            continue;
        }
        let score = if text.contains("](") {
            text_score(&plain(text), needles)
        } else {
            text_score(text, needles)
        };
        if best.is_none_or(|(_, b)| score > b) {
            best = Some((text, score));
        }
    }
    best.map(|(text, _)| {
        let text = plain(text);
        render(&text, &find(&text, needles, true).0)
    })
    .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use model::validate::parse_entry;

    fn entry(summary: &str, results: &str) -> Entry {
        let mut e = parse_entry(r#"{"kind":"exempel","title":"T"}"#).unwrap();
        e.summary = summary.to_owned();
        e.sections.results = results.to_owned();
        e
    }

    /// Query words, each of which may be misspelt.
    fn q(words: &[&str]) -> Needles {
        let words: Vec<(String, bool)> = words.iter().map(|w| (w.to_string(), true)).collect();
        Needles::new(&words)
    }

    #[test]
    fn marks_compounds_inflections_folded_words_and_typos() {
        let e = entry(
            "Södertälje arbetar med hållbar livsmedelsförsörjning för offentliga måltider.",
            "",
        );
        let s = best(&e, &q(&["livsmedel"]));
        assert!(s.contains("<mark>livsmedelsförsörjning</mark>"), "{s}");
        let s = best(&e, &q(&["sodertalje", "maltid"]));
        assert!(s.contains("<mark>Södertälje</mark>"), "{s}");
        assert!(s.contains("<mark>måltider</mark>"), "{s}");
        let s = best(&e, &q(&["offentlgia"]));
        assert!(s.contains("<mark>offentliga</mark>"), "{s}");
    }

    #[test]
    fn a_word_the_library_has_marks_no_words_an_edit_away() {
        let e = entry("Barnen får mat och matsalen har en fastighet.", "");
        let known = Needles::new(&[("fastighet".to_owned(), false)]);
        let s = best(&e, &known);
        assert!(s.contains("<mark>fastighet</mark>"), "{s}");
        let typo = Needles::new(&[("fastihget".to_owned(), true)]);
        assert!(best(&e, &typo).contains("<mark>fastighet</mark>"));
        let exact = Needles::new(&[("fastihget".to_owned(), false)]);
        assert!(!best(&e, &exact).contains("<mark>"));
    }

    #[test]
    fn the_folded_text_scores_every_starter_text_as_the_word_by_word_look() {
        let mut texts = Vec::new();
        for entry in crate::starter_entries() {
            texts.push(entry.summary.clone());
            texts.extend(entry.sections.iter().map(|(_, t)| t.to_owned()));
        }
        let words = [
            "livsmedel",
            "Örebro",
            "orebro",
            "måltider",
            "testbäddar",
            "innovation",
            "skola",
            "välfärd",
            "SKR",
            "mätning",
            "kommunerna",
            "upphandling",
            "saknasheltord",
            "mat",
            "och",
            "år",
            // `e` has a stem of one letter: only the word `e` itself matches it.
            "e-hälsa",
        ];
        let mut scored = 0;
        for word in words {
            let needles = q(&[word]);
            let exact = Needles::new(&[(word.to_owned(), false)]);
            for text in &texts {
                // The snippet from the words as far as its window reaches is the snippet
                // from all of them.
                let plain = made_plain(text);
                for needles in [&needles.0, &exact.0] {
                    assert_eq!(
                        render(&plain, &find(&plain, needles, true).0),
                        render(&plain, &find(&plain, needles, false).0),
                        "{word}"
                    );
                }
                assert_eq!(
                    text_score(text, &exact.0),
                    find(text, &exact.0, false).1,
                    "{word}"
                );
                assert_eq!(
                    text_score(text, &needles.0),
                    find(text, &needles.0, false).1,
                    "{word}"
                );
                scored += usize::from(text_score(text, &exact.0).0 > 0);
            }
        }
        assert!(scored > 20, "the words are in some texts: {scored}");
        // Several query words: each counted once, each matching word once.
        for pair in [
            ["innovation", "kommunerna"],
            ["måltider", "livsmedel"],
            ["välfärd", "testbäddar"],
            ["mat", "måltid"],
            ["och", "innovationer"],
        ] {
            let exact: Vec<(String, bool)> = pair.iter().map(|w| (w.to_string(), false)).collect();
            for needles in [q(&pair), Needles::new(&exact)] {
                for text in &texts {
                    assert_eq!(
                        text_score(text, &needles.0),
                        find(text, &needles.0, false).1,
                        "{pair:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn a_text_taken_as_plain_is_what_making_it_plain_gives() {
        let mut texts: Vec<String> = [
            "Ett stycke utan märken, med ord – och siffror 2024.",
            "# Rubrik",
            "Före\nefter",
            "Två  mellanslag",
            "Slut med mellanslag ",
            " Början med mellanslag",
            "- punkt",
            "a - b",
            "Se [länken](https://example.org) här",
            "**fet** och `kod`",
            "Hårt\u{a0}mellanslag",
            "Tab\tstopp",
            "> citat",
            "nummer #1 och pil ->",
            "",
        ]
        .map(str::to_owned)
        .to_vec();
        for entry in crate::starter_entries() {
            texts.push(entry.summary.clone());
            texts.extend(entry.sections.iter().map(|(_, t)| t.to_owned()));
        }
        let mut borrowed = 0;
        for text in &texts {
            let plain = plain(text);
            assert_eq!(plain, made_plain(text), "{text:?}");
            borrowed += usize::from(matches!(plain, Cow::Borrowed(_)));
        }
        assert!(borrowed >= 2, "plain texts are taken as they are");
    }

    #[test]
    fn picks_the_section_with_most_query_words() {
        let e = entry(
            "En sammanfattning om testbäddar.",
            "Testbädden gav resultat för välfärdsteknik i flera kommuner.",
        );
        let s = best(&e, &q(&["testbädd", "välfärdsteknik"]));
        assert!(s.starts_with("<mark>Testbädden</mark>"), "{s}");
    }

    #[test]
    fn a_word_only_in_a_link_address_does_not_choose_the_section() {
        let e = entry(
            "Kommunen testar välfärdsteknik i hemtjänsten.",
            "Läs mer i [rapporten](https://example.org/valfardsteknik-rapport).",
        );
        let s = best(&e, &q(&["välfärdsteknik"]));
        assert!(s.contains("<mark>välfärdsteknik</mark>"), "{s}");
    }

    #[test]
    fn text_is_escaped_and_markdown_dropped() {
        let e = entry(
            "Se **<script>alert(1)</script>** och [länk](https://x.se) om mat.",
            "",
        );
        let s = best(&e, &q(&["mat"]));
        assert!(!s.contains("<script>"), "{s}");
        assert!(s.contains("&lt;script&gt;"), "{s}");
        assert!(s.contains("länk om <mark>mat</mark>"), "{s}");
    }

    #[test]
    fn long_text_is_cut_at_words_with_ellipses() {
        let long = format!("{} livsmedel {}", "början ".repeat(40), "slut ".repeat(80));
        let s = best(&entry(&long, ""), &q(&["livsmedel"]));
        assert!(s.starts_with('…') && s.ends_with('…'), "{s}");
        assert!(s.contains("<mark>livsmedel</mark>"), "{s}");
        assert!(s.chars().count() < SNIPPET_CHARS + 30, "{s}");
    }
}
