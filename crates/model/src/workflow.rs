//! The editorial workflow: which status changes are allowed, and what each one asks for.
//!
//! ```text
//! utkast ──► granskning ──► publicerad ──► arkiverad
//!   ▲            │               │              │
//!   └────────────┴───────────────┴──────────────┘   (back to draft, with a reason)
//!                               ▲──────────────┘    (republish an archived entry)
//! ```
//! A draft is reviewed before it is published; sending an entry back to draft needs a
//! comment saying why, so the writer knows what to change. Adding or importing an entry
//! keeps the status it comes with (an exchange between libraries carries published entries).

use serde::Serialize;
use ts_rs::TS;

use crate::Status;
use crate::error::{Error, Result};

/// A move the workflow allows from some status, as the UI offers it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Transition {
    pub to: Status,
    /// The action's name in Swedish ("Skicka till granskning").
    pub action: String,
    /// Whether a comment is required.
    pub needs_comment: bool,
}

/// The statuses an entry may move to from `from`, in the order the UI offers them.
pub fn transitions(from: Status) -> Vec<Transition> {
    use Status::*;
    let moves: &[(Status, &str, bool)] = match from {
        Utkast => &[(Granskning, "Skicka till granskning", false)],
        Granskning => &[
            (Publicerad, "Publicera", false),
            (Utkast, "Skicka tillbaka till utkast", true),
        ],
        Publicerad => &[
            (Arkiverad, "Arkivera", false),
            (Utkast, "Dra tillbaka till utkast", true),
        ],
        Arkiverad => &[
            (Publicerad, "Publicera igen", false),
            (Utkast, "Gör till utkast", false),
        ],
    };
    moves
        .iter()
        .map(|&(to, action, needs_comment)| Transition {
            to,
            action: action.to_owned(),
            needs_comment,
        })
        .collect()
}

/// Checks a status change, naming what is wrong in Swedish.
pub fn check(id: &str, from: Status, to: Status, comment: &str) -> Result<()> {
    if from == to {
        return Err(Error::conflict(format!(
            "posten \"{id}\" har redan status {}",
            to.label()
        )));
    }
    let Some(transition) = transitions(from).into_iter().find(|t| t.to == to) else {
        let hint = match (from, to) {
            (Status::Utkast, Status::Publicerad) => {
                "; ett utkast granskas innan det publiceras: skicka det till granskning först"
            }
            _ => "",
        };
        let allowed: Vec<&str> = transitions(from).iter().map(|t| t.to.slug()).collect();
        return Err(Error::conflict(format!(
            "posten \"{id}\" kan inte gå från {} till {}{hint} (tillåtet: {})",
            from.slug(),
            to.slug(),
            allowed.join(", ")
        )));
    };
    if transition.needs_comment && comment.trim().is_empty() {
        return Err(Error::field(
            "comment",
            format!(
                "skriv varför posten \"{id}\" går tillbaka till utkast, så att skribenten vet \
                 vad som ska ändras"
            ),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use Status::*;

    #[test]
    fn a_draft_is_reviewed_before_it_is_published() {
        assert!(check("a", Utkast, Granskning, "").is_ok());
        assert!(check("a", Granskning, Publicerad, "").is_ok());
        let err = check("a", Utkast, Publicerad, "").unwrap_err();
        assert!(err.message.contains("granskning först"), "{}", err.message);
    }

    #[test]
    fn sending_back_to_draft_needs_a_reason() {
        let err = check("a", Granskning, Utkast, "  ").unwrap_err();
        assert!(err.message.starts_with("fältet comment"), "{}", err.message);
        assert!(check("a", Granskning, Utkast, "Källor saknas").is_ok());
        assert!(check("a", Publicerad, Utkast, "").is_err());
    }

    #[test]
    fn every_status_can_reach_every_other_through_allowed_moves() {
        for &from in Status::ALL {
            let mut seen = vec![from];
            let mut frontier = vec![from];
            while let Some(s) = frontier.pop() {
                for t in transitions(s) {
                    if !seen.contains(&t.to) {
                        seen.push(t.to);
                        frontier.push(t.to);
                    }
                }
            }
            assert_eq!(seen.len(), Status::ALL.len(), "from {from:?}: {seen:?}");
        }
    }

    #[test]
    fn staying_put_is_a_conflict_not_a_revision() {
        let err = check("a", Publicerad, Publicerad, "").unwrap_err();
        assert_eq!(err.code, crate::error::ErrorCode::Conflict);
    }
}
