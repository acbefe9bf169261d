//! Readable differences between two revisions of an entry, field by field.
//!
//! Each field is rendered as the text a reader sees (lists one item per line, taxonomy
//! values by their Swedish names), and changed fields are compared word by word with
//! `similar`, so a curator sees which words of a section changed, not that "the JSON did".

use serde::Serialize;
use similar::{ChangeTag, TextDiff};
use ts_rs::TS;

use crate::taxonomy::FocusArea;
use crate::{Entry, SectionKey};

/// One changed field between two revisions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct FieldChange {
    /// The field's key in the exchange format (`sections.results`, `focus_areas`).
    pub field: String,
    /// The field's name in Swedish.
    pub label: String,
    pub before: String,
    pub after: String,
    /// The text of `after` against `before`, in runs that are unchanged, removed or added.
    pub parts: Vec<DiffPart>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct DiffPart {
    pub op: DiffOp,
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum DiffOp {
    Equal,
    Delete,
    Insert,
}

/// The fields that differ between `before` and `after`, in the order of the entry form.
pub fn diff(before: &Entry, after: &Entry, focus: &[FocusArea]) -> Vec<FieldChange> {
    let old = fields(before, focus);
    let new = fields(after, focus);
    old.into_iter()
        .zip(new)
        .filter(|(a, b)| a.2 != b.2)
        .map(|((field, label, before), (_, _, after))| FieldChange {
            parts: word_diff(&before, &after),
            field: field.to_owned(),
            label: label.to_owned(),
            before,
            after,
        })
        .collect()
}

fn word_diff(before: &str, after: &str) -> Vec<DiffPart> {
    let diff = TextDiff::from_words(before, after);
    let mut parts: Vec<DiffPart> = Vec::new();
    for change in diff.iter_all_changes() {
        let op = match change.tag() {
            ChangeTag::Equal => DiffOp::Equal,
            ChangeTag::Delete => DiffOp::Delete,
            ChangeTag::Insert => DiffOp::Insert,
        };
        match parts.last_mut() {
            Some(last) if last.op == op => last.text.push_str(change.value()),
            _ => parts.push(DiffPart {
                op,
                text: change.value().to_owned(),
            }),
        }
    }
    parts
}

/// Every field of an entry as (key, Swedish label, readable text).
fn fields(e: &Entry, focus: &[FocusArea]) -> Vec<(&'static str, &'static str, String)> {
    let lines = |items: Vec<String>| items.join("\n");
    let focus_name = |slug: &String| crate::taxonomy::focus_name(focus, slug).to_owned();
    let section = |key: SectionKey| match key {
        SectionKey::Summary => e.summary.clone(),
        SectionKey::Challenge => e.sections.challenge.clone(),
        SectionKey::Solution => e.sections.solution.clone(),
        SectionKey::Results => e.sections.results.clone(),
        SectionKey::Lessons => e.sections.lessons.clone(),
        SectionKey::Dissemination => e.sections.dissemination.clone(),
    };
    vec![
        ("title", "Rubrik", e.title.clone()),
        ("kind", "Typ", e.kind.label().to_owned()),
        ("status", "Status", e.status.label().to_owned()),
        ("summary", "Sammanfattning", section(SectionKey::Summary)),
        (
            "sections.challenge",
            SectionKey::Challenge.heading(),
            section(SectionKey::Challenge),
        ),
        (
            "sections.solution",
            SectionKey::Solution.heading(),
            section(SectionKey::Solution),
        ),
        (
            "sections.results",
            SectionKey::Results.heading(),
            section(SectionKey::Results),
        ),
        (
            "sections.lessons",
            SectionKey::Lessons.heading(),
            section(SectionKey::Lessons),
        ),
        (
            "sections.dissemination",
            SectionKey::Dissemination.heading(),
            section(SectionKey::Dissemination),
        ),
        (
            "focus_areas",
            "Fokusområden",
            lines(e.focus_areas.iter().map(focus_name).collect()),
        ),
        (
            "stage",
            "Skede",
            e.stage.map(|s| s.label().to_owned()).unwrap_or_default(),
        ),
        (
            "novelty",
            "Nyhetsgrad",
            e.novelty.map(|n| n.label().to_owned()).unwrap_or_default(),
        ),
        (
            "organisations",
            "Organisationer",
            lines(
                e.organisations
                    .iter()
                    .map(|o| {
                        let role = if o.role.is_empty() {
                            String::new()
                        } else {
                            format!(", {}", o.role)
                        };
                        format!("{} ({}{role})", o.name, o.org_type.label())
                    })
                    .collect(),
            ),
        ),
        (
            "places",
            "Platser",
            lines(e.places.iter().map(|p| p.display()).collect()),
        ),
        (
            "period",
            "Period",
            e.period.map(|p| p.display()).unwrap_or_default(),
        ),
        (
            "goals",
            "Agenda 2030-mål",
            e.goals
                .iter()
                .map(|g| g.to_string())
                .collect::<Vec<_>>()
                .join(", "),
        ),
        ("tags", "Taggar", e.tags.join(", ")),
        (
            "contacts",
            "Kontakter",
            lines(e.contacts.iter().map(|c| c.display()).collect()),
        ),
        (
            "sources",
            "Källor",
            lines(e.sources.iter().map(|s| s.display()).collect()),
        ),
        (
            "attachments",
            "Bilagor",
            lines(e.attachments.iter().map(|a| a.name.clone()).collect()),
        ),
        ("related", "Se även", lines(e.related.clone())),
        (
            "uptakes",
            "Spridning",
            lines(e.uptakes.iter().map(|u| u.display()).collect()),
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Kind;

    fn entry(title: &str, results: &str) -> Entry {
        let mut e: Entry = serde_json::from_value(serde_json::json!({"kind": "exempel"})).unwrap();
        e.title = title.into();
        e.sections.results = results.into();
        e.kind = Kind::Exempel;
        e
    }

    #[test]
    fn only_changed_fields_are_listed_with_the_changed_words_marked() {
        let a = entry("Matsvinn", "Svinnet minskade med en fjärdedel.");
        let b = entry("Matsvinn", "Svinnet minskade med en tredjedel.");
        let changes = diff(&a, &b, &[]);
        assert_eq!(changes.len(), 1);
        let change = &changes[0];
        assert_eq!(change.field, "sections.results");
        assert_eq!(change.label, "Resultat och effekter");
        let deleted: Vec<&str> = change
            .parts
            .iter()
            .filter(|p| p.op == DiffOp::Delete)
            .map(|p| p.text.as_str())
            .collect();
        let inserted: Vec<&str> = change
            .parts
            .iter()
            .filter(|p| p.op == DiffOp::Insert)
            .map(|p| p.text.as_str())
            .collect();
        assert_eq!(deleted, ["fjärdedel."]);
        assert_eq!(inserted, ["tredjedel."]);
    }

    #[test]
    fn identical_revisions_have_no_differences() {
        let a = entry("Matsvinn", "Text");
        assert!(diff(&a, &a.clone(), &[]).is_empty());
    }
}
