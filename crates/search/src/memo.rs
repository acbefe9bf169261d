//! A tokenizer that analyses each distinct word once: the Swedish chain (lower case, the
//! snowball stemmer, and for a query folding) is remembered per word, so the many repeats of a
//! word in a library cost a hash look-up instead of the chain (a rebuild spent about a third
//! of its time in it). The tokens are the same as [`SimpleTokenizer`] followed by the chain
//! gives: the same words, offsets and positions (a word the chain drops, one of 40 bytes or
//! more, still takes its position). Text comes from imported files, so the memo is bounded:
//! it starts over past [`MAX_WORDS`] words, a word too long for a slot is analysed each time,
//! and a look-up gives up after [`MAX_PROBES`] slots.
//!
//! [`SimpleTokenizer`]: tantivy::tokenizer::SimpleTokenizer

use std::hash::BuildHasher;

use rustc_hash::FxBuildHasher;
use tantivy::tokenizer::{TextAnalyzer, Token, TokenStream, Tokenizer};

/// Past this many remembered words the memo starts over, so that it stays bounded.
const MAX_WORDS: usize = 200_000;
/// The length from which the chain drops a word (its `RemoveLongFilter`).
pub(crate) const MAX_WORD_BYTES: usize = 40;
/// The bytes of a slot that hold its word and analysis.
const SLOT_BYTES: usize = 30;
/// The slots a look-up tries before it gives up: the table is at most half full, so a word
/// is nearly always in its own slot or the next, and text made to collide costs no more than
/// the chain.
const MAX_PROBES: usize = 16;
/// A slot's analysis byte: the chain drops the word.
const DROPPED: u8 = 0xff;
/// A slot's analysis byte, with the analysis's length in the low bits: the analysis is the
/// start of the word itself (a lower-case word the stemmer cut), so it is not kept twice.
const PREFIX: u8 = 0x80;

/// Words split as [`tantivy::tokenizer::SimpleTokenizer`] splits them, each analysed by
/// `word_chain` (a chain over a whole-text tokenizer) once.
///
/// The memo is looked up once per token of every text indexed, so it is laid out for the
/// cache: a word and its analysis share one 32-byte slot of an open-addressed table, and a
/// look-up reads that slot alone. (With a hash table of offsets into an arena, a look-up of
/// a word not in the cache waited for three reads from memory: the table's control bytes,
/// its slot, and the word in the arena. A rebuild of 100 000 entries spent 34 % of its CPU
/// samples in the memo that way, 27 % this way.)
#[derive(Clone)]
pub struct Memoized {
    memo: Memo,
    token: Token,
}

/// One remembered word: its length (0: the slot is free), its analysis (its length,
/// [`PREFIX`] with its length, or [`DROPPED`]), then the word, then the analysis unless it
/// is a prefix of the word.
#[derive(Clone, Copy)]
#[repr(C, align(32))]
struct Slot([u8; 2 + SLOT_BYTES]);

const FREE: Slot = Slot([0; 2 + SLOT_BYTES]);

/// The remembered analyses.
#[derive(Clone)]
struct Memo {
    word_chain: TextAnalyzer,
    /// A power of two of slots (none before the first word), at most half of them taken.
    slots: Vec<Slot>,
    taken: usize,
    /// The analysis of the last word not remembered: too long for a slot, or its slots full.
    unremembered: String,
}

/// Whether `slot` holds `word`.
fn holds(slot: &Slot, word: &[u8]) -> bool {
    let len = usize::from(slot.0[0]);
    len == word.len() && &slot.0[2..2 + len] == word
}

/// The analysis in `slot`, which holds `word` (`None`: the chain drops the word).
fn analysis_in<'a>(slot: &'a Slot, word: &'a str) -> Option<&'a str> {
    let bytes = &slot.0;
    match bytes[1] {
        DROPPED => None,
        // A prefix of a word's bytes that is a whole analysis ends at one of its characters.
        meta if meta & PREFIX != 0 => word.get(..usize::from(meta & !PREFIX)),
        meta => {
            let from = 2 + word.len();
            std::str::from_utf8(&bytes[from..from + usize::from(meta)]).ok()
        }
    }
}

/// The slot for `word` and its analysis, if both fit in one.
fn slot_of(word: &str, analysed: Option<&str>) -> Option<Slot> {
    if word.is_empty() || word.len() > SLOT_BYTES {
        return None;
    }
    let mut slot = FREE;
    let bytes = &mut slot.0;
    bytes[0] = word.len() as u8;
    bytes[2..2 + word.len()].copy_from_slice(word.as_bytes());
    bytes[1] = match analysed {
        None => DROPPED,
        Some(analysed) if word.as_bytes().starts_with(analysed.as_bytes()) => {
            PREFIX | analysed.len() as u8
        }
        Some(analysed) => {
            let from = 2 + word.len();
            bytes
                .get_mut(from..from + analysed.len())?
                .copy_from_slice(analysed.as_bytes());
            analysed.len() as u8
        }
    };
    Some(slot)
}

impl Memoized {
    pub fn new(word_chain: TextAnalyzer) -> Memoized {
        Memoized {
            memo: Memo {
                word_chain,
                slots: Vec::new(),
                taken: 0,
                unremembered: String::new(),
            },
            token: Token::default(),
        }
    }
}

impl Memo {
    /// The chain's analysis of `word` (`None`: the chain drops it), analysed and remembered
    /// the first time.
    fn analysis<'a>(&'a mut self, word: &'a str) -> Option<&'a str> {
        let hash = FxBuildHasher.hash_one(word.as_bytes()) as usize;
        if word.len() <= SLOT_BYTES
            && let Ok(i) = self.find(hash, word.as_bytes())
        {
            return analysis_in(&self.slots[i], word);
        }
        let mut stream = self.word_chain.token_stream(word);
        let analysed = stream.next().map(|t| t.text.clone());
        drop(stream);
        if let Some(slot) = slot_of(word, analysed.as_deref()) {
            if self.taken >= MAX_WORDS {
                self.slots.fill(FREE);
                self.taken = 0;
            }
            if (self.taken + 1) * 2 > self.slots.len() {
                self.grow();
            }
            if let Err(Some(i)) = self.find(hash, word.as_bytes()) {
                self.slots[i] = slot;
                self.taken += 1;
                return analysis_in(&self.slots[i], word);
            }
        }
        self.unremembered = analysed?;
        Some(&self.unremembered)
    }

    /// The slot that holds `word`, or else the free slot where it belongs (`Err(None)` when
    /// the slots it may take are all taken by other words).
    fn find(&self, hash: usize, word: &[u8]) -> Result<usize, Option<usize>> {
        let mask = self.slots.len().wrapping_sub(1);
        for probe in 0..MAX_PROBES.min(self.slots.len()) {
            let i = hash.wrapping_add(probe) & mask;
            let slot = &self.slots[i];
            if slot.0[0] == 0 {
                return Err(Some(i));
            }
            if holds(slot, word) {
                return Ok(i);
            }
        }
        Err(None)
    }

    /// Twice the slots (at first 64: a query's memo holds a few words), each remembered word
    /// moved to its place among them.
    fn grow(&mut self) {
        let slots = (self.slots.len() * 2).max(64);
        let old = std::mem::replace(&mut self.slots, vec![FREE; slots]);
        self.taken = 0;
        for slot in old.into_iter().filter(|slot| slot.0[0] != 0) {
            let word = &slot.0[2..2 + usize::from(slot.0[0])];
            let hash = FxBuildHasher.hash_one(word) as usize;
            if let Err(Some(i)) = self.find(hash, word) {
                self.slots[i] = slot;
                self.taken += 1;
            }
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

    use super::{MAX_WORDS, Memoized};
    use crate::index::swedish_chain;

    /// Each token of `stream`: its text, offsets and position.
    fn all(mut stream: impl TokenStream) -> Vec<(String, usize, usize, usize)> {
        let mut out = Vec::new();
        while let Some(t) = stream.next() {
            out.push((t.text.clone(), t.offset_from, t.offset_to, t.position));
        }
        out
    }

    fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<(String, usize, usize, usize)> {
        all(analyzer.token_stream(text))
    }

    /// The tokens of `text` from `memoized` itself, which remembers its words for a look at
    /// its memo after.
    fn memo_tokens(memoized: &mut Memoized, text: &str) -> Vec<(String, usize, usize, usize)> {
        all(memoized.token_stream(text))
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
        assert_eq!(memo_tokens(&mut memoized, &text), tokens(&mut plain, &text));
        // Bounded: the memo started over once it held MAX_WORDS words.
        let memo = &memoized.memo;
        assert!(memo.taken > 0 && memo.taken <= MAX_WORDS);
        assert_eq!(memo.slots.len(), (2 * MAX_WORDS).next_power_of_two());
        let taken = memo.slots.iter().filter(|slot| slot.0[0] != 0).count();
        assert_eq!(taken, memo.taken);
    }

    #[test]
    fn words_whose_analysis_does_not_fit_a_slot_are_analysed_each_time() {
        // The first two are longer than a slot's word (33 and 37 bytes) and shorter than the
        // chain's limit. The analysis of a capitalised word is not the start of the word, and
        // beside the next two (26 and 20 bytes) it does not fit. The last is remembered.
        let words = [
            "innovationsupphandlingsprojektens",
            "Välfärdsteknikutvecklingsprojektens",
            "Livsmedelsförsörjningens",
            "ÖVERENSKOMMELSERNAS",
            "testbäddarna",
        ];
        let text = words.join(" ").repeat(3);
        for folded in [true, false] {
            let mut plain = swedish_chain(SimpleTokenizer::default(), folded);
            let mut memoized = Memoized::new(swedish_chain(RawTokenizer::default(), folded));
            assert_eq!(memo_tokens(&mut memoized, &text), tokens(&mut plain, &text));
            assert_eq!(memoized.memo.taken, 1);
        }
    }

    #[test]
    fn a_word_in_full_slots_is_still_analysed() {
        let mut memoized = Memoized::new(swedish_chain(RawTokenizer::default(), false));
        let mut plain = swedish_chain(SimpleTokenizer::default(), false);
        memo_tokens(&mut memoized, "förstår");
        // Every slot taken by another word: a look-up finds neither the word nor a free slot.
        let other = super::slot_of("annat", Some("ann")).unwrap();
        memoized.memo.slots.fill(other);
        let text = "förstår kommunernas förstår";
        assert_eq!(memo_tokens(&mut memoized, text), tokens(&mut plain, text));
    }
}
