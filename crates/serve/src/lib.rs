//! `exempelbank serve`: the library's commands and the web UI over HTTP/JSON.
//!
//! An adapter like the desktop shell: every request becomes a command of the table in
//! `library::commands`, run in the caller's scope, and its answer JSON; it decides nothing
//! else. It runs in one of three modes ([`Mode`]):
//!
//! - **reader** (the default): anyone reads published entries; no drafts, trash or notes.
//! - **owner** (`--write`): the library's owner for one user, as a notebook server is:
//!   loopback addresses only, and every API request must carry the random token printed at
//!   start (the link sets it as an `HttpOnly`, `SameSite=Strict` cookie).
//! - **team** (`--team`): accounts with roles log in ([`auth`]); each request runs with the
//!   role of its session, and without one it is refused (401), unless `--public` lets anyone
//!   read published entries.
//!
//! Reads run side by side, each on its own reader of the library (its own SQLite connection,
//! the shared search index); writes take the one writer in turn. A long export renders
//! outside both.
//!
//! Routes: `POST /api/rpc/{command}` for every command, the routes scripts already use,
//! `GET /api/info`, `GET /api/taxonomy`, `POST /api/search`, `GET /api/entries/{id}` and
//! `POST /api/export` (a file download), and the team's `POST /api/login`, `POST
//! /api/logout`, `POST /api/password` and `GET /api/session`. A POST must be JSON, and one
//! from a web page of another origin is refused, so a page in the user's browser cannot post
//! to the server.
//!
//! The UI in `ui/dist` is embedded at compile time when it was built (see `build.rs`).

mod auth;
mod throttle;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};

use axum::body::{Body, Bytes};
use axum::extract::{DefaultBodyLimit, Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::Response;
use axum::routing::{get, post};
use axum::{Extension, Router, middleware};

use library::Library;
use library::accounts::SessionLimits;
use library::commands;
use library::export::{ExportFormat, ExportOptions};
use model::error::{Error, ErrorCode, Result};
use model::progress::Progress;

use auth::Caller;

/// The CSP of every response: the page may load only its own scripts, styles and fonts.
const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
                   font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; \
                   frame-ancestors 'none'; form-action 'none'";

/// The largest request body of a curator: an import or an attachment sent as JSON.
const MAX_BODY_BYTES: usize = 256 * 1024 * 1024;
/// The largest request body a reader may send: a search or the ids of an export.
pub(crate) const MAX_READER_BODY_BYTES: usize = 4 * 1024 * 1024;
/// Idle readers kept for the next requests.
const MAX_IDLE_READERS: usize = 32;

/// Who may use the server, and how.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Anyone reads published entries.
    Reader,
    /// The library's owner, alone, on loopback, with the printed token (`--write`).
    Owner,
    /// Accounts with roles log in (`--team`); with `public`, anyone reads published
    /// entries without logging in.
    Team { public: bool },
}

/// A certificate and its private key, in PEM files.
#[derive(Debug, Clone)]
pub struct Tls {
    pub cert: PathBuf,
    pub key: PathBuf,
}

/// How the server runs.
#[derive(Debug, Clone)]
pub struct Options {
    pub addr: SocketAddr,
    pub mode: Mode,
    /// Serve HTTPS with this certificate.
    pub tls: Option<Tls>,
    /// Behind a reverse proxy that terminates TLS: trust its `X-Forwarded-Proto` and
    /// `X-Forwarded-For` (and nobody else's).
    pub behind_proxy: bool,
    pub sessions: SessionLimits,
}

impl Options {
    /// A server in `mode` on `addr`, without TLS.
    pub fn new(addr: SocketAddr, mode: Mode) -> Options {
        Options {
            addr,
            mode,
            tls: None,
            behind_proxy: false,
            sessions: SessionLimits::default(),
        }
    }
}

/// What the server started with, for the caller to print.
#[derive(Debug, Clone)]
pub struct Started {
    pub addr: SocketAddr,
    /// The address to open: with `--write`, it carries the token.
    pub url: String,
    /// What the person starting it should know (no TLS on an open address).
    pub warnings: Vec<String>,
}

struct Server {
    /// The one handle that writes; every write takes it in turn.
    writer: Mutex<Library>,
    /// Readers waiting for the next request that only reads.
    readers: Mutex<Vec<Library>>,
    /// A reader that new readers are opened from, so opening one never waits for a write.
    template: Mutex<Library>,
    mode: Mode,
    /// With `--write`, the token every API request must carry.
    token: Option<String>,
    addr: SocketAddr,
    tls: bool,
    behind_proxy: bool,
    limits: SessionLimits,
    /// Failed logins by account name, and by address.
    throttle: Mutex<(throttle::Throttle, throttle::Throttle)>,
    /// Held while a feed delta is built (up to a page of entries and their attachments in
    /// memory): one at a time, so that many subscribers at once do not hold many pages.
    feeding: Mutex<()>,
}

type Shared = Arc<Server>;

/// Locks a mutex even if a request panicked while it held it: the library is still sound
/// (an unfinished transaction rolled back as it was dropped), so later requests go on
/// instead of failing for good.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl Server {
    /// The writer, for one request.
    fn writer(&self) -> MutexGuard<'_, Library> {
        lock(&self.writer)
    }

    /// Runs `read` on a reader of its own, beside other reads and a write.
    fn read<T>(&self, read: impl FnOnce(&mut Library) -> Result<T>) -> Result<T> {
        let idle = lock(&self.readers).pop();
        let mut reader = match idle {
            Some(reader) => reader,
            None => lock(&self.template).reader()?,
        };
        let out = read(&mut reader);
        let mut idle = lock(&self.readers);
        if idle.len() < MAX_IDLE_READERS {
            idle.push(reader);
        }
        out
    }

    /// Runs a command of the table for `caller`: a write on the writer, a read on a reader.
    fn run(&self, caller: &Caller, name: &str, args: &str) -> Result<serde_json::Value> {
        let writes = commands::COMMANDS
            .iter()
            .find(|c| c.name == name)
            .is_some_and(|c| c.writes);
        let dispatch = |lib: &mut Library| {
            if let Some(session) = &caller.session {
                lib.set_user(&session.account.name);
            }
            commands::dispatch(lib, caller.scope, name, args)
        };
        if writes {
            dispatch(&mut self.writer())
        } else {
            self.read(dispatch)
        }
    }
}

/// Serves `library` until the process is stopped. `on_ready` receives the address actually
/// bound (useful with port 0) and the link to open.
pub fn serve(mut library: Library, options: Options, on_ready: impl FnOnce(Started)) -> Result<()> {
    let loopback = options.addr.ip().is_loopback();
    if options.mode == Mode::Owner && !loopback {
        return Err(Error::invalid(format!(
            "--write: {} är ingen loopback-adress; en skrivbar server får bara lyssna på \
             127.0.0.1 eller ::1",
            options.addr
        )));
    }
    if options.mode == (Mode::Team { public: false })
        && !library.accounts()?.iter().any(|a| !a.disabled)
    {
        return Err(Error::invalid(
            "--team: biblioteket har inga konton; skapa ett först med \
             `exempelbank account add NAMN --role redaktör`",
        ));
    }
    let mut warnings = Vec::new();
    if !loopback && options.tls.is_none() && !options.behind_proxy {
        warnings.push(format!(
            "varning: {} nås från nätet utan TLS, så lösenord och sessioner går okrypterade; \
             ange --tls-cert och --tls-key, eller kör bakom en omvänd proxy med --behind-proxy",
            options.addr
        ));
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| Error::new(ErrorCode::Io, format!("kunde inte starta servern: {e}")))?;
    runtime.block_on(async move {
        let listener = std::net::TcpListener::bind(options.addr).map_err(|e| {
            Error::new(
                ErrorCode::Io,
                format!("kan inte lyssna på {}: {e}", options.addr),
            )
        })?;
        listener
            .set_nonblocking(true)
            .map_err(|e| Error::new(ErrorCode::Io, e.to_string()))?;
        let bound = listener
            .local_addr()
            .map_err(|e| Error::new(ErrorCode::Io, e.to_string()))?;
        let token = (options.mode == Mode::Owner)
            .then(auth::new_token)
            .transpose()?;
        let scheme = if options.tls.is_some() {
            "https"
        } else {
            "http"
        };
        let url = match &token {
            Some(token) => format!("{scheme}://{bound}/?token={token}"),
            None => format!("{scheme}://{bound}/"),
        };
        library.keep_index_writer(library::KeepWriter::Always);
        library.warm_search_in_background();
        // The feed is signed with the library's key: made now if it is the first time, so
        // that readers find it in its file.
        library.bundle_key()?;
        let template = library.reader()?;
        let server = Arc::new(Server {
            writer: Mutex::new(library),
            readers: Mutex::new(Vec::new()),
            template: Mutex::new(template),
            mode: options.mode,
            token,
            addr: bound,
            tls: options.tls.is_some(),
            behind_proxy: options.behind_proxy,
            limits: options.sessions,
            throttle: Mutex::new((
                throttle::Throttle::new(throttle::FREE_PER_ACCOUNT),
                throttle::Throttle::new(throttle::FREE_PER_ADDRESS),
            )),
            feeding: Mutex::new(()),
        });
        let app = router(server).into_make_service_with_connect_info::<SocketAddr>();
        let stopped =
            |e: std::io::Error| Error::new(ErrorCode::Io, format!("servern stannade: {e}"));
        match &options.tls {
            Some(tls) => {
                let config =
                    axum_server::tls_rustls::RustlsConfig::from_pem_file(&tls.cert, &tls.key)
                        .await
                        .map_err(|e| {
                            Error::invalid(format!(
                                "TLS: certifikatet {} eller nyckeln {} kan inte läsas: {e}",
                                tls.cert.display(),
                                tls.key.display()
                            ))
                        })?;
                on_ready(Started {
                    addr: bound,
                    url,
                    warnings,
                });
                axum_server::from_tcp_rustls(listener, config)
                    .map_err(stopped)?
                    .serve(app)
                    .await
                    .map_err(stopped)
            }
            None => {
                let listener = tokio::net::TcpListener::from_std(listener)
                    .map_err(|e| Error::new(ErrorCode::Io, e.to_string()))?;
                on_ready(Started {
                    addr: bound,
                    url,
                    warnings,
                });
                axum::serve(listener, app).await.map_err(stopped)
            }
        }
    })
}

fn router(server: Shared) -> Router {
    let api = Router::new()
        .route("/api/info", get(info))
        .route("/api/taxonomy", get(taxonomy))
        .route("/api/search", post(search))
        .route("/api/entries/{id}", get(entry))
        .route("/api/export", post(export))
        .route("/api/bundle", post(bundle))
        .route("/api/feed", get(feed))
        .route("/api/feed/info", get(feed_info))
        .route("/api/subscriptions/peek", post(subscription_peek))
        .route("/api/subscriptions/pull", post(subscription_pull))
        .route("/api/rpc/{name}", post(rpc))
        .route("/api/session", get(auth::session))
        .route("/api/login", post(auth::login))
        .route("/api/logout", post(auth::logout))
        .route("/api/password", post(auth::change_password))
        .layer(DefaultBodyLimit::max(if server.mode == Mode::Reader {
            MAX_READER_BODY_BYTES
        } else {
            MAX_BODY_BYTES
        }))
        .layer(middleware::from_fn_with_state(server.clone(), auth::guard));
    Router::new()
        .merge(api)
        .route("/", get(index))
        .route("/{*path}", get(|Path(path): Path<String>| asset(path)))
        .with_state(server)
}

/// Runs a command on a blocking thread (SQLite and tantivy block) and answers its JSON.
async fn command(server: Shared, caller: Caller, name: String, args: String) -> Response {
    let result = tokio::task::spawn_blocking(move || server.run(&caller, &name, &args))
        .await
        .unwrap_or_else(|e| Err(Error::library(format!("anropet avbröts: {e}"))));
    match result {
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

/// An error as the client sees it. A fault of the server (the disk, the database, the index)
/// is told in full on the server's standard error and only in general to the client, so that
/// no path or detail of the machine leaves it.
fn error(mut err: Error) -> Response {
    let status = match err.code {
        ErrorCode::InvalidInput => StatusCode::BAD_REQUEST,
        ErrorCode::NotFound => StatusCode::NOT_FOUND,
        ErrorCode::Conflict => StatusCode::CONFLICT,
        ErrorCode::Forbidden => StatusCode::FORBIDDEN,
        ErrorCode::Unauthenticated => StatusCode::UNAUTHORIZED,
        ErrorCode::TooManyRequests => StatusCode::TOO_MANY_REQUESTS,
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

async fn rpc(
    State(server): State<Shared>,
    Extension(caller): Extension<Caller>,
    Path(name): Path<String>,
    body: Bytes,
) -> Response {
    match body_text(body) {
        Ok(args) => command(server, caller, name, args).await,
        Err(err) => error(err),
    }
}

async fn info(State(server): State<Shared>, Extension(caller): Extension<Caller>) -> Response {
    command(server, caller, "library_info".into(), String::new()).await
}

async fn taxonomy(State(server): State<Shared>, Extension(caller): Extension<Caller>) -> Response {
    command(server, caller, "taxonomy".into(), String::new()).await
}

async fn search(
    State(server): State<Shared>,
    Extension(caller): Extension<Caller>,
    body: Bytes,
) -> Response {
    match body_text(body) {
        Ok(request) => command(server, caller, "search".into(), request).await,
        Err(err) => error(err),
    }
}

async fn entry(
    State(server): State<Shared>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
) -> Response {
    let args = serde_json::json!({ "id": id }).to_string();
    command(server, caller, "get_entry".into(), args).await
}

/// What the browser asks to export.
#[derive(serde::Deserialize)]
struct ExportRequest {
    ids: Vec<String>,
    options: ExportOptions,
}

/// The most entries one export over HTTP may hold.
const MAX_HTTP_EXPORT: usize = 500;

/// An export of the entries the caller may see, as a file download. The entries are read on
/// a reader; the file is rendered after it is returned, so nothing waits for a long PDF.
async fn export(
    State(server): State<Shared>,
    Extension(caller): Extension<Caller>,
    body: Bytes,
) -> Response {
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
        let job = server.read(|lib| {
            lib.export_job(
                &request.ids,
                &request.options,
                caller.scope,
                &Progress::none(),
            )
        })?;
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

/// A bundle of what a search selects (an empty request: the whole library), as a file
/// download: a curator's "save" in the browser.
async fn bundle(
    State(server): State<Shared>,
    Extension(caller): Extension<Caller>,
    body: Bytes,
) -> Response {
    if caller.scope.access < commands::Access::Curate {
        return error(Error::forbidden(
            "att skapa ett paket kräver rollen redaktör",
        ));
    }
    let request: model::query::SearchRequest =
        match body_text(body).and_then(|b| model::validate::parse_json(&b)) {
            Ok(request) => request,
            Err(err) => return error(err),
        };
    let result = tokio::task::spawn_blocking(move || {
        let mut lib = server.writer();
        let uids = lib.select(&caller.scope.search(request))?;
        lib.bundle_bytes(&uids)
    })
    .await
    .unwrap_or_else(|e| Err(Error::library(format!("anropet avbröts: {e}"))));
    match result {
        Ok((_, bytes)) => with_headers(
            Response::builder()
                .status(StatusCode::OK)
                .header(header::CONTENT_TYPE, "application/zip")
                .header(
                    header::CONTENT_DISPOSITION,
                    "attachment; filename=\"exempelbanken-paket.zip\"",
                ),
        )
        .body(Body::from(bytes))
        .expect("valid response"),
        Err(err) => error(err),
    }
}

#[derive(serde::Deserialize)]
struct FeedQuery {
    since: Option<String>,
}

/// The library's published entries as a signed delta after the cursor `since` (none: the
/// whole library), for subscribers. A subscriber that sends back the `ETag` of its last pull
/// gets `304 Not Modified` while nothing has changed: one small request.
async fn feed(
    State(server): State<Shared>,
    Query(query): Query<FeedQuery>,
    headers: axum::http::HeaderMap,
) -> Response {
    let since = match query.since.as_deref().map(str::parse::<u64>) {
        None => 0,
        Some(Ok(since)) => since,
        Some(Err(_)) => {
            return error(Error::field(
                "since",
                "since är flödets position, ett heltal från 0",
            ));
        }
    };
    let known = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let result = tokio::task::spawn_blocking(move || {
        server.read(|lib| {
            let tag = lib.feed_tag()?;
            if known.as_deref() == Some(tag.as_str()) {
                return Ok(Err(tag));
            }
            let _one_page_at_a_time = lock(&server.feeding);
            lib.feed_delta(since).map(Ok)
        })
    })
    .await
    .unwrap_or_else(|e| Err(Error::library(format!("anropet avbröts: {e}"))));
    let feed_headers = |builder: axum::http::response::Builder, tag: &str| {
        builder
            .header(header::ETAG, tag)
            .header(header::CACHE_CONTROL, "no-cache")
            .header(header::X_CONTENT_TYPE_OPTIONS, "nosniff")
    };
    match result {
        Ok(Err(tag)) => feed_headers(Response::builder().status(StatusCode::NOT_MODIFIED), &tag)
            .body(Body::empty())
            .expect("valid response"),
        Ok(Ok(delta)) => feed_headers(Response::builder().status(StatusCode::OK), &delta.etag)
            .header(header::CONTENT_TYPE, "application/zip")
            .header("x-exempelbank-cursor", delta.cursor)
            .header("x-exempelbank-latest", delta.latest)
            .body(Body::from(delta.bytes))
            .expect("valid response"),
        Err(err) => error(err),
    }
}

/// What the feed says about itself: the library, its signer and key, its newest cursor.
async fn feed_info(State(server): State<Shared>) -> Response {
    let result = tokio::task::spawn_blocking(move || server.read(|lib| lib.feed_info()))
        .await
        .unwrap_or_else(|e| Err(Error::library(format!("anropet avbröts: {e}"))));
    match result {
        Ok(info) => json(StatusCode::OK, &info),
        Err(err) => error(err),
    }
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct PeekArgs {
    source: String,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct PullArgs {
    #[serde(default)]
    name: Option<String>,
}

/// What a source says about itself, as the desktop's `subscription_peek`.
async fn subscription_peek(Extension(caller): Extension<Caller>, body: Bytes) -> Response {
    let result = async {
        caller.scope.owner("subscriptions")?;
        let args: PeekArgs = model::validate::parse_json(&body_text(body)?)?;
        tokio::task::spawn_blocking(move || {
            library::subscriptions::peek(&args.source, &Default::default())
        })
        .await
        .unwrap_or_else(|e| Err(Error::library(format!("anropet avbröts: {e}"))))
    }
    .await;
    match result {
        Ok(info) => json(StatusCode::OK, &info),
        Err(err) => error(err),
    }
}

/// Pulls one subscription or all, as the desktop's `subscription_pull`: the network off the
/// writer, each merge on it.
async fn subscription_pull(
    State(server): State<Shared>,
    Extension(caller): Extension<Caller>,
    body: Bytes,
) -> Response {
    let result = async {
        caller.scope.owner("subscriptions")?;
        let args: PullArgs = model::validate::parse_json(&body_text(body)?)?;
        tokio::task::spawn_blocking(move || {
            library::subscriptions::pull_some(
                &server.writer,
                args.name.as_deref(),
                &Default::default(),
            )
        })
        .await
        .unwrap_or_else(|e| Err(Error::library(format!("anropet avbröts: {e}"))))
    }
    .await;
    match result {
        Ok(reports) => json(StatusCode::OK, &reports),
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
        if !auth::same(given.as_bytes(), token.as_bytes()) {
            return error(Error::new(ErrorCode::Forbidden, "fel token"));
        }
        return with_headers(
            Response::builder()
                .status(StatusCode::SEE_OTHER)
                .header(header::LOCATION, "/")
                .header(
                    header::SET_COOKIE,
                    format!(
                        "{}={token}; HttpOnly; SameSite=Strict; Path=/",
                        auth::TOKEN_COOKIE
                    ),
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
        use axum::response::IntoResponse;
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
