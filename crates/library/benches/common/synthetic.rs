//! The synthetic corpus the benchmarks share: deterministic Swedish-looking entries made
//! from the words of the starter library, every one marked synthetic (title prefix, tag and
//! origin).

#![allow(dead_code)]

use std::collections::BTreeMap;

use model::taxonomy::ReferenceData;
use model::{Entry, Kind, OrgType, Organisation, Period, Place, Stage, Status};

/// xorshift64: deterministic across runs and platforms.
pub struct Rng(pub u64);

impl Rng {
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
    /// Skewed towards small indexes, like word frequencies (roughly Zipf's law).
    pub fn skewed(&mut self, n: usize) -> usize {
        let x = (self.next_u64() % 1_000_000) as f64 / 1_000_000.0;
        ((n as f64).powf(x) - 1.0) as usize % n
    }
}

/// The words of the starter library, most frequent first.
pub fn vocabulary() -> Vec<String> {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for e in library::starter::entries().expect("starter entries") {
        let mut text = format!("{} {}", e.title, e.summary);
        for (_, s) in e.sections.iter() {
            text.push(' ');
            text.push_str(s);
        }
        for w in text.split(|c: char| !c.is_alphanumeric()) {
            if w.chars().count() >= 3 && !w.chars().any(|c| c.is_ascii_digit()) {
                *counts.entry(w.to_lowercase()).or_default() += 1;
            }
        }
    }
    let mut words: Vec<(String, usize)> = counts.into_iter().collect();
    words.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut words: Vec<String> = words.into_iter().map(|(w, _)| w).collect();
    // Swedish text has a long tail of compounds: make 30 000 of them from the longer words
    // (`livsmedel` + `strategi` → `livsmedelsstrategi`), after the real words, so common
    // words stay common and rare ones are many.
    let parts: Vec<String> = words
        .iter()
        .filter(|w| w.chars().count() >= 5)
        .cloned()
        .collect();
    let mut rng = Rng(0xc0ffee);
    let mut seen: std::collections::HashSet<String> = words.iter().cloned().collect();
    while words.len() < 30_000 + parts.len() {
        let a = &parts[rng.below(parts.len())];
        let b = &parts[rng.below(parts.len())];
        let joint = if a.ends_with('s') || rng.below(2) == 0 {
            ""
        } else {
            "s"
        };
        let compound = format!("{a}{joint}{b}");
        if seen.insert(compound.clone()) {
            words.push(compound);
        }
    }
    words
}

pub fn sentence(rng: &mut Rng, words: &[String], n: usize) -> String {
    let mut out = String::new();
    for i in 0..n {
        if i > 0 {
            out.push(if rng.below(12) == 0 { ',' } else { ' ' });
            if out.ends_with(',') {
                out.push(' ');
            }
        }
        out.push_str(&words[rng.skewed(words.len())]);
    }
    let mut chars = out.chars();
    let first = chars
        .next()
        .map(|c| c.to_uppercase().collect::<String>())
        .unwrap_or_default();
    format!("{first}{}.", chars.as_str())
}

pub fn paragraph(rng: &mut Rng, words: &[String], min: usize, max: usize) -> String {
    let target = min + rng.below(max - min + 1);
    let mut out = Vec::new();
    let mut n = 0;
    while n < target {
        let len = 6 + rng.below(12);
        out.push(sentence(rng, words, len));
        n += len;
    }
    out.join(" ")
}

/// One synthetic entry, with realistic field lengths and facet values.
pub fn synthetic(rng: &mut Rng, words: &[String], i: usize) -> Entry {
    let reference = ReferenceData::get();
    let focus = model::taxonomy::default_focus_areas();
    let m = &reference.municipalities[rng.below(reference.municipalities.len())];
    let start = 2010 + rng.below(16) as i32;
    let mut focus_areas = vec![focus[rng.below(focus.len())].slug.clone()];
    if rng.below(3) == 0 {
        focus_areas.push(focus[rng.below(focus.len())].slug.clone());
    }
    let mut e: Entry =
        model::validate::parse_entry(r#"{"kind":"exempel"}"#).expect("minimal entry");
    e.kind = Kind::ALL[rng.below(Kind::ALL.len())];
    let title_words = 4 + rng.below(7);
    e.title = format!(
        "Syntetisk {i}: {}",
        sentence(rng, words, title_words).trim_end_matches('.')
    );
    // A summary of at most about 600 characters, cut at a word, as the guidelines ask.
    let mut summary = format!("Syntetisk testdata. {}", paragraph(rng, words, 30, 70));
    if summary.chars().count() > 600 {
        let cut = summary
            .char_indices()
            .nth(600)
            .map_or(summary.len(), |(i, _)| i);
        let cut = summary[..cut].rfind(' ').unwrap_or(cut);
        summary.truncate(cut);
        summary.push('.');
    }
    e.summary = summary;
    e.sections.challenge = paragraph(rng, words, 40, 120);
    e.sections.solution = paragraph(rng, words, 60, 160);
    e.sections.results = paragraph(rng, words, 30, 100);
    if rng.below(2) == 0 {
        e.sections.lessons = paragraph(rng, words, 20, 80);
    }
    e.focus_areas = focus_areas;
    e.stage = Some(Stage::ALL[rng.below(Stage::ALL.len())]);
    e.organisations = vec![Organisation {
        name: format!("{} kommun", m.name),
        org_type: OrgType::Kommun,
        role: String::new(),
    }];
    e.places = vec![Place {
        municipality_code: m.code.clone(),
        ..Place::default()
    }];
    e.period = Some(Period {
        start: Some(start),
        end: Some(start + rng.below(4) as i32),
    });
    e.tags = vec!["syntetisk".into()];
    e.origin = "syntetisk-testdata".into();
    e.status = Status::Publicerad;
    e
}
