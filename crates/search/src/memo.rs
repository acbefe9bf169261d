//! A tokenizer that analyses each distinct word once: the Swedish chain (lower case, the
//! snowball stemmer, and for a query folding) is remembered per word, so the many repeats of a
//! word in a library cost a hash look-up instead of the chain (a rebuild spent about a third
//! of its time in it). The tokens are the same as [`SimpleTokenizer`] followed by the chain gives: the
//! same words, offsets and positions (a word the chain drops, one of 40 bytes or more, still
//! takes its position). Text comes from imported files, so the memo is bounded: it starts over
//! past [`MAX_WORDS`] words, and a word too long to be a term is not remembered.
//!
//! [`SimpleTokenizer`]: tantivy::tokenizer::SimpleTokenizer

use rustc_hash::FxHashMap;
use tantivy::tokenizer::{TextAnalyzer, Token, TokenStream, Tokenizer};

/// Past this many remembered words the memo starts over, so that it stays bounded.
const MAX_WORDS: usize = 200_000;
/// The length from which the chain drops a word (its `RemoveLongFilter`).
pub(crate) const MAX_WORD_BYTES: usize = 40;

/// Words split as [`tantivy::tokenizer::SimpleTokenizer`] splits them, each analysed by
/// `word_chain` (a chain over a whole-text tokenizer) once.
#[derive(Clone)]
pub struct Memoized {
    word_chain: TextAnalyzer,
    memo: FxHashMap<Box<str>, Option<Box<str>>>,
    token: Token,
}

impl Memoized {
    pub fn new(word_chain: TextAnalyzer) -> Memoized {
        Memoized {
            word_chain,
            memo: FxHashMap::default(),
            token: Token::default(),
        }
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
        let rest = &self.text[self.at..];
        let (start, _) = rest.char_indices().find(|(_, c)| c.is_alphanumeric())?;
        let start = self.at + start;
        let end = self.text[start..]
            .char_indices()
            .find(|(_, c)| !c.is_alphanumeric())
            .map_or(self.text.len(), |(i, _)| start + i);
        self.at = end;
        Some((start, end))
    }
}

impl TokenStream for MemoizedStream<'_> {
    fn advance(&mut self) -> bool {
        while let Some((start, end)) = self.next_word() {
            let owner = &mut *self.owner;
            owner.token.position = owner.token.position.wrapping_add(1);
            let word = &self.text[start..end];
            let analysed = match owner.memo.get(word) {
                Some(analysed) => analysed.as_deref(),
                None if word.len() >= MAX_WORD_BYTES => {
                    // Dropped by the chain (`RemoveLongFilter`); not worth remembering.
                    continue;
                }
                None => {
                    let mut stream = owner.word_chain.token_stream(word);
                    let analysed = stream.next().map(|t| t.text.as_str().into());
                    if owner.memo.len() >= MAX_WORDS {
                        owner.memo.clear();
                    }
                    owner.memo.entry(word.into()).or_insert(analysed).as_deref()
                }
            };
            if let Some(analysed) = analysed {
                owner.token.text.clear();
                owner.token.text.push_str(analysed);
                owner.token.offset_from = start;
                owner.token.offset_to = end;
                owner.token.position_length = 1;
                return true;
            }
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

    use super::Memoized;
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
        }
    }
}
