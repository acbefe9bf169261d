//! Exports as the library makes them: the entries are read here, and rendered by
//! [`share::export::render`].

use model::Entry;
use model::error::{Error, Result};
use model::progress::Progress;
use model::taxonomy::FocusArea;
pub use share::export::{ExportFormat, ExportOptions, write_atomically};

use crate::Library;
use crate::commands::Scope;

impl Library {
    /// Exports entries in a format; returns the file's bytes.
    pub fn export(&self, ids: &[String], options: &ExportOptions) -> Result<Vec<u8>> {
        self.export_with(ids, options, &Progress::none())
    }

    /// Like [`Library::export`], reporting progress and stopping when cancelled.
    pub fn export_with(
        &self,
        ids: &[String],
        options: &ExportOptions,
        progress: &Progress,
    ) -> Result<Vec<u8>> {
        self.export_job(ids, options, Scope::OWNER, progress)?
            .render(progress)
    }

    /// Reads what an export needs (the entries `scope` may see, the focus areas, the library's
    /// id), so that the slow part, [`ExportJob::render`], can run without the library.
    pub fn export_job(
        &self,
        ids: &[String],
        options: &ExportOptions,
        scope: Scope,
        progress: &Progress,
    ) -> Result<ExportJob> {
        if ids.len() > MAX_EXPORT_ENTRIES {
            return Err(Error::invalid(format!(
                "{} poster: högst {MAX_EXPORT_ENTRIES} per export",
                ids.len()
            )));
        }
        let total = ids.len() as u64;
        let mut entries = Vec::with_capacity(ids.len());
        for (i, id) in ids.iter().enumerate() {
            progress.step(i as u64, total, "Hämtar posterna")?;
            entries.push(scope.visible(self.get(id)?)?);
        }
        Ok(ExportJob {
            entries,
            focus: self.store.focus_areas()?,
            library: self.id()?,
            options: options.clone(),
        })
    }

    /// Exports to a file, which appears complete or not at all.
    pub fn export_to(
        &self,
        ids: &[String],
        options: &ExportOptions,
        out: &std::path::Path,
    ) -> Result<u64> {
        self.export_to_with(ids, options, out, &Progress::none())
    }

    /// Like [`Library::export_to`], reporting progress and stopping when cancelled.
    pub fn export_to_with(
        &self,
        ids: &[String],
        options: &ExportOptions,
        out: &std::path::Path,
        progress: &Progress,
    ) -> Result<u64> {
        self.export_job(ids, options, Scope::OWNER, progress)?
            .write_to(out, progress)
    }
}

/// The most entries one export may hold.
pub const MAX_EXPORT_ENTRIES: usize = 100_000;

/// An export whose entries have been read: rendering it needs no library.
pub struct ExportJob {
    entries: Vec<Entry>,
    focus: Vec<FocusArea>,
    library: String,
    options: ExportOptions,
}

impl ExportJob {
    /// The file's bytes.
    pub fn render(self, progress: &Progress) -> Result<Vec<u8>> {
        share::export::render(
            self.entries,
            &self.focus,
            &self.library,
            &self.options,
            progress,
        )
    }

    /// Writes the file to `out`, which appears complete or not at all. Returns its size.
    pub fn write_to(self, out: &std::path::Path, progress: &Progress) -> Result<u64> {
        let total = self.entries.len() as u64;
        let bytes = self.render(progress)?;
        progress.step(total, total, "Skriver filen")?;
        write_atomically(out, &bytes)?;
        Ok(bytes.len() as u64)
    }
}
