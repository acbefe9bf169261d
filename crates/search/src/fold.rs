//! Folding at query time. The Swedish text fields keep each word stemmed as it is written
//! (`får` and `far` are terms of their own, and `Örebro` is `örebro`); a query word finds
//! every term that folds to it (`orebro` and `örebro` both find `örebro`). The terms are
//! found in each segment's term dictionary by an automaton that folds their letters as it
//! reads them ([`Folding`]), so the same machinery gives the exact forms of a word, the words
//! that begin with a prefix, and those within a few edits, all accent-blind.
//!
//! The ways one word is written score as one word (`QueryBuilder::forms_query` gives each the
//! idf of all of them together). "Liknande exempel" reads an entry's terms as written, so
//! there `Örebro` and an `Orebro` are two words.
//!
//! This folding is tantivy's `AsciiFoldingFilter`, the same as the query's analysis; the
//! lighter `model::text::fold` (lower case and the letters Swedish readers type without) is
//! the snippets' and is not interchangeable with it.
//!
//! (The fields used to hold folded terms, with a second field of the accented words for
//! telling `får` from `far`; that field was almost half of a full rebuild.)

use std::borrow::Cow;
use std::sync::{Arc, OnceLock};

use rustc_hash::FxHashMap;
use tantivy::query::{AutomatonWeight, DfaWrapper, EnableScoring, FuzzyTermQuery, Query, Weight};
use tantivy::schema::Field;
use tantivy::tokenizer::{AsciiFoldingFilter, RawTokenizer, TextAnalyzer};
use tantivy::{Searcher, Term};
use tantivy_fst::Automaton;

/// The letters that folding changes, with what they become (`å` → `a`, `æ` → `ae`): every
/// alphanumeric character of the Basic Multilingual Plane outside ASCII, folded once by
/// tantivy's own filter, so that a term folds exactly as the query's words do.
fn table() -> &'static FxHashMap<char, Box<str>> {
    static TABLE: OnceLock<FxHashMap<char, Box<str>>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let letters: Vec<char> = (0x80..=0xFFFF)
            .filter_map(char::from_u32)
            .filter(|c| c.is_alphanumeric())
            .collect();
        // One text of every letter, a line each: the filter folds character by character, and
        // no letter folds to a line break.
        let text: String = letters.iter().flat_map(|&c| [c, '\n']).collect();
        let mut analyzer = TextAnalyzer::builder(RawTokenizer::default())
            .filter(AsciiFoldingFilter)
            .build();
        let mut stream = analyzer.token_stream(&text);
        let folded = stream.next().map(|t| t.text.clone()).unwrap_or_default();
        letters
            .iter()
            .zip(folded.split('\n'))
            .filter(|(c, f)| {
                let mut buf = [0; 4];
                **f != *c.encode_utf8(&mut buf)
            })
            .map(|(&c, f)| (c, f.into()))
            .collect()
    })
}

/// Makes the table of folded letters now, rather than at the first search that needs it.
pub(crate) fn warm() {
    table();
}

/// `word` folded: each letter with å, ä, ö or another mark as its plain letter(s).
pub(crate) fn fold(word: &str) -> Cow<'_, str> {
    if word.is_ascii() {
        return Cow::Borrowed(word);
    }
    let table = table();
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        match table.get(&c) {
            Some(folded) => out.push_str(folded),
            None => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// An automaton over folded text, run on text as written: each letter is folded before the
/// inner automaton reads it.
#[derive(Clone, Debug)]
pub(crate) struct Folding<A>(pub A);

/// The inner automaton's state, and the bytes read so far of a letter not yet complete.
#[derive(Clone, Debug)]
pub(crate) struct FoldingState<S> {
    inner: S,
    pending: [u8; 4],
    have: u8,
}

/// The length of the UTF-8 sequence that `first` begins (1 for a byte that begins none).
fn sequence_len(first: u8) -> usize {
    match first {
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF7 => 4,
        _ => 1,
    }
}

impl<A: Automaton> Automaton for Folding<A>
where
    A::State: Clone,
{
    type State = FoldingState<A::State>;

    fn start(&self) -> Self::State {
        FoldingState {
            inner: self.0.start(),
            pending: [0; 4],
            have: 0,
        }
    }

    fn is_match(&self, state: &Self::State) -> bool {
        state.have == 0 && self.0.is_match(&state.inner)
    }

    fn can_match(&self, state: &Self::State) -> bool {
        self.0.can_match(&state.inner)
    }

    fn accept(&self, state: &Self::State, byte: u8) -> Self::State {
        if state.have == 0 && byte.is_ascii() {
            return FoldingState {
                inner: self.0.accept(&state.inner, byte),
                ..state.clone()
            };
        }
        let mut next = state.clone();
        next.pending[usize::from(next.have)] = byte;
        next.have += 1;
        let len = sequence_len(next.pending[0]);
        if usize::from(next.have) < len {
            return next;
        }
        let bytes = &next.pending[..len];
        let letter = std::str::from_utf8(bytes)
            .ok()
            .and_then(|s| s.chars().next());
        let folded = letter.and_then(|c| table().get(&c));
        let mut inner = state.inner.clone();
        for &b in folded.map_or(bytes, |f| f.as_bytes()) {
            inner = self.0.accept(&inner, b);
        }
        FoldingState {
            inner,
            pending: [0; 4],
            have: 0,
        }
    }
}

/// Accepts exactly one text.
#[derive(Clone, Debug)]
pub(crate) struct Exactly(pub Vec<u8>);

impl Automaton for Exactly {
    /// How many bytes of the text have been read, or `None` once the input left it.
    type State = Option<usize>;

    fn start(&self) -> Option<usize> {
        Some(0)
    }

    fn is_match(&self, state: &Option<usize>) -> bool {
        *state == Some(self.0.len())
    }

    fn can_match(&self, state: &Option<usize>) -> bool {
        state.is_some()
    }

    fn accept(&self, state: &Option<usize>, byte: u8) -> Option<usize> {
        state
            .filter(|&i| self.0.get(i) == Some(&byte))
            .map(|i| i + 1)
    }
}

/// The terms of `fields` in `searcher`'s segments that fold to `folded`, each once, sorted:
/// the ways the library writes one word.
pub(crate) fn written_forms(
    searcher: &Searcher,
    fields: &[Field],
    folded: &str,
) -> tantivy::Result<Vec<String>> {
    let automaton = Folding(Exactly(folded.as_bytes().to_vec()));
    let mut forms = Vec::new();
    for segment in searcher.segment_readers() {
        for &field in fields {
            let index = segment.inverted_index(field)?;
            let mut terms = index.terms().search(&automaton).into_stream()?;
            while terms.advance() {
                if let Ok(term) = std::str::from_utf8(terms.key())
                    && !forms.iter().any(|f: &String| f == term)
                {
                    forms.push(term.to_owned());
                }
            }
        }
    }
    forms.sort_unstable();
    Ok(forms)
}

/// Tantivy's Levenshtein automaton for `folded` (within `distance` edits, a transposition
/// counting one, or every word that begins with it when `prefix`), folding what it reads.
pub(crate) fn fuzzy(
    folded: &str,
    distance: u8,
    prefix: bool,
) -> tantivy::Result<Folding<DfaWrapper>> {
    // The field is not read: the automaton depends on the text alone.
    let term = Term::from_field_text(Field::from_field_id(0), folded);
    let query = if prefix {
        FuzzyTermQuery::new_prefix(term, distance, true)
    } else {
        FuzzyTermQuery::new(term, distance, true)
    };
    Ok(Folding(query.automaton()?))
}

/// The documents with a term of `field` that `automaton` accepts, each scoring 1 (times the
/// clause's boost), as tantivy's fuzzy and prefix queries score theirs.
#[derive(Clone)]
pub(crate) struct FoldedTermsQuery {
    pub field: Field,
    pub automaton: Arc<Folding<DfaWrapper>>,
}

impl std::fmt::Debug for FoldedTermsQuery {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "FoldedTermsQuery({:?})", self.field)
    }
}

impl Query for FoldedTermsQuery {
    fn weight(&self, _scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(AutomatonWeight::<Folding<DfaWrapper>>::new(
            self.field,
            Arc::clone(&self.automaton),
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(automaton: &impl Automaton<State: Clone>, text: &str) -> bool {
        let mut state = automaton.start();
        for &b in text.as_bytes() {
            if !automaton.can_match(&state) {
                return false;
            }
            state = automaton.accept(&state, b);
        }
        automaton.is_match(&state)
    }

    #[test]
    fn folds_as_the_analyzers_fold() {
        let mut analyzer = TextAnalyzer::builder(RawTokenizer::default())
            .filter(AsciiFoldingFilter)
            .build();
        for word in [
            "örebro",
            "får",
            "ålänning",
            "æble",
            "straße",
            "naïve",
            "ok",
            "ﬁ",
            "ǆ",
        ] {
            let expected = analyzer.token_stream(word).next().unwrap().text.clone();
            assert_eq!(fold(word), expected, "{word}");
        }
    }

    #[test]
    fn a_folding_automaton_reads_the_written_word_as_folded() {
        let far = Folding(Exactly(b"far".to_vec()));
        for (text, expected) in [
            ("far", true),
            ("får", true),
            ("fär", true),
            ("fa", false),
            ("fars", false),
            ("föra", false),
        ] {
            assert_eq!(run(&far, text), expected, "{text}");
        }
        let aeble = Folding(Exactly(b"aeble".to_vec()));
        assert!(run(&aeble, "æble"));
        let typo = fuzzy("valfardsteknink", 1, false).unwrap();
        assert!(run(&typo, "välfärdsteknik"));
        assert!(!run(&typo, "välfärd"));
        let prefix = fuzzy("ore", 0, true).unwrap();
        assert!(run(&prefix, "örebro"));
        assert!(!run(&prefix, "söderort"));
    }

    proptest::proptest! {
        /// Any term, with any letters, is found by its folded form, and by the folded form of
        /// any of its beginnings while typing.
        #[test]
        fn every_term_is_found_by_its_folding(
            term in "[a-zåäöéüæøßçñ0-9\\p{L}]{1,12}",
            cut in 0usize..12,
        ) {
            let folded = fold(&term);
            proptest::prop_assert!(run(&Folding(Exactly(folded.as_bytes().to_vec())), &term));
            let beginning: String = term.chars().take(cut.max(1)).collect();
            let prefix = fuzzy(&fold(&beginning), 0, true).unwrap();
            proptest::prop_assert!(run(&prefix, &term), "{beginning} of {term}");
        }
    }
}
