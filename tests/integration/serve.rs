//! `exempelbank serve`: the JSON API over HTTP with a strict CSP, read-only by default and
//! writable for one user with `--write` and its token.

use std::process::{Child, Command};

use crate::util::{TestLibrary, start_serve};

/// A running `serve` on a free port, stopped when dropped.
struct Server {
    child: Child,
    base: String,
    /// The link the server printed (with `--write`, it carries the token).
    link: String,
}

impl Server {
    fn start(t: &TestLibrary) -> Server {
        Server::start_with(t, &[])
    }

    fn start_with(t: &TestLibrary, extra: &[&str]) -> Server {
        let (child, link) = start_serve(t, extra);
        let base = link
            .split('?')
            .next()
            .unwrap()
            .trim_end_matches('/')
            .to_owned();
        Server { child, base, link }
    }

    /// A POST with the given headers; the status and the JSON answer.
    fn post(&self, path: &str, headers: &[(&str, &str)], body: &str) -> (u16, serde_json::Value) {
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .build()
            .new_agent();
        let mut req = agent.post(format!("{}{path}", self.base));
        for (name, value) in headers {
            req = req.header(*name, *value);
        }
        let mut res = req.send(body.to_owned()).unwrap();
        let text = res.body_mut().read_to_string().unwrap();
        (
            res.status().as_u16(),
            serde_json::from_str(&text).unwrap_or(serde_json::Value::Null),
        )
    }

    fn get(&self, path: &str) -> (u16, String, serde_json::Value) {
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .build()
            .new_agent();
        let mut res = agent.get(format!("{}{path}", self.base)).call().unwrap();
        let csp = res
            .headers()
            .get("content-security-policy")
            .map(|v| v.to_str().unwrap().to_owned())
            .unwrap_or_default();
        let body = res.body_mut().read_to_string().unwrap();
        (
            res.status().as_u16(),
            csp,
            serde_json::from_str(&body).unwrap_or(serde_json::Value::Null),
        )
    }

    fn search(&self, body: serde_json::Value) -> (u16, serde_json::Value) {
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .build()
            .new_agent();
        let mut res = agent
            .post(format!("{}/api/search", self.base))
            .header("content-type", "application/json")
            .send(body.to_string())
            .unwrap();
        let text = res.body_mut().read_to_string().unwrap();
        (res.status().as_u16(), serde_json::from_str(&text).unwrap())
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn serve_answers_search_and_entries_with_a_strict_csp() {
    let t = TestLibrary::starter();
    let server = Server::start(&t);
    let (status, body) = server.search(serde_json::json!({"query": "livsmedel"}));
    assert_eq!(status, 200);
    assert_eq!(
        body["hits"][0]["id"],
        "sodertalje-hallbar-livsmedelsforsorjning"
    );
    assert!(
        body["hits"][0]["snippet"]
            .as_str()
            .unwrap()
            .contains("<mark>")
    );

    let (status, csp, entry) =
        server.get("/api/entries/orebro-gemensam-testbadd-valfardsteknik-e-halsa");
    assert_eq!(status, 200);
    assert_eq!(entry["places"][0]["municipality_code"], "1880");
    assert!(
        csp.contains("default-src 'self'") && csp.contains("script-src 'self'"),
        "{csp}"
    );

    let (status, _, taxonomy) = server.get("/api/taxonomy");
    assert_eq!(status, 200);
    assert_eq!(taxonomy["municipalities"].as_array().unwrap().len(), 290);

    let (status, _, err) = server.get("/api/entries/finns-inte");
    assert_eq!(status, 404);
    assert_eq!(err["error"]["code"], "not_found");

    let (status, err) = server.search(serde_json::json!({"query": 5}));
    assert_eq!(status, 400);
    assert!(
        err["error"]["message"].as_str().unwrap().contains("query"),
        "{err}"
    );
}

#[test]
fn serve_is_read_only_and_never_shows_drafts() {
    let t = TestLibrary::starter();
    let mut lib = t.open();
    let draft = lib
        .add_json(r#"{"kind":"metod","title":"Hemligt utkast om snöröjning"}"#)
        .unwrap();
    drop(lib);
    let server = Server::start(&t);
    let (_, found) = server.search(serde_json::json!({"query": "snöröjning", "all": true}));
    assert_eq!(found["total"], 0, "a draft leaked: {found}");
    let (status, _, _) = server.get(&format!("/api/entries/{}", draft.id));
    assert_eq!(status, 404);
    // Finding 11 of the hardening review: `/api/info` told a reader the library's path on
    // the server's disk and, by its count of all entries, how many drafts there are.
    let (_, _, info) = server.get("/api/info");
    assert_eq!(info["dir"], "", "{info}");
    assert_eq!(info["entries"], info["published"], "{info}");
    assert_eq!(info["indexed"], info["published"], "{info}");
    let dir = t.dir().to_string_lossy().into_owned();
    let (_, body) = server.search(serde_json::json!({"query": "x", "municipality": [dir]}));
    assert!(!body.to_string().contains(&dir), "{body}");
}

/// Finding 3 of the hardening review: a query of 200 000 words became hundreds of thousands
/// of clauses. It is refused with a message naming the field, and the server goes on.
#[test]
fn serve_refuses_a_search_of_200000_words_and_goes_on() {
    let t = TestLibrary::starter();
    let server = Server::start(&t);
    let (status, body) = server.search(serde_json::json!({ "query": "mat ".repeat(200_000) }));
    assert_eq!(status, 400, "{body}");
    assert_eq!(body["error"]["field"], "query", "{body}");
    let (status, body) = server.search(serde_json::json!({ "query": "livsmedel" }));
    assert_eq!(status, 200);
    assert!(!body["hits"].as_array().unwrap().is_empty());
}

#[test]
fn serve_exports_published_entries_only() {
    let t = TestLibrary::starter();
    let id = "sodertalje-hallbar-livsmedelsforsorjning";
    let draft = t.open().list(None).unwrap()[0].id.clone();
    t.cli(&["status", &draft, "arkiverad"]).ok();
    let server = Server::start(&t);
    let agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .new_agent();
    let export = |id: &str, format: &str| {
        let mut res = agent
            .post(format!("{}/api/export", server.base))
            .header("content-type", "application/json")
            .send(serde_json::json!({"ids": [id], "options": {"format": format}}).to_string())
            .unwrap();
        let kind = res
            .headers()
            .get("content-type")
            .map(|v| v.to_str().unwrap().to_owned())
            .unwrap_or_default();
        let body = res.body_mut().read_to_vec().unwrap();
        (res.status().as_u16(), kind, body)
    };
    let (status, kind, body) = export(id, "pdf");
    assert_eq!((status, kind.as_str()), (200, "application/pdf"));
    assert!(body.starts_with(b"%PDF-"));
    let (status, _, body) = export(&draft, "md");
    assert_eq!(status, 404, "{}", String::from_utf8_lossy(&body));
}

/// The token of a `serve --write`, from the link it printed.
fn token_of(server: &Server) -> String {
    server
        .link
        .split("token=")
        .nth(1)
        .expect("the link has a token")
        .to_owned()
}

#[test]
fn a_read_only_serve_refuses_every_command_that_writes() {
    let t = TestLibrary::starter();
    let server = Server::start(&t);
    let json = [("content-type", "application/json")];
    let (status, body) = server.post("/api/rpc/create_list", &json, r#"{"name":"Att läsa"}"#);
    assert_eq!(status, 403, "{body}");
    assert_eq!(body["error"]["code"], "forbidden");
    let (status, _) = server.post("/api/rpc/create_entry", &json, r#"{"entry":{}}"#);
    assert_eq!(status, 403);
    assert!(t.open().lists().unwrap().is_empty());
    // Reading goes through the same table.
    let (status, body) = server.post("/api/rpc/taxonomy", &json, "{}");
    assert_eq!(status, 200);
    assert!(
        body["focus_areas"]
            .as_array()
            .is_some_and(|a| !a.is_empty())
    );
}

#[test]
fn serve_write_needs_its_token_and_refuses_other_origins() {
    let t = TestLibrary::starter();
    let server = Server::start_with(&t, &["--write"]);
    let token = token_of(&server);
    let cookie = format!("exempelbank_token={token}");
    let json = ("content-type", "application/json");
    let body = r#"{"name":"Att läsa"}"#;

    let (status, _) = server.post("/api/rpc/create_list", &[json], body);
    assert_eq!(status, 403, "no token");
    let (status, _) = server.post(
        "/api/rpc/create_list",
        &[json, ("cookie", "exempelbank_token=gissat")],
        body,
    );
    assert_eq!(status, 403, "a wrong token");
    let (status, _) = server.post(
        "/api/rpc/create_list",
        &[
            json,
            ("cookie", &cookie),
            ("origin", "http://angripare.example"),
        ],
        body,
    );
    assert_eq!(status, 403, "a page of another origin");
    let (status, _) = server.post(
        "/api/rpc/create_list",
        &[("content-type", "text/plain"), ("cookie", &cookie)],
        body,
    );
    assert_eq!(status, 400, "not JSON");
    assert!(t.open().lists().unwrap().is_empty(), "nothing was written");

    let (status, list) = server.post("/api/rpc/create_list", &[json, ("cookie", &cookie)], body);
    assert_eq!(status, 200, "{list}");
    assert_eq!(list["name"], "Att läsa");
    let bearer = format!("Bearer {token}");
    let (status, lists) = server.post("/api/rpc/lists", &[json, ("authorization", &bearer)], "{}");
    assert_eq!(status, 200);
    assert_eq!(lists.as_array().unwrap().len(), 1);
    assert_eq!(
        t.open().lists().unwrap().len(),
        1,
        "the list is in the library"
    );
}

#[test]
fn serve_write_listens_on_loopback_only() {
    let t = TestLibrary::starter();
    let out = Command::new(env!("CARGO_BIN_EXE_exempelbank"))
        .arg("--library")
        .arg(t.dir())
        .args(["serve", "--write", "--addr", "0.0.0.0:0"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("loopback"), "{stderr}");
}

/// One POST with `offset` 4294967295 made tantivy reserve room for that many hits and the
/// process aborted. An offset past the last hit is an empty page, and the server goes on.
#[test]
fn serve_survives_a_search_with_a_huge_offset_and_limit() {
    let t = TestLibrary::starter();
    let server = Server::start(&t);
    let (status, body) = server.search(serde_json::json!({
        "query": "", "offset": 4294967295u32, "limit": 4000000000u32
    }));
    assert_eq!(status, 200, "{body}");
    assert!(body["hits"].as_array().unwrap().is_empty());
    assert!(body["total"].as_u64().unwrap() > 0);
    let (status, body) = server.search(serde_json::json!({ "query": "livsmedel" }));
    assert_eq!(status, 200);
    assert!(!body["hits"].as_array().unwrap().is_empty());
}
