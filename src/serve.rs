//! `exempelbank serve`: the UI and the facade over HTTP/JSON, read-only.
//!
//! An adapter like the CLI: it maps requests to [`Library`] calls and results to JSON, and
//! decides nothing else. Read-only means published entries only: no drafts, no trash, no
//! personal notes. It binds to loopback unless told otherwise; on an intranet it belongs
//! behind a TLS reverse proxy.
//!
//! The UI in `ui/dist` is embedded at compile time when it was built (see `build.rs`).

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};

use crate::api::Library;
use crate::error::{Error, ErrorCode, Result};
use crate::model::Status;
use crate::search::SearchRequest;

/// The CSP of every response: the page may load only its own scripts, styles and fonts.
const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
                   font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; \
                   frame-ancestors 'none'; form-action 'none'";

type Shared = Arc<Mutex<Library>>;

/// Serves `library` on `addr` until the process is stopped. `on_ready` receives the address
/// actually bound (useful with port 0).
pub fn serve(library: Library, addr: SocketAddr, on_ready: impl FnOnce(SocketAddr)) -> Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| Error::new(ErrorCode::Io, format!("kunde inte starta servern: {e}")))?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .map_err(|e| Error::new(ErrorCode::Io, format!("kan inte lyssna på {addr}: {e}")))?;
        let bound = listener
            .local_addr()
            .map_err(|e| Error::new(ErrorCode::Io, e.to_string()))?;
        on_ready(bound);
        axum::serve(listener, router(Arc::new(Mutex::new(library))))
            .await
            .map_err(|e| Error::new(ErrorCode::Io, format!("servern stannade: {e}")))
    })
}

fn router(library: Shared) -> Router {
    Router::new()
        .route("/api/info", get(info))
        .route("/api/taxonomy", get(taxonomy))
        .route("/api/search", post(search))
        .route("/api/entries/{id}", get(entry))
        .route("/api/export", post(export))
        .route("/", get(|| asset("index.html".to_owned())))
        .route("/{*path}", get(|Path(path): Path<String>| asset(path)))
        .with_state(library)
}

/// Runs a facade call on a blocking thread: SQLite and tantivy do blocking I/O.
async fn blocking<T: Send + 'static>(
    library: Shared,
    f: impl FnOnce(&Library) -> Result<T> + Send + 'static,
) -> Result<T> {
    tokio::task::spawn_blocking(move || {
        let library = library
            .lock()
            .map_err(|_| Error::library("biblioteket är låst efter ett tidigare fel"))?;
        f(&library)
    })
    .await
    .unwrap_or_else(|e| Err(Error::library(format!("anropet avbröts: {e}"))))
}

/// A facade call answered as JSON.
async fn call<T: serde::Serialize + Send + 'static>(
    library: Shared,
    f: impl FnOnce(&Library) -> Result<T> + Send + 'static,
) -> Response {
    match blocking(library, f).await {
        Ok(value) => json(StatusCode::OK, &value),
        Err(err) => error(err),
    }
}

fn json<T: serde::Serialize>(status: StatusCode, value: &T) -> Response {
    let body = serde_json::to_vec(value).expect("responses serialise");
    with_headers(
        Response::builder()
            .status(status)
            .header(header::CONTENT_TYPE, "application/json; charset=utf-8"),
    )
    .body(Body::from(body))
    .expect("valid response")
}

fn error(err: Error) -> Response {
    let status = match err.code {
        ErrorCode::InvalidInput => StatusCode::BAD_REQUEST,
        ErrorCode::NotFound => StatusCode::NOT_FOUND,
        ErrorCode::Conflict => StatusCode::CONFLICT,
        _ => StatusCode::INTERNAL_SERVER_ERROR,
    };
    json(status, &serde_json::json!({ "error": err }))
}

fn with_headers(builder: axum::http::response::Builder) -> axum::http::response::Builder {
    builder
        .header(header::CONTENT_SECURITY_POLICY, CSP)
        .header(header::X_CONTENT_TYPE_OPTIONS, "nosniff")
        .header(header::REFERRER_POLICY, "no-referrer")
        .header("cross-origin-opener-policy", "same-origin")
}

async fn info(State(library): State<Shared>) -> Response {
    call(library, |lib| {
        let mut info = lib.info()?;
        info.read_only = true;
        Ok(info)
    })
    .await
}

async fn taxonomy(State(library): State<Shared>) -> Response {
    call(library, |lib| lib.taxonomy()).await
}

async fn search(State(library): State<Shared>, body: String) -> Response {
    let mut request: SearchRequest = match crate::validate::parse_json(&body) {
        Ok(request) => request,
        Err(err) => return error(err),
    };
    // Read-only: published entries only, whatever the request says.
    request.all = false;
    call(library, move |lib| lib.search(&request)).await
}

async fn entry(State(library): State<Shared>, Path(id): Path<String>) -> Response {
    call(library, move |lib| {
        let entry = lib.get(&id)?;
        if entry.status != Status::Publicerad {
            return Err(Error::not_found(format!(
                "ingen publicerad post med id \"{id}\""
            )));
        }
        Ok(entry)
    })
    .await
}

/// What the browser asks to export.
#[derive(serde::Deserialize)]
struct ExportRequest {
    ids: Vec<String>,
    options: crate::export::ExportOptions,
}

/// An export of published entries, as a file download.
async fn export(State(library): State<Shared>, body: String) -> Response {
    let request: ExportRequest = match crate::validate::parse_json(&body) {
        Ok(request) => request,
        Err(err) => return error(err),
    };
    if request.ids.len() > 500 {
        return error(Error::invalid("högst 500 poster per export"));
    }
    let format = request.options.format;
    let result = blocking(library, move |library| {
        for id in &request.ids {
            if library.get(id)?.status != Status::Publicerad {
                return Err(Error::not_found(format!(
                    "ingen publicerad post med id \"{id}\""
                )));
            }
        }
        library.export(&request.ids, &request.options)
    })
    .await;
    let media_type = match format {
        crate::export::ExportFormat::Pdf => "application/pdf",
        crate::export::ExportFormat::Md => "text/markdown; charset=utf-8",
        crate::export::ExportFormat::Html => "text/html; charset=utf-8",
        crate::export::ExportFormat::Json => "application/json; charset=utf-8",
        crate::export::ExportFormat::Csv => "text/csv; charset=utf-8",
        crate::export::ExportFormat::Xlsx => {
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        }
    };
    match result {
        Ok(bytes) => with_headers(
            Response::builder()
                .status(StatusCode::OK)
                .header(header::CONTENT_TYPE, media_type)
                .header(
                    header::CONTENT_DISPOSITION,
                    format!(
                        "attachment; filename=\"exempelbanken.{}\"",
                        format.extension()
                    ),
                ),
        )
        .body(Body::from(bytes))
        .expect("valid response"),
        Err(err) => error(err),
    }
}

#[cfg(embedded_ui)]
static UI: include_dir::Dir<'static> = include_dir::include_dir!("$CARGO_MANIFEST_DIR/ui/dist");

/// A file of the built UI, or a note that the UI is not built.
async fn asset(path: String) -> Response {
    #[cfg(embedded_ui)]
    {
        if path.split('/').any(|part| part == "..") {
            return StatusCode::NOT_FOUND.into_response();
        }
        match UI.get_file(&path) {
            Some(file) => with_headers(
                Response::builder()
                    .status(StatusCode::OK)
                    .header(header::CONTENT_TYPE, media_type(&path)),
            )
            .body(Body::from(file.contents()))
            .expect("valid response"),
            None => StatusCode::NOT_FOUND.into_response(),
        }
    }
    #[cfg(not(embedded_ui))]
    {
        let _ = path;
        with_headers(
            Response::builder()
                .status(StatusCode::OK)
                .header(header::CONTENT_TYPE, "text/plain; charset=utf-8"),
        )
        .body(Body::from(
            "Exempelbanken: gränssnittet är inte byggt (kör `make run` eller `npm run build` i ui/ \
             och bygg om). JSON-API:t finns under /api/.\n",
        ))
        .expect("valid response")
    }
}

#[cfg_attr(not(embedded_ui), allow(dead_code))]
fn media_type(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "json" => "application/json",
        _ => "application/octet-stream",
    }
}
