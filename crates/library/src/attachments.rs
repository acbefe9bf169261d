//! Attachments: files (PDF, DOCX, images) stored in the library by their SHA-256, with the
//! text of PDFs extracted so that search finds it.
//!
//! A file's name from outside is only ever a label: the stored path is
//! `attachments/<first two hex digits>/<sha256>`. Extraction runs in a child process (the
//! same executable, `extract-pdf-text FILE`) under a time and memory limit, because real PDFs
//! make extractors panic, hang or eat memory; a failed extraction is recorded and the
//! attachment is kept without searchable text.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

use sha2::{Digest, Sha256};

use model::error::{Error, Result};
use model::{Attachment, Entry};
use store::files::{check_size, display_name, sniff, store_file, stored_path};

use crate::{Library, now};

/// How long the extractor may run.
pub const EXTRACT_TIMEOUT: Duration = Duration::from_secs(20);
/// The extractor's address-space limit.
pub const EXTRACT_MEMORY_BYTES: u64 = 1024 * 1024 * 1024;
/// The most extracted text kept per file.
pub const MAX_TEXT_BYTES: usize = 2 * 1024 * 1024;

/// Runs the extractor child on a stored PDF: its text, or why there is none.
pub fn extract_pdf_text(
    extractor: &Path,
    file: &Path,
    timeout: Duration,
) -> std::result::Result<String, String> {
    let mut child = Command::new(extractor)
        .arg("extract-pdf-text")
        .arg(file)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("textutdragningen kunde inte startas: {e}"))?;
    // Both pipes are read while the child runs, to their end: a child that writes more than
    // a pipe holds must not stall until the timeout. Only the first bytes are kept.
    let mut stdout = child.stdout.take().expect("piped");
    let reader = std::thread::spawn(move || {
        let mut out = Vec::new();
        let _ = (&mut stdout)
            .take(MAX_TEXT_BYTES as u64 + 1)
            .read_to_end(&mut out);
        let _ = std::io::copy(&mut stdout, &mut std::io::sink());
        out
    });
    let mut stderr = child.stderr.take().expect("piped");
    let errors = std::thread::spawn(move || {
        let mut out = Vec::new();
        let _ = (&mut stderr).take(4000).read_to_end(&mut out);
        let _ = std::io::copy(&mut stderr, &mut std::io::sink());
        String::from_utf8_lossy(&out).into_owned()
    });
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() > timeout => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!(
                    "textutdragningen avbröts efter {:.1} s",
                    timeout.as_secs_f32()
                ));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(20)),
            Err(e) => return Err(format!("textutdragningen: {e}")),
        }
    };
    let out = reader.join().unwrap_or_default();
    let err = errors.join().unwrap_or_default();
    if !status.success() {
        let reason = err.lines().last().unwrap_or("").trim().to_owned();
        return Err(if reason.is_empty() {
            format!("textutdragningen misslyckades ({status})")
        } else {
            format!("textutdragningen misslyckades: {reason}")
        });
    }
    let mut text = String::from_utf8_lossy(&out).into_owned();
    if text.len() > MAX_TEXT_BYTES {
        let mut cut = MAX_TEXT_BYTES;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        text.truncate(cut);
    }
    Ok(model::text::nfc(&text))
}

/// The child's side: limits itself, extracts, prints the text. Exit 0 on success, 1 with a
/// reason on stderr otherwise.
pub fn extract_child_main(file: &Path) -> ExitCode {
    limit_memory(EXTRACT_MEMORY_BYTES);
    match std::fs::read(file)
        .map_err(|e| e.to_string())
        .and_then(|bytes| pdf_extract::extract_text_from_mem(&bytes).map_err(|e| e.to_string()))
    {
        Ok(text) => {
            use std::io::Write;
            let mut out = std::io::stdout().lock();
            let _ = out.write_all(text.as_bytes());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("PDF-filen kan inte läsas: {e}");
            ExitCode::from(1)
        }
    }
}

#[cfg(unix)]
fn limit_memory(bytes: u64) {
    let limit = libc::rlimit {
        rlim_cur: bytes as libc::rlim_t,
        rlim_max: bytes as libc::rlim_t,
    };
    // SAFETY: setrlimit only reads the struct we pass; failure leaves the limit unchanged.
    unsafe {
        libc::setrlimit(libc::RLIMIT_AS, &limit);
    }
}

#[cfg(not(unix))]
fn limit_memory(_bytes: u64) {}

impl Library {
    /// The program that extracts text from PDFs (this executable unless set) and how long
    /// it may run.
    pub fn set_extractor(&mut self, program: PathBuf, timeout: Duration) {
        self.extractor = Some((program, timeout));
    }

    pub(crate) fn extractor_program(&self) -> Result<(PathBuf, Duration)> {
        match &self.extractor {
            Some(p) => Ok(p.clone()),
            None => std::env::current_exe()
                .map(|exe| (exe, EXTRACT_TIMEOUT))
                .map_err(|e| Error::new(model::error::ErrorCode::Io, format!("programfilen: {e}"))),
        }
    }

    /// Attaches a file to an entry: stored by hash, its text extracted if it is a PDF, and
    /// the entry saved as a new revision. Only the last component of `path` is kept, as the
    /// attachment's name.
    pub fn attach(&mut self, id: &str, path: &Path, licence: &str) -> Result<(Entry, Attachment)> {
        let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
        if !meta.is_file() {
            return Err(Error::invalid(format!("{}: är ingen fil", path.display())));
        }
        check_size(&display_name(path)?, meta.len())?;
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        self.attach_bytes(id, &path.to_string_lossy(), &bytes, licence)
    }

    /// Attaches a file given by its name (a label only; any path in it is dropped) and its
    /// content, as the desktop app sends it.
    pub fn attach_bytes(
        &mut self,
        id: &str,
        name: &str,
        bytes: &[u8],
        licence: &str,
    ) -> Result<(Entry, Attachment)> {
        let mut entry = self.get(id)?;
        let name = display_name(Path::new(name))?;
        check_size(&name, bytes.len() as u64)?;
        if entry.attachments.iter().any(|a| a.name == name) {
            return Err(Error::conflict(format!(
                "posten \"{}\" har redan en bilaga som heter {name}",
                entry.id
            )));
        }
        let media_type = sniff(bytes).ok_or_else(|| {
            Error::invalid(format!(
                "{name}: filtypen stöds inte; bifoga PDF, DOCX, PNG eller JPEG"
            ))
        })?;
        let sha256 = hex::encode(Sha256::digest(bytes));
        let stored = store_file(&self.dir, &sha256, bytes)?;
        if media_type == "application/pdf" && self.store.attachment_text(&sha256)?.is_none() {
            let (program, timeout) = self.extractor_program()?;
            let (text, problem) = match extract_pdf_text(&program, &stored, timeout) {
                Ok(text) => (text, String::new()),
                Err(problem) => (String::new(), problem),
            };
            self.store
                .set_attachment_text(&sha256, &text, &problem, &now())?;
        }
        let attachment = Attachment {
            name,
            media_type: media_type.to_owned(),
            size: bytes.len() as u64,
            sha256,
            licence: model::text::nfc(licence.trim()),
        };
        entry.attachments.push(attachment.clone());
        let comment = format!("bilaga {} tillagd", attachment.name);
        let current = entry.revision;
        let entry = self.edit(id, entry, None, Some(current), &comment)?;
        Ok((entry, attachment))
    }

    /// Removes an attachment from an entry (as a new revision; older revisions keep it, so
    /// its file stays).
    pub fn detach(&mut self, id: &str, name: &str) -> Result<Entry> {
        let mut entry = self.get(id)?;
        let before = entry.attachments.len();
        entry.attachments.retain(|a| a.name != name);
        if entry.attachments.len() == before {
            return Err(Error::not_found(format!(
                "posten \"{}\" har ingen bilaga som heter {name}",
                entry.id
            )));
        }
        let current = entry.revision;
        self.edit(
            id,
            entry,
            None,
            Some(current),
            &format!("bilaga {name} borttagen"),
        )
    }

    /// The stored file of an attachment of an entry, by its name.
    pub fn attachment_path(&self, id: &str, name: &str) -> Result<PathBuf> {
        let entry = self.get(id)?;
        let attachment = entry
            .attachments
            .iter()
            .find(|a| a.name == name)
            .ok_or_else(|| {
                Error::not_found(format!("posten \"{}\" har ingen bilaga {name}", entry.id))
            })?;
        stored_path(&self.dir, &attachment.sha256)
    }

    /// The extracted text of an attachment, or why there is none.
    pub fn attachment_text(&self, sha256: &str) -> Result<Option<(String, String)>> {
        self.store.attachment_text(sha256)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_type_comes_from_the_bytes_not_the_name() {
        assert_eq!(sniff(b"%PDF-1.7\n"), Some("application/pdf"));
        assert_eq!(sniff(b"MZ\x90\x00 not a pdf"), None);
    }

    #[test]
    fn outside_names_lose_their_path_and_control_characters() {
        assert_eq!(
            display_name(Path::new("../../etc/rapport.pdf")).unwrap(),
            "rapport.pdf"
        );
        assert_eq!(display_name(Path::new("a\u{7}b.pdf")).unwrap(), "ab.pdf");
        assert_eq!(
            display_name(Path::new("/tmp/.hidden.pdf")).unwrap(),
            "hidden.pdf"
        );
        assert!(display_name(Path::new("/")).is_err());
    }
}
