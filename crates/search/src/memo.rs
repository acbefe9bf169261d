//! A tokenizer that analyses each distinct word once: the Swedish chain (lower case, the
//! snowball stemmer, and for a query folding) is remembered per word, so the many repeats of a
//! word in a library cost a hash look-up instead of the chain (a rebuild spent about a third
//! of its time in it). The tokens are the same as [`SimpleTokenizer`] followed by the chain
//! gives: the same words, offsets and positions (a word the chain drops, one of 40 bytes or
//! more, still takes its position). Text comes from imported files, so the memo is bounded: it starts over
//! past [`MAX_WORDS`] words, and a word too long to be a term is not remembered.
//!
//! [`SimpleTokenizer`]: tantivy::tokenizer::SimpleTokenizer

use std::hash::BuildHasher;

use hashbrown::HashTable;
use rustc_hash::FxBuildHasher;
use tantivy::tokenizer::{TextAnalyzer, Token, TokenStream, Tokenizer};

/// Past this many remembered words the memo starts over, so that it stays bounded.
const MAX_WORDS: usize = 200_000;
/// The length from which the chain drops a word (its `RemoveLongFilter`).
pub(crate) const MAX_WORD_BYTES: usize = 40;
/// Marks a remembered word that the chain drops. (Lengths are kept below 128, as characters
/// of the arena's text.)
const DROPPED: u8 = 127;

/// Words split as [`tantivy::tokenizer::SimpleTokenizer`] splits them, each analysed by
/// `word_chain` (a chain over a whole-text tokenizer) once.
///
/// The memo is looked up once per token of every text indexed, so it is laid out for the
/// cache: a table of offsets (4 bytes a word) into one arena where each word is followed by
/// its analysis. (A map of boxed strings spent most of the look-up waiting for memory: the
/// table's slot, then the word and its analysis, each somewhere else on the heap; this layout
/// took a full rebuild of 100 000 entries from 9.5–10.4 s to 8.3–9.0 s.)
#[derive(Clone)]
pub struct Memoized {
    memo: Memo,
    token: Token,
}

/// The remembered analyses.
#[derive(Clone)]
struct Memo {
    word_chain: TextAnalyzer,
    /// The offset in `arena` of each remembered word.
    table: HashTable<u32>,
    /// Each remembered word as its length, its analysis's length ([`DROPPED`] when the chain
    /// drops it), both as one ASCII character, then the word, and the analysis.
    arena: String,
    /// The analysis of the last word whose analysis was too long to remember (none is, in
    /// practice: a word is shorter than [`MAX_WORD_BYTES`]).
    unremembered: String,
}

/// The word and its analysis at `offset` of `arena` (`None`: the chain drops the word).
fn entry(arena: &str, offset: u32) -> (&str, Option<&str>) {
    let at = offset as usize;
    let bytes = arena.as_bytes();
    let (word_len, analysed_len) = (usize::from(bytes[at]), bytes[at + 1]);
    let word = &arena[at + 2..at + 2 + word_len];
    let analysed = (analysed_len != DROPPED).then(|| {
        let from = at + 2 + word_len;
        &arena[from..from + usize::from(analysed_len)]
    });
    (word, analysed)
}

impl Memoized {
    pub fn new(word_chain: TextAnalyzer) -> Memoized {
        Memoized {
            memo: Memo {
                word_chain,
                table: HashTable::new(),
                arena: String::new(),
                unremembered: String::new(),
            },
            token: Token::default(),
        }
    }
}

impl Memo {
    /// The chain's analysis of `word` (`None`: the chain drops it), analysed and remembered
    /// the first time.
    fn analysis(&mut self, word: &str) -> Option<&str> {
        let hash = FxBuildHasher.hash_one(word.as_bytes());
        if let Some(&offset) = self
            .table
            .find(hash, |&offset| entry(&self.arena, offset).0 == word)
        {
            return entry(&self.arena, offset).1;
        }
        let mut stream = self.word_chain.token_stream(word);
        let analysed = stream.next().map(|t| t.text.clone());
        drop(stream);
        let analysed_len = match &analysed {
            None => DROPPED,
            Some(text) => match u8::try_from(text.len()) {
                Ok(len) if len < DROPPED => len,
                _ => {
                    self.unremembered = text.clone();
                    return Some(&self.unremembered);
                }
            },
        };
        if self.table.len() >= MAX_WORDS {
            self.table.clear();
            self.arena.clear();
        }
        // At most MAX_WORDS entries of under 170 bytes.
        let offset = u32::try_from(self.arena.len()).expect("the arena is bounded");
        // A word is shorter than MAX_WORD_BYTES, so both lengths are ASCII characters.
        self.arena.push(char::from(word.len() as u8));
        self.arena.push(char::from(analysed_len));
        self.arena.push_str(word);
        self.arena.push_str(analysed.as_deref().unwrap_or_default());
        let arena = &self.arena;
        self.table.insert_unique(hash, offset, |&offset| {
            FxBuildHasher.hash_one(entry(arena, offset).0.as_bytes())
        });
        entry(&self.arena, offset).1
    }
}

pub struct MemoizedStream<'a> {
    text: &'a str,
    at: usize,
    owner: &'a mut Memoized,
}

impl Tokenizer for Memoized {
    type TokenStream<'a> = MemoizedStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> MemoizedStream<'a> {
        self.token.reset();
        MemoizedStream {
            text,
            at: 0,
            owner: self,
        }
    }
}

impl MemoizedStream<'_> {
    /// The byte range of the next word from `self.at`.
    fn next_word(&mut self) -> Option<(usize, usize)> {
        let start = self.skip(self.at, false)?;
        let end = self.skip(start, true).unwrap_or(self.text.len());
        self.at = end;
        Some((start, end))
    }

    /// The byte, from `at` on, where a word ends (`in_word`: the first character that is not
    /// alphanumeric, as [`char::is_alphanumeric`] says) or starts (the first that is); `None`
    /// at the end of the text. A byte below 128 is a character of its own, and the letters of
    /// Latin-1 (å, ä, ö, é, ü) are alphabetic, so most characters are told without Unicode's
    /// tables. (This took the splitting's share of a rebuild's CPU samples from 19.5–21 % to
    /// 16.3 %.)
    fn skip(&self, mut at: usize, in_word: bool) -> Option<usize> {
        let bytes = self.text.as_bytes();
        while let Some(&byte) = bytes.get(at) {
            let (alphanumeric, len) = if byte < 0x80 {
                (byte.is_ascii_alphanumeric(), 1)
            } else {
                let c = self.text[at..].chars().next()?;
                let latin_letter = matches!(c, 'À'..='ÿ') && c != '×' && c != '÷';
                (latin_letter || c.is_alphanumeric(), c.len_utf8())
            };
            if alphanumeric != in_word {
                return Some(at);
            }
            at += len;
        }
        None
    }
}

impl TokenStream for MemoizedStream<'_> {
    fn advance(&mut self) -> bool {
        while let Some((start, end)) = self.next_word() {
            let owner = &mut *self.owner;
            owner.token.position = owner.token.position.wrapping_add(1);
            let word = &self.text[start..end];
            if word.len() >= MAX_WORD_BYTES {
                // Dropped by the chain (`RemoveLongFilter`); not worth remembering.
                continue;
            }
            let Some(analysed) = owner.memo.analysis(word) else {
                continue;
            };
            owner.token.text.clear();
            owner.token.text.push_str(analysed);
            owner.token.offset_from = start;
            owner.token.offset_to = end;
            owner.token.position_length = 1;
            return true;
        }
        false
    }

    fn token(&self) -> &Token {
        &self.owner.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.owner.token
    }
}

#[cfg(test)]
mod tests {
    use tantivy::tokenizer::{RawTokenizer, SimpleTokenizer, TextAnalyzer};

    use tantivy::tokenizer::{TokenStream, Tokenizer};

    use super::{MAX_WORD_BYTES, MAX_WORDS, Memoized};
    use crate::index::swedish_chain;

    fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<(String, usize, usize, usize)> {
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while let Some(t) = stream.next() {
            out.push((t.text.clone(), t.offset_from, t.offset_to, t.position));
        }
        out
    }

    #[test]
    fn gives_the_tokens_of_the_chain_it_remembers() {
        let long = "a".repeat(41);
        let text = format!(
            "Örebros testbädd, ÖREBROS testbäddar – {long} och välfärdsteknik; 2019 års e-hälsa. Örebros"
        );
        for folded in [true, false] {
            let mut plain = swedish_chain(SimpleTokenizer::default(), folded);
            let mut memo = TextAnalyzer::from(Memoized::new(swedish_chain(
                RawTokenizer::default(),
                folded,
            )));
            assert_eq!(tokens(&mut memo, &text), tokens(&mut plain, &text));
            // The second time from the memo, the same again.
            assert_eq!(tokens(&mut memo, &text), tokens(&mut plain, &text));
            assert!(tokens(&mut memo, "  ,; ").is_empty());
            // Words split as the plain tokenizer splits them, character by character: every
            // character of Latin-1 and Latin Extended, and some from further on (digits of
            // other scripts, superscripts, dashes, spaces).
            let every: String = (0..0x250u32)
                .chain([0x00b2, 0x0663, 0x2013, 0x2009, 0x3000, 0x1f600])
                .filter_map(char::from_u32)
                .flat_map(|c| [c, 'x', c, c, ' '])
                .collect();
            assert_eq!(tokens(&mut memo, &every), tokens(&mut plain, &every));
            // Every text of the starter library.
            for entry in crate::starter_entries() {
                for (_, text) in entry.sections.iter() {
                    assert_eq!(tokens(&mut memo, text), tokens(&mut plain, text));
                }
                for text in [entry.summary.clone(), crate::index::names_text(&entry)] {
                    assert_eq!(tokens(&mut memo, &text), tokens(&mut plain, &text));
                }
            }
        }
    }

    #[test]
    fn starts_over_when_full_and_still_gives_the_chains_tokens() {
        let text: String = (0..MAX_WORDS + 10)
            .map(|i| format!("ordet{i}ärs "))
            .collect();
        let mut plain = swedish_chain(SimpleTokenizer::default(), false);
        let mut memoized = Memoized::new(swedish_chain(RawTokenizer::default(), false));
        let mut memo = TextAnalyzer::from(memoized.clone());
        assert_eq!(tokens(&mut memo, &text), tokens(&mut plain, &text));
        // Bounded: the memo started over once it held MAX_WORDS words.
        let mut stream = memoized.token_stream(&text);
        while stream.advance() {}
        assert!(memoized.memo.table.len() <= MAX_WORDS);
        assert!(memoized.memo.arena.len() <= MAX_WORDS * (2 + 2 * MAX_WORD_BYTES));
    }
}
