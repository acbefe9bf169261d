//! Helpers shared by the integration tests.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};

use library::{Contents, Library};
use tempfile::TempDir;

/// Starts `exempelbank serve --addr 127.0.0.1:0` (unless `args` has an `--addr`) and `args` on the library: the child (to
/// stop) and the link it printed when it listened (http or https, with `--write` its token).
pub fn start_serve(t: &TestLibrary, args: &[&str]) -> (Child, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_exempelbank"))
        .arg("--library")
        .arg(t.dir())
        .arg("serve")
        .args(if args.contains(&"--addr") {
            &[][..]
        } else {
            &["--addr", "127.0.0.1:0"][..]
        })
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let start = line.find("http").expect("the address is printed");
    let link = line[start..].split_whitespace().next().unwrap().to_owned();
    (child, link)
}

/// A temporary directory that holds a library at `dir()`.
pub struct TestLibrary {
    _tmp: TempDir,
    dir: PathBuf,
}

impl TestLibrary {
    /// A new library with the starter entries, made through the CLI's path.
    pub fn starter() -> TestLibrary {
        let t = TestLibrary::unmade();
        Library::create(&t.dir, Contents::Starter).expect("starter library");
        t.hold_fixture_attachment();
        t
    }

    /// A new library with no entries.
    pub fn empty() -> TestLibrary {
        let t = TestLibrary::unmade();
        Library::create(&t.dir, Contents::Empty).expect("empty library");
        t.hold_fixture_attachment();
        t
    }

    /// Stores the file that [`full_entry_json`]'s attachment names, as an earlier `attach`
    /// would have: an entry may only name attachment files its library holds.
    fn hold_fixture_attachment(&self) {
        let bytes = fixture_attachment();
        store::files::store_file(&self.dir, &sha256_hex(&bytes), &bytes).expect("store file");
    }

    /// A path where no library exists yet.
    pub fn unmade() -> TestLibrary {
        let tmp = tempfile::tempdir().expect("temporary directory");
        let dir = tmp.path().join("bibliotek");
        TestLibrary { _tmp: tmp, dir }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn open(&self) -> Library {
        Library::open(&self.dir).expect("library opens")
    }

    /// Runs the CLI on this library.
    pub fn cli(&self, args: &[&str]) -> CliOutput {
        self.cli_with_stdin(args, None)
    }

    pub fn cli_with_stdin(&self, args: &[&str], stdin: Option<&str>) -> CliOutput {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_exempelbank"));
        cmd.arg("--library").arg(&self.dir).args(args);
        cmd.env_remove("EXEMPELBANK_LIBRARY");
        cmd.env("EXEMPELBANK_USER", "testaren");
        cmd.stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        });
        cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
        let mut child = cmd.spawn().expect("exempelbank runs");
        if let Some(input) = stdin {
            use std::io::Write;
            child
                .stdin
                .take()
                .expect("stdin")
                .write_all(input.as_bytes())
                .expect("write stdin");
        }
        CliOutput(child.wait_with_output().expect("exempelbank finishes"))
    }

    /// Writes `text` to a file beside the library and returns its path.
    pub fn file(&self, name: &str, text: &str) -> String {
        let path = self.dir.parent().expect("parent").join(name);
        std::fs::write(&path, text).expect("write file");
        path.to_string_lossy().into_owned()
    }

    /// Everything a user could lose, as one comparable value: every entry (trash too) with
    /// its history.
    pub fn digest(&self) -> String {
        let lib = self.open();
        let mut out = String::new();
        let mut ids: Vec<String> = lib.list(None).unwrap().into_iter().map(|e| e.id).collect();
        ids.extend(lib.trash().unwrap().into_iter().map(|t| t.id));
        ids.sort();
        for id in ids {
            for rev in lib.history(&id).unwrap() {
                let entry = lib.revision(&id, rev.revision).unwrap();
                out.push_str(&serde_json::to_string(&entry).unwrap());
                out.push('\n');
            }
        }
        out
    }
}

pub struct CliOutput(pub Output);

impl CliOutput {
    pub fn code(&self) -> i32 {
        self.0.status.code().unwrap_or(-1)
    }

    pub fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.0.stdout).into_owned()
    }

    pub fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.0.stderr).into_owned()
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout())
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}): {}", self.stdout()))
    }

    /// Asserts success and returns self.
    #[track_caller]
    pub fn ok(self) -> Self {
        assert_eq!(
            self.code(),
            0,
            "stderr: {}\nstdout: {}",
            self.stderr(),
            self.stdout()
        );
        self
    }
}

/// The PDF that [`full_entry_json`]'s attachment is.
pub fn fixture_attachment() -> Vec<u8> {
    pdf_with_text("Testrapport om nattillsyn")
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    hex::encode(sha2::Sha256::digest(bytes))
}

/// A complete entry that uses every field of the exchange format.
pub fn full_entry_json() -> String {
    serde_json::json!({
        "format": 1,
        "kind": "exempel",
        "title": "Äldreomsorgens digitala nattillsyn i Testby",
        "summary": "Ett syntetiskt testexempel: kommunen prövar digital nattillsyn med kameror som brukarna själva har valt.",
        "sections": {
            "challenge": "Nattbesök väcker brukare i onödan.",
            "solution": "En **pilot** med digital tillsyn.",
            "results": "Färre onödiga väckningar.",
            "lessons": "Börja i liten skala.",
            "dissemination": "Delat i länets nätverk."
        },
        "focus_areas": ["valfardsteknik-e-halsa", "digitalisering"],
        "stage": "pilot",
        "novelty": "organisation",
        "organisations": [{"name": "Testby kommun", "type": "kommun", "role": "ägare"}],
        "places": [{"municipality_code": "0180"}, {"lan_code": "03"}],
        "period": {"start": 2021, "end": 2023},
        "goals": [3, 10],
        "tags": ["nattillsyn", "syntetisk"],
        "contacts": [{"name": "Registrator", "role": "funktionsadress", "organisation": "Testby kommun", "email": "registrator@testby.example", "phone": ""}],
        "sources": [{"title": "Testrapport", "url": "https://example.org/rapport", "publisher": "Testby kommun", "date": "2023-05-01", "licence": "CC BY 4.0"}],
        "attachments": [{"name": "rapport.pdf", "media_type": "application/pdf",
            "size": fixture_attachment().len(), "sha256": sha256_hex(&fixture_attachment()),
            "licence": "CC BY 4.0"}],
        "related": [],
        "status": "publicerad"
    })
    .to_string()
}

/// A one-page PDF whose text is `text` (Latin-1 characters only), in Helvetica with
/// WinAnsiEncoding: the smallest real PDF a text extractor must read.
pub fn pdf_with_text(text: &str) -> Vec<u8> {
    let latin1: Vec<u8> = text
        .chars()
        .map(|c| u8::try_from(u32::from(c)).expect("Latin-1 text"))
        .collect();
    let mut content = b"BT /F1 12 Tf 72 760 Td (".to_vec();
    content.extend_from_slice(&latin1);
    content.extend_from_slice(b") Tj ET");
    let mut objects: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R \
          /Resources << /Font << /F1 5 0 R >> >> >>"
            .to_vec(),
    ];
    let mut stream = format!("<< /Length {} >>\nstream\n", content.len()).into_bytes();
    stream.extend_from_slice(&content);
    stream.extend_from_slice(b"\nendstream");
    objects.push(stream);
    objects.push(
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
            .to_vec(),
    );
    let mut pdf = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        pdf.extend_from_slice(body);
        pdf.extend_from_slice(b"\nendobj\n");
    }
    let xref = pdf.len();
    pdf.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for offset in offsets {
        pdf.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    pdf.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    pdf
}

/// Writes bytes to a file beside the library and returns its path.
pub fn write_bytes(t: &TestLibrary, name: &str, bytes: &[u8]) -> String {
    let path = t.dir().parent().expect("parent").join(name);
    std::fs::write(&path, bytes).expect("write file");
    path.to_string_lossy().into_owned()
}
