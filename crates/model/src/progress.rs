//! Progress of long tasks (exports, bundles) and their cancellation.
//!
//! A task reports how far it has come and checks, between steps, whether the user has
//! cancelled; a cancelled task stops before it writes anything and returns
//! [`ErrorCode::Cancelled`].

use std::sync::atomic::{AtomicBool, Ordering};

use serde::Serialize;
use ts_rs::TS;

use crate::error::{Error, ErrorCode, Result};

/// How far a task has come.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ProgressEvent {
    #[ts(type = "number")]
    pub done: u64,
    /// 0 when the step's length is unknown.
    #[ts(type = "number")]
    pub total: u64,
    /// What is being done, in Swedish.
    pub stage: String,
}

/// Where a task reports to, and the flag that cancels it.
pub struct Progress<'a> {
    report: &'a (dyn Fn(ProgressEvent) + Sync),
    cancel: &'a AtomicBool,
}

static NEVER: AtomicBool = AtomicBool::new(false);

fn ignore(_: ProgressEvent) {}

impl<'a> Progress<'a> {
    pub fn new(report: &'a (dyn Fn(ProgressEvent) + Sync), cancel: &'a AtomicBool) -> Self {
        Progress { report, cancel }
    }

    /// A task nobody watches or cancels.
    pub fn none() -> Progress<'static> {
        Progress {
            report: &ignore,
            cancel: &NEVER,
        }
    }

    /// Reports a step; an error if the task was cancelled.
    pub fn step(&self, done: u64, total: u64, stage: &str) -> Result<()> {
        if self.cancel.load(Ordering::SeqCst) {
            return Err(Error::new(ErrorCode::Cancelled, "avbrutet: inget skrevs"));
        }
        (self.report)(ProgressEvent {
            done,
            total,
            stage: stage.to_owned(),
        });
        Ok(())
    }
}
