//! Who is calling: the check every API request passes before it reaches a command, and the
//! team's login, logout, password change and session routes.
//!
//! The guard checks the host (against DNS rebinding, with `--write`), a POST's media type
//! and origin, and finds the caller: anyone (reader mode), the owner (the `--write` token),
//! or an account by its session cookie (team mode). The session cookie is `HttpOnly`,
//! `SameSite=Strict`, `Secure` under TLS; only the SHA-256 of its token is stored. Logins
//! are throttled per account name and per address ([`crate::throttle`]), and every answer to
//! a failed login is the same.

use std::net::SocketAddr;
use std::time::Instant;

use axum::Extension;
use axum::body::{Body, Bytes};
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;
use serde::{Deserialize, Serialize};

use library::accounts::{self, SessionAccount};
use library::commands::{Access, Scope};
use model::account::AccountInfo;
use model::error::{Error, ErrorCode, Result};

use crate::{Mode, Server, Shared, body_text, error, json, lock, with_headers};

/// The cookie that carries the `--write` token.
pub const TOKEN_COOKIE: &str = "exempelbank_token";
/// The cookie that carries a team session's token.
pub const SESSION_COOKIE: &str = "exempelbank_session";

/// Who made a request, as the guard found out.
#[derive(Debug, Clone)]
pub struct Caller {
    pub scope: Scope,
    /// The account's session, in team mode.
    pub session: Option<SessionAccount>,
    /// The client's address (from the proxy with `--behind-proxy`).
    pub address: String,
    /// Whether the request came over HTTPS (here, or to the proxy).
    pub secure: bool,
}

/// The routes a team server answers without a session: the login itself, and the question
/// whether one is needed.
const OPEN_ROUTES: &[&str] = &["/api/login", "/api/session", "/api/logout"];

pub fn new_token() -> Result<String> {
    let mut bytes = [0u8; 24];
    getrandom::fill(&mut bytes)
        .map_err(|e| Error::new(ErrorCode::Io, format!("ingen slumpkälla: {e}")))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// Compares two secrets in time that does not depend on where they differ.
pub fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

fn cookie_value<'a>(cookies: &'a str, name: &str) -> Option<&'a str> {
    cookies
        .split(';')
        .filter_map(|c| c.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// Whether `host` (a Host header) names this server on a loopback address.
fn is_loopback_host(host: &str, port: u16) -> bool {
    ["127.0.0.1", "localhost", "[::1]"]
        .iter()
        .any(|name| host == format!("{name}:{port}"))
}

/// Checks every API request and attaches its [`Caller`].
pub async fn guard(
    State(server): State<Shared>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    mut request: Request,
    next: Next,
) -> Response {
    let path = request.uri().path().to_owned();
    let method = request.method().clone();
    let headers = request.headers().clone();
    let checked =
        tokio::task::spawn_blocking(move || admit(&server, peer, &method, &path, &headers))
            .await
            .unwrap_or_else(|e| Err(Error::library(format!("anropet avbröts: {e}"))));
    match checked {
        Ok(caller) => {
            // Only a writer uploads files: anyone else's body is bounded as a reader's, by
            // its declared length (a body without one is refused).
            if caller.scope.access < Access::Draft && request.method() == Method::POST {
                let length = header(request.headers(), header::CONTENT_LENGTH)
                    .and_then(|v| v.parse::<usize>().ok());
                if length.is_none_or(|n| n > crate::MAX_READER_BODY_BYTES) {
                    // A body a little too large is read (and dropped), so that the client
                    // gets this answer rather than a broken connection.
                    if length.is_some_and(|n| n <= 2 * crate::MAX_READER_BODY_BYTES) {
                        let _ = axum::body::to_bytes(
                            request.into_body(),
                            2 * crate::MAX_READER_BODY_BYTES,
                        )
                        .await;
                    }
                    let mut response = error(Error::invalid(format!(
                        "anropet är större än {} MB, det mesta en läsare skickar",
                        crate::MAX_READER_BODY_BYTES / (1024 * 1024)
                    )));
                    *response.status_mut() = StatusCode::PAYLOAD_TOO_LARGE;
                    return response;
                }
            }
            request.extensions_mut().insert(caller);
            next.run(request).await
        }
        Err(err) => {
            // Read what the client sent (up to a bound) before answering, so that the
            // connection can carry the client's next request instead of closing under it.
            let _ = axum::body::to_bytes(request.into_body(), DRAIN_BYTES).await;
            error(err)
        }
    }
}

/// The most of a refused request's body that is read to keep its connection open.
const DRAIN_BYTES: usize = 64 * 1024;

fn header(headers: &HeaderMap, name: impl axum::http::header::AsHeaderName) -> Option<&str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

fn admit(
    server: &Server,
    peer: SocketAddr,
    method: &Method,
    path: &str,
    headers: &HeaderMap,
) -> Result<Caller> {
    let host = header(headers, header::HOST).unwrap_or("");
    if server.mode == Mode::Owner && !is_loopback_host(host, server.addr.port()) {
        return Err(Error::forbidden(format!(
            "värden \"{host}\" är inte den här servern"
        )));
    }
    let forwarded = |name: &str| server.behind_proxy.then(|| header(headers, name)).flatten();
    let secure = server.tls || forwarded("x-forwarded-proto") == Some("https");
    let address = forwarded("x-forwarded-for")
        .and_then(|list| list.rsplit(',').next())
        .and_then(|last| last.trim().parse::<std::net::IpAddr>().ok())
        .unwrap_or(peer.ip())
        .to_string();
    if method == Method::POST {
        let json = header(headers, header::CONTENT_TYPE)
            .is_some_and(|t| t.split(';').next().unwrap_or("").trim() == "application/json");
        if !json {
            return Err(Error::invalid(
                "en POST till API:t ska ha Content-Type: application/json",
            ));
        }
        let own = format!("{}://{host}", if secure { "https" } else { "http" });
        match header(headers, header::ORIGIN) {
            Some(origin) if origin != own => {
                return Err(Error::forbidden(format!(
                    "anrop från {origin} tas inte emot"
                )));
            }
            None if matches!(server.mode, Mode::Team { .. }) => {
                return Err(Error::forbidden(
                    "en POST till en gemensam exempelbank ska ha en Origin-rubrik",
                ));
            }
            _ => {}
        }
    }
    let caller = |scope, session| Caller {
        scope,
        session,
        address: address.clone(),
        secure,
    };
    match server.mode {
        Mode::Reader => Ok(caller(Scope::READER, None)),
        Mode::Owner => {
            let token = server.token.as_deref().unwrap_or_default();
            let bearer =
                header(headers, header::AUTHORIZATION).and_then(|v| v.strip_prefix("Bearer "));
            let cookie =
                header(headers, header::COOKIE).and_then(|c| cookie_value(c, TOKEN_COOKIE));
            let given = bearer.or(cookie).unwrap_or("");
            if !same(given.as_bytes(), token.as_bytes()) {
                return Err(Error::forbidden(
                    "öppna länken med token som servern skrev ut när den startade",
                ));
            }
            Ok(caller(Scope::OWNER, None))
        }
        Mode::Team { public } => {
            let token = header(headers, header::COOKIE)
                .and_then(|c| cookie_value(c, SESSION_COOKIE))
                .map(str::to_owned);
            let now = accounts::unix_now();
            let found = match &token {
                Some(token) => server.read(|lib| lib.session(token, server.limits, now)),
                None => Err(Error::new(
                    ErrorCode::Unauthenticated,
                    "logga in för att fortsätta",
                )),
            };
            match found {
                Ok(session) => {
                    if session.needs_touch {
                        server
                            .writer()
                            .touch_session(&session, server.limits, now)?;
                    }
                    let scope = Scope::for_role(session.account.role);
                    Ok(caller(scope, Some(session)))
                }
                Err(err) if err.code == ErrorCode::Unauthenticated => {
                    if public || OPEN_ROUTES.contains(&path) {
                        Ok(caller(Scope::READER, None))
                    } else {
                        Err(err)
                    }
                }
                Err(err) => Err(err),
            }
        }
    }
}

/// What `GET /api/session` answers: how this server is used, and who is logged in.
#[derive(Debug, Serialize)]
struct SessionInfo {
    /// `reader`, `owner` or `team`.
    mode: &'static str,
    /// Whether published entries can be read without logging in.
    public: bool,
    account: Option<AccountInfo>,
    access: Access,
}

pub async fn session(
    State(server): State<Shared>,
    Extension(caller): Extension<Caller>,
) -> Response {
    let (mode, public) = match server.mode {
        Mode::Reader => ("reader", true),
        Mode::Owner => ("owner", false),
        Mode::Team { public } => ("team", public),
    };
    json(
        StatusCode::OK,
        &SessionInfo {
            mode,
            public,
            account: caller.session.map(|s| s.account),
            access: caller.scope.access,
        },
    )
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LoginRequest {
    name: String,
    password: String,
}

/// What a login attempt is counted under: the account name tried, and the address.
struct Keys {
    account: String,
    address: String,
}

impl Keys {
    fn wait(&self, server: &Server) -> Option<std::time::Duration> {
        let now = Instant::now();
        let throttle = lock(&server.throttle);
        let account = throttle.0.wait(std::slice::from_ref(&self.account), now);
        let address = throttle.1.wait(std::slice::from_ref(&self.address), now);
        account.max(address)
    }

    fn fail(&self, server: &Server) {
        let now = Instant::now();
        let mut throttle = lock(&server.throttle);
        throttle.0.fail(std::slice::from_ref(&self.account), now);
        throttle.1.fail(std::slice::from_ref(&self.address), now);
    }

    /// The account's count goes; the address's stays, so that a valid login of one account
    /// does not pay for guesses at others.
    fn succeed(&self, server: &Server) {
        lock(&server.throttle)
            .0
            .succeed(std::slice::from_ref(&self.account));
    }
}

fn not_team() -> Error {
    Error::not_found("inloggning finns bara i en gemensam exempelbank (serve --team)")
}

/// `POST /api/login`: a name and a password; a session cookie if they match.
pub async fn login(
    State(server): State<Shared>,
    Extension(caller): Extension<Caller>,
    body: Bytes,
) -> Response {
    if !matches!(server.mode, Mode::Team { .. }) {
        return error(not_team());
    }
    let request: LoginRequest = match body_text(body).and_then(|b| model::validate::parse_json(&b))
    {
        Ok(request) => request,
        Err(err) => return error(err),
    };
    let keys = Keys {
        account: format!("konto:{}", model::text::fold(request.name.trim())),
        address: format!("adress:{}", caller.address),
    };
    if let Some(wait) = keys.wait(&server) {
        let seconds = wait.as_secs().max(1);
        let unit = if seconds == 1 { "sekund" } else { "sekunder" };
        let mut response = error(Error::new(
            ErrorCode::TooManyRequests,
            format!("för många misslyckade inloggningar; försök igen om {seconds} {unit}"),
        ));
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, seconds.into());
        return response;
    }
    let secure = caller.secure;
    let result = tokio::task::spawn_blocking(move || {
        match server.read(|lib| lib.check_login(&request.name, &request.password)) {
            Ok(account) => {
                keys.succeed(&server);
                server.writer().start_session(account, &caller.address)
            }
            Err(err) if err.code == ErrorCode::Unauthenticated => {
                keys.fail(&server);
                server
                    .writer()
                    .record_failed_login(&request.name, &caller.address, "")?;
                Err(err)
            }
            Err(err) => Err(err),
        }
    })
    .await
    .unwrap_or_else(|e| Err(Error::library(format!("anropet avbröts: {e}"))));
    match result {
        Ok(session) => {
            let cookie = session_cookie(&session.token, secure);
            let mut response = json(
                StatusCode::OK,
                &serde_json::json!({ "account": session.account }),
            );
            response.headers_mut().insert(
                header::SET_COOKIE,
                cookie.parse().expect("a cookie is a valid header"),
            );
            response
        }
        Err(err) => error(err),
    }
}

fn session_cookie(token: &str, secure: bool) -> String {
    let secure = if secure { "; Secure" } else { "" };
    format!("{SESSION_COOKIE}={token}; HttpOnly; SameSite=Strict; Path=/{secure}")
}

/// A response that removes the session cookie from the browser.
fn clear_cookie(secure: bool) -> Response {
    let secure = if secure { "; Secure" } else { "" };
    with_headers(
        Response::builder()
            .status(StatusCode::OK)
            .header(header::CONTENT_TYPE, "application/json; charset=utf-8")
            .header(
                header::SET_COOKIE,
                format!("{SESSION_COOKIE}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0{secure}"),
            ),
    )
    .body(Body::from("{}"))
    .expect("valid response")
}

/// `POST /api/logout`: ends the session on the server, and removes the cookie.
pub async fn logout(
    State(server): State<Shared>,
    Extension(caller): Extension<Caller>,
) -> Response {
    if !matches!(server.mode, Mode::Team { .. }) {
        return error(not_team());
    }
    let secure = caller.secure;
    let result = tokio::task::spawn_blocking(move || match &caller.session {
        Some(session) => server.writer().end_session(session, &caller.address),
        None => Ok(()),
    })
    .await
    .unwrap_or_else(|e| Err(Error::library(format!("anropet avbröts: {e}"))));
    match result {
        Ok(()) => clear_cookie(secure),
        Err(err) => error(err),
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PasswordRequest {
    old_password: String,
    new_password: String,
}

/// `POST /api/password`: the account changes its own password. Its other sessions end; this
/// one goes on.
pub async fn change_password(
    State(server): State<Shared>,
    Extension(caller): Extension<Caller>,
    body: Bytes,
) -> Response {
    let Some(session) = caller.session.clone() else {
        return error(Error::new(
            ErrorCode::Unauthenticated,
            "logga in för att byta lösenord",
        ));
    };
    let request: PasswordRequest =
        match body_text(body).and_then(|b| model::validate::parse_json(&b)) {
            Ok(request) => request,
            Err(err) => return error(err),
        };
    let keys = Keys {
        account: format!("konto:{}", model::text::fold(&session.account.name)),
        address: format!("adress:{}", caller.address),
    };
    if let Some(wait) = keys.wait(&server) {
        return error(Error::new(
            ErrorCode::TooManyRequests,
            format!(
                "för många felaktiga lösenord; försök igen om {} sekunder",
                wait.as_secs().max(1)
            ),
        ));
    }
    let result = tokio::task::spawn_blocking(move || {
        let changed = server.writer().change_password(
            &session,
            &request.old_password,
            &request.new_password,
            &caller.address,
        );
        // A wrong old password counts as a failed login: a stolen session cannot guess it.
        if changed
            .as_ref()
            .is_err_and(|e| e.field.as_deref() == Some("old_password"))
        {
            keys.fail(&server);
        }
        changed
    })
    .await
    .unwrap_or_else(|e| Err(Error::library(format!("anropet avbröts: {e}"))));
    match result {
        Ok(()) => json(StatusCode::OK, &serde_json::json!({})),
        Err(err) => error(err),
    }
}
