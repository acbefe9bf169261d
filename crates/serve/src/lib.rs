//! `exempelbank serve`: the library's commands and the web UI over HTTP/JSON.
//!
//! An adapter like the desktop shell: every request becomes a command of the table in
//! `library::commands`, run in the server's scope, and its answer JSON; it decides nothing
//! else. By default the scope is a reader's: published entries only, no drafts, trash or
//! personal notes. `--write` makes the server the library's owner for one user, as a
//! notebook server is: loopback addresses only, and every API request must carry the random
//! token printed at start (the link sets it as an `HttpOnly`, `SameSite=Strict` cookie).
//!
//! Routes: `POST /api/rpc/{command}` for every command, and the routes scripts already use,
//! `GET /api/info`, `GET /api/taxonomy`, `POST /api/search`, `GET /api/entries/{id}` and
//! `POST /api/export` (a file download). A POST must be JSON, and one from a web page of
//! another origin is refused, so a page in the user's browser cannot post to a local server.
//!
//! The UI in `ui/dist` is embedded at compile time when it was built (see `build.rs`).

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{DefaultBodyLimit, Path, Query, Request, State};
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};

use library::Library;
use library::commands::{self, Scope};
use library::export::{ExportFormat, ExportOptions};
use model::error::{Error, ErrorCode, Result};
use model::progress::Progress;

/// The CSP of every response: the page may load only its own scripts, styles and fonts.
const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
                   font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; \
                   frame-ancestors 'none'; form-action 'none'";

/// The cookie that carries the `--write` token.
const TOKEN_COOKIE: &str = "exempelbank_token";

/// The largest request body with `--write`: an import or an attachment sent as JSON.
const MAX_BODY_BYTES: usize = 256 * 1024 * 1024;
/// The largest request body a reader may send: a search or the ids of an export.
const MAX_READER_BODY_BYTES: usize = 4 * 1024 * 1024;

/// How the server runs.
#[derive(Debug, Clone)]
pub struct Options {
    pub addr: SocketAddr,
    /// The library's owner for one user (loopback only, with a token) instead of a reader.
    pub write: bool,
}

/// What the server started with, for the caller to print.
#[derive(Debug, Clone)]
pub struct Started {
    pub addr: SocketAddr,
    /// The address to open: with `--write`, it carries the token.
    pub url: String,
}

struct Server {
    library: Mutex<Library>,
    scope: Scope,
    /// With `--write`, the token every API request must carry.
    token: Option<String>,
    addr: SocketAddr,
}

type Shared = Arc<Server>;

/// Serves `library` until the process is stopped. `on_ready` receives the address actually
/// bound (useful with port 0) and the link to open.
pub fn serve(library: Library, options: Options, on_ready: impl FnOnce(Started)) -> Result<()> {
    if options.write && !options.addr.ip().is_loopback() {
        return Err(Error::invalid(format!(
            "--write: {} är ingen loopback-adress; en skrivbar server får bara lyssna på \
             127.0.0.1 eller ::1",
            options.addr
        )));
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| Error::new(ErrorCode::Io, format!("kunde inte starta servern: {e}")))?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(options.addr)
            .await
            .map_err(|e| {
                Error::new(
                    ErrorCode::Io,
                    format!("kan inte lyssna på {}: {e}", options.addr),
                )
            })?;
        let bound = listener
            .local_addr()
            .map_err(|e| Error::new(ErrorCode::Io, e.to_string()))?;
        let token = options.write.then(new_token).transpose()?;
        let url = match &token {
            Some(token) => format!("http://{bound}/?token={token}"),
            None => format!("http://{bound}/"),
        };
        let server = Arc::new(Server {
            library: Mutex::new(library),
            scope: if options.write {
                Scope::OWNER
            } else {
                Scope::READER
            },
            token,
            addr: bound,
        });
        on_ready(Started { addr: bound, url });
        axum::serve(listener, router(server))
            .await
            .map_err(|e| Error::new(ErrorCode::Io, format!("servern stannade: {e}")))
    })
}

fn new_token() -> Result<String> {
    let mut bytes = [0u8; 24];
    getrandom::fill(&mut bytes)
        .map_err(|e| Error::new(ErrorCode::Io, format!("ingen slumpkälla: {e}")))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

fn router(server: Shared) -> Router {
    let api = Router::new()
        .route("/api/info", get(info))
        .route("/api/taxonomy", get(taxonomy))
        .route("/api/search", post(search))
        .route("/api/entries/{id}", get(entry))
        .route("/api/export", post(export))
        .route("/api/rpc/{name}", post(rpc))
        .layer(DefaultBodyLimit::max(if server.token.is_some() {
            MAX_BODY_BYTES
        } else {
            MAX_READER_BODY_BYTES
        }))
        .layer(middleware::from_fn_with_state(server.clone(), guard));
    Router::new()
        .merge(api)
        .route("/", get(index))
        .route("/{*path}", get(|Path(path): Path<String>| asset(path)))
        .with_state(server)
}

/// Checks every API request before it reaches a command: the host (against DNS rebinding),
/// a POST's media type and origin, and with `--write` the token.
async fn guard(State(server): State<Shared>, request: Request, next: Next) -> Response {
    if let Err(err) = admit(&server, request.method(), request.headers()) {
        return error(err);
    }
    next.run(request).await
}

fn admit(server: &Server, method: &Method, headers: &HeaderMap) -> Result<()> {
    let header = |name: header::HeaderName| headers.get(name).and_then(|v| v.to_str().ok());
    let host = header(header::HOST).unwrap_or("");
    if server.token.is_some() && !is_loopback_host(host, server.addr.port()) {
        return Err(forbidden(format!(
            "värden \"{host}\" är inte den här servern"
        )));
    }
    if method == Method::POST {
        let json = header(header::CONTENT_TYPE)
            .is_some_and(|t| t.split(';').next().unwrap_or("").trim() == "application/json");
        if !json {
            return Err(Error::new(
                ErrorCode::InvalidInput,
                "en POST till API:t ska ha Content-Type: application/json",
            ));
        }
        if let Some(origin) = header(header::ORIGIN)
            && origin != format!("http://{host}")
        {
            return Err(forbidden(format!("anrop från {origin} tas inte emot")));
        }
    }
    if let Some(token) = &server.token {
        let bearer = header(header::AUTHORIZATION).and_then(|v| v.strip_prefix("Bearer "));
        let cookie = header(header::COOKIE).and_then(|c| cookie_value(c, TOKEN_COOKIE));
        let given = bearer.or(cookie).unwrap_or("");
        if !same(given.as_bytes(), token.as_bytes()) {
            return Err(Error::new(
                ErrorCode::Forbidden,
                "öppna länken med token som servern skrev ut när den startade",
            ));
        }
    }
    Ok(())
}

fn forbidden(message: String) -> Error {
    Error::new(ErrorCode::Forbidden, message)
}

/// Whether `host` (a Host header) names this server on a loopback address.
fn is_loopback_host(host: &str, port: u16) -> bool {
    ["127.0.0.1", "localhost", "[::1]"]
        .iter()
        .any(|name| host == format!("{name}:{port}"))
}

fn cookie_value<'a>(cookies: &'a str, name: &str) -> Option<&'a str> {
    cookies
        .split(';')
        .filter_map(|c| c.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// Compares two secrets in time that does not depend on where they differ.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Runs a command on a blocking thread (SQLite and tantivy block) and answers its JSON.
async fn command(server: Shared, name: String, args: String) -> Response {
    let result = tokio::task::spawn_blocking(move || {
        let mut library = lock(&server);
        commands::dispatch(&mut library, server.scope, &name, &args)
    })
    .await
    .unwrap_or_else(|e| Err(Error::library(format!("anropet avbröts: {e}"))));
    match result {
        Ok(value) => json(StatusCode::OK, &value),
        Err(err) => error(err),
    }
}

/// The library, for one request. A request that panicked while it held the lock leaves it
/// poisoned; the library is still sound (an unfinished transaction rolled back as it was
/// dropped), so later requests go on instead of failing for good.
fn lock(server: &Server) -> std::sync::MutexGuard<'_, Library> {
    server
        .library
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
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

/// An error as the client sees it. A fault of the server (the disk, the database, the index)
/// is told in full on the server's standard error and only in general to the client, so that
/// no path or detail of the machine leaves it.
fn error(mut err: Error) -> Response {
    let status = match err.code {
        ErrorCode::InvalidInput => StatusCode::BAD_REQUEST,
        ErrorCode::NotFound => StatusCode::NOT_FOUND,
        ErrorCode::Conflict => StatusCode::CONFLICT,
        ErrorCode::Forbidden => StatusCode::FORBIDDEN,
        ErrorCode::Cancelled => StatusCode::BAD_REQUEST,
        _ => StatusCode::INTERNAL_SERVER_ERROR,
    };
    if status == StatusCode::INTERNAL_SERVER_ERROR {
        eprintln!("exempelbank serve: {}: {}", err.code.as_str(), err.message);
        err.message = "ett fel i servern; se serverns logg".to_owned();
    }
    json(status, &serde_json::json!({ "error": err }))
}

fn with_headers(builder: axum::http::response::Builder) -> axum::http::response::Builder {
    builder
        .header(header::CONTENT_SECURITY_POLICY, CSP)
        .header(header::X_CONTENT_TYPE_OPTIONS, "nosniff")
        .header(header::REFERRER_POLICY, "no-referrer")
        .header("cross-origin-opener-policy", "same-origin")
        .header(header::CACHE_CONTROL, "no-store")
}

fn body_text(body: Bytes) -> Result<String> {
    String::from_utf8(body.to_vec()).map_err(|_| Error::invalid("anropet är inte UTF-8"))
}

async fn rpc(State(server): State<Shared>, Path(name): Path<String>, body: Bytes) -> Response {
    match body_text(body) {
        Ok(args) => command(server, name, args).await,
        Err(err) => error(err),
    }
}

async fn info(State(server): State<Shared>) -> Response {
    command(server, "library_info".into(), String::new()).await
}

async fn taxonomy(State(server): State<Shared>) -> Response {
    command(server, "taxonomy".into(), String::new()).await
}

async fn search(State(server): State<Shared>, body: Bytes) -> Response {
    match body_text(body) {
        Ok(request) => command(server, "search".into(), request).await,
        Err(err) => error(err),
    }
}

async fn entry(State(server): State<Shared>, Path(id): Path<String>) -> Response {
    let args = serde_json::json!({ "id": id }).to_string();
    command(server, "get_entry".into(), args).await
}

/// What the browser asks to export.
#[derive(serde::Deserialize)]
struct ExportRequest {
    ids: Vec<String>,
    options: ExportOptions,
}

/// The most entries one export over HTTP may hold.
const MAX_HTTP_EXPORT: usize = 500;

/// An export of the entries the server's scope may see, as a file download. The entries are
/// read under the library's lock; the file is rendered after it is released, so searches do
/// not wait for a long PDF.
async fn export(State(server): State<Shared>, body: Bytes) -> Response {
    let request: ExportRequest = match body_text(body).and_then(|b| model::validate::parse_json(&b))
    {
        Ok(request) => request,
        Err(err) => return error(err),
    };
    if request.ids.len() > MAX_HTTP_EXPORT {
        return error(Error::invalid(format!(
            "högst {MAX_HTTP_EXPORT} poster per export"
        )));
    }
    let format = request.options.format;
    let result = tokio::task::spawn_blocking(move || {
        let job = lock(&server).export_job(
            &request.ids,
            &request.options,
            server.scope,
            &Progress::none(),
        )?;
        job.render(&Progress::none())
    })
    .await
    .unwrap_or_else(|e| Err(Error::library(format!("anropet avbröts: {e}"))));
    match result {
        Ok(bytes) => with_headers(
            Response::builder()
                .status(StatusCode::OK)
                .header(header::CONTENT_TYPE, export_media_type(format))
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

fn export_media_type(format: ExportFormat) -> &'static str {
    match format {
        ExportFormat::Pdf => "application/pdf",
        ExportFormat::Md => "text/markdown; charset=utf-8",
        ExportFormat::Html => "text/html; charset=utf-8",
        ExportFormat::Json => "application/json; charset=utf-8",
        ExportFormat::Csv => "text/csv; charset=utf-8",
        ExportFormat::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    }
}

#[derive(serde::Deserialize)]
struct IndexQuery {
    token: Option<String>,
}

/// The UI's page. With `--write`, the link with the token sets it as a cookie and sends the
/// browser on to `/`, so the token leaves the address bar and the history.
async fn index(State(server): State<Shared>, Query(query): Query<IndexQuery>) -> Response {
    if let (Some(given), Some(token)) = (&query.token, &server.token) {
        if !same(given.as_bytes(), token.as_bytes()) {
            return error(Error::new(ErrorCode::Forbidden, "fel token"));
        }
        return with_headers(
            Response::builder()
                .status(StatusCode::SEE_OTHER)
                .header(header::LOCATION, "/")
                .header(
                    header::SET_COOKIE,
                    format!("{TOKEN_COOKIE}={token}; HttpOnly; SameSite=Strict; Path=/"),
                ),
        )
        .body(Body::empty())
        .expect("valid response");
    }
    asset("index.html".to_owned()).await
}

#[cfg(embedded_ui)]
static UI: include_dir::Dir<'static> =
    include_dir::include_dir!("$CARGO_MANIFEST_DIR/../../ui/dist");

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
