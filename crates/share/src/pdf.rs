//! PDF case cards and briefs, typeset by typst used as a library: tagged (PDF/UA-1), Swedish
//! hyphenation, Source Sans 3 embedded.
//!
//! The template (`assets/templates/exempelbanken.typ`) reads its content from a JSON file
//! that only this module's [`World`] serves; entry text is data there, never markup. The
//! world reads nothing from disk or network: fonts and template are compiled in.

use std::sync::OnceLock;

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards};

use model::error::{Error, ErrorCode, Result};

const TEMPLATE: &str = include_str!("../../../assets/templates/exempelbanken.typ");
const FONTS: [&[u8]; 4] = [
    include_bytes!("../../../assets/fonts/SourceSans3-Regular.ttf"),
    include_bytes!("../../../assets/fonts/SourceSans3-It.ttf"),
    include_bytes!("../../../assets/fonts/SourceSans3-Semibold.ttf"),
    include_bytes!("../../../assets/fonts/SourceSans3-Bold.ttf"),
];

/// What every rendering shares: the standard library, the fonts and their book.
struct Shared {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
}

fn shared() -> &'static Shared {
    static SHARED: OnceLock<Shared> = OnceLock::new();
    SHARED.get_or_init(|| {
        let fonts: Vec<Font> = FONTS
            .iter()
            .flat_map(|data| Font::iter(Bytes::new(*data)))
            .collect();
        Shared {
            library: LazyHash::new(<Library as LibraryExt>::default()),
            book: LazyHash::new(FontBook::from_fonts(&fonts)),
            fonts,
        }
    })
}

/// One rendering: the template, its data and the date.
struct ExportWorld {
    main: Source,
    data_id: FileId,
    data: Bytes,
    today: Datetime,
}

fn file_id(path: &str) -> FileId {
    RootedPath::new(
        VirtualRoot::Project,
        VirtualPath::new(path).expect("a valid virtual path"),
    )
    .intern()
}

impl World for ExportWorld {
    fn library(&self) -> &LazyHash<Library> {
        &shared().library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &shared().book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(FileError::AccessDenied)
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.data_id {
            Ok(self.data.clone())
        } else {
            Err(FileError::AccessDenied)
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        shared().fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        Some(self.today)
    }
}

/// Renders the template with `data` (see [`crate::export`] for its shape) to a tagged PDF.
pub fn render(data: &serde_json::Value, today: (i32, u8, u8)) -> Result<Vec<u8>> {
    let world = ExportWorld {
        main: Source::new(file_id("/main.typ"), TEMPLATE.to_owned()),
        data_id: file_id("/data.json"),
        data: Bytes::new(serde_json::to_vec(data).expect("export data serialises")),
        today: Datetime::from_ymd(today.0, today.1, today.2).expect("a valid date"),
    };
    let failed = |what: &str, diagnostics: Vec<String>| {
        Error::new(
            ErrorCode::Io,
            format!("PDF-filen kunde inte {what}: {}", diagnostics.join("; ")),
        )
    };
    let document = typst::compile::<typst_layout::PagedDocument>(&world)
        .output
        .map_err(|errors| {
            failed(
                "sättas",
                errors.iter().map(|e| e.message.to_string()).collect(),
            )
        })?;
    let options = PdfOptions {
        standards: PdfStandards::new(&[PdfStandard::Ua_1])
            .map_err(|e| Error::new(ErrorCode::Io, format!("PDF/UA: {}", e.message())))?,
        ..PdfOptions::default()
    };
    typst_pdf::pdf(&document, &options).map_err(|errors| {
        failed(
            "skrivas",
            errors.iter().map(|e| e.message.to_string()).collect(),
        )
    })
}
