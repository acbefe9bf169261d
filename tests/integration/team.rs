//! `exempelbank serve --team`: accounts, roles, sessions and the web's usual defences, over
//! real HTTP (and HTTPS) against the real binary on a temporary library.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

use library::commands::{Access, COMMANDS};
use serde_json::{Value, json};

use crate::util::{TestLibrary, start_serve};

pub(crate) const PASSWORD: &str = "ett långt lösenord";

/// A library with one account of each role: läsa, skriva, granska, redigera.
pub(crate) fn team_library() -> TestLibrary {
    let t = TestLibrary::starter();
    let file = t.file("losenord.txt", PASSWORD);
    for (name, role) in [
        ("läsa", "läsare"),
        ("skriva", "skribent"),
        ("granska", "granskare"),
        ("redigera", "redaktör"),
    ] {
        t.cli(&[
            "account",
            "add",
            name,
            "--role",
            role,
            "--password-file",
            &file,
        ])
        .ok();
    }
    t
}

/// A running `serve --team` on a free port, stopped when dropped.
pub(crate) struct Team {
    child: Child,
    pub(crate) base: String,
    agent: ureq::Agent,
}

/// An answer: status, headers we look at, JSON body.
pub(crate) struct Answer {
    pub(crate) status: u16,
    set_cookie: Option<String>,
    retry_after: Option<String>,
    pub(crate) body: Value,
}

impl Team {
    pub(crate) fn start(t: &TestLibrary, extra: &[&str]) -> Team {
        Team::start_with_agent(t, extra, plain_agent())
    }

    fn start_with_agent(t: &TestLibrary, extra: &[&str], agent: ureq::Agent) -> Team {
        let args = [&["--team"], extra].concat();
        let (child, link) = start_serve(t, &args);
        let base = link.trim_end_matches('/').to_owned();
        Team { child, base, agent }
    }

    fn request(&self, method: &str, path: &str, headers: &[(&str, &str)], body: &str) -> Answer {
        let url = format!("{}{path}", self.base);
        let response = if method == "GET" {
            let mut req = self.agent.get(&url);
            for (name, value) in headers {
                req = req.header(*name, *value);
            }
            req.call()
        } else {
            let mut req = self.agent.post(&url);
            for (name, value) in headers {
                req = req.header(*name, *value);
            }
            req.send(body.to_owned())
        };
        let mut res = response.unwrap();
        let header = |name: &str| {
            res.headers()
                .get(name)
                .map(|v| v.to_str().unwrap().to_owned())
        };
        let set_cookie = header("set-cookie");
        let retry_after = header("retry-after");
        let text = res.body_mut().read_to_string().unwrap();
        Answer {
            status: res.status().as_u16(),
            set_cookie,
            retry_after,
            body: serde_json::from_str(&text).unwrap_or(Value::Null),
        }
    }

    /// A POST as the UI makes it: JSON, from this server's own page, with a session.
    fn post(&self, path: &str, session: Option<&str>, body: &str) -> Answer {
        let cookie = session.map(|s| format!("exempelbank_session={s}"));
        let mut headers = vec![
            ("content-type", "application/json"),
            ("origin", self.base.as_str()),
        ];
        if let Some(cookie) = &cookie {
            headers.push(("cookie", cookie));
        }
        self.request("POST", path, &headers, body)
    }

    pub(crate) fn rpc(&self, session: Option<&str>, command: &str, args: Value) -> Answer {
        self.post(&format!("/api/rpc/{command}"), session, &args.to_string())
    }

    fn login_answer(&self, name: &str, password: &str) -> Answer {
        let body = json!({ "name": name, "password": password }).to_string();
        self.post("/api/login", None, &body)
    }

    /// Logs in; the session token from the cookie.
    pub(crate) fn login(&self, name: &str) -> String {
        let answer = self.login_answer(name, PASSWORD);
        assert_eq!(answer.status, 200, "login {name}: {}", answer.body);
        session_token(&answer.set_cookie.expect("a login sets a cookie"))
    }
}

impl Drop for Team {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn plain_agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .new_agent()
}

fn session_token(set_cookie: &str) -> String {
    set_cookie
        .split(';')
        .next()
        .and_then(|pair| pair.strip_prefix("exempelbank_session="))
        .expect("the session cookie")
        .to_owned()
}

fn access_of(role: &str) -> Access {
    match role {
        "läsa" => Access::Read,
        "skriva" => Access::Draft,
        "granska" => Access::Review,
        _ => Access::Curate,
    }
}

#[test]
fn every_command_needs_a_session_and_its_role() {
    let t = team_library();
    let team = Team::start(&t, &[]);
    for command in COMMANDS {
        let answer = team.rpc(None, command.name, json!({}));
        assert_eq!(answer.status, 401, "{} without a session", command.name);
        assert_eq!(answer.body["error"]["code"], "unauthenticated");
    }
    for name in ["läsa", "skriva", "granska", "redigera"] {
        let session = team.login(name);
        for command in COMMANDS {
            let answer = team.rpc(Some(&session), command.name, json!({}));
            if command.access > access_of(name) {
                assert_eq!(
                    answer.status, 403,
                    "{} as {name}: {}",
                    command.name, answer.body
                );
                assert_eq!(answer.body["error"]["code"], "forbidden");
            } else {
                assert_ne!(answer.status, 401, "{} as {name}", command.name);
                assert_ne!(
                    answer.status, 403,
                    "{} as {name}: {}",
                    command.name, answer.body
                );
            }
        }
    }
    // The routes scripts use are commands too.
    let answer = team.request("GET", "/api/info", &[], "");
    assert_eq!(answer.status, 401);
    let answer = team.post("/api/search", None, r#"{"query":"mat"}"#);
    assert_eq!(answer.status, 401);
    let answer = team.post(
        "/api/export",
        None,
        r#"{"ids":[],"options":{"format":"md"}}"#,
    );
    assert_eq!(answer.status, 401);
}

#[test]
fn a_post_from_another_origin_or_without_one_is_refused() {
    let t = team_library();
    let team = Team::start(&t, &[]);
    let session = team.login("redigera");
    let cookie = format!("exempelbank_session={session}");
    let body = r#"{"name":"Främmande lista"}"#;
    let answer = team.request(
        "POST",
        "/api/rpc/create_list",
        &[
            ("content-type", "application/json"),
            ("origin", "http://angripare.example"),
            ("cookie", &cookie),
        ],
        body,
    );
    assert_eq!(answer.status, 403, "{}", answer.body);
    let answer = team.request(
        "POST",
        "/api/rpc/create_list",
        &[("content-type", "application/json"), ("cookie", &cookie)],
        body,
    );
    assert_eq!(answer.status, 403, "no Origin: {}", answer.body);
    // A login from another origin (login CSRF) is refused as well.
    let answer = team.request(
        "POST",
        "/api/login",
        &[
            ("content-type", "application/json"),
            ("origin", "http://angripare.example"),
        ],
        &json!({"name": "läsa", "password": PASSWORD}).to_string(),
    );
    assert_eq!(answer.status, 403);
    assert!(t.open().lists().unwrap().is_empty(), "nothing was written");
}

#[test]
fn a_session_ends_at_logout_and_at_a_password_change_or_reset() {
    let t = team_library();
    let team = Team::start(&t, &[]);
    let info = |session: &str| team.rpc(Some(session), "library_info", json!({})).status;

    let session = team.login("läsa");
    assert_eq!(info(&session), 200);
    let answer = team.post("/api/logout", Some(&session), "{}");
    assert_eq!(answer.status, 200);
    assert!(answer.set_cookie.unwrap().contains("Max-Age=0"));
    assert_eq!(info(&session), 401, "the cookie from before the logout");

    // A change of one's own password keeps the session that made it and ends the others.
    let here = team.login("skriva");
    let elsewhere = team.login("skriva");
    let change = json!({"old_password": PASSWORD, "new_password": "ett nytt långt lösenord"});
    let answer = team.post("/api/password", Some(&here), &change.to_string());
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_eq!(info(&here), 200);
    assert_eq!(info(&elsewhere), 401, "a session from before the change");
    assert_eq!(
        team.login_answer("skriva", PASSWORD).status,
        401,
        "the old password"
    );

    // A reset by a redaktör ends every session of the account.
    let editor = team.login("redigera");
    let reset = json!({"name": "skriva", "password": "ett tredje långt lösenord"});
    let answer = team.rpc(Some(&editor), "reset_password", reset);
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_eq!(info(&here), 401, "a session from before the reset");

    // So does disabling the account.
    let reader = team.login("läsa");
    let answer = team.rpc(
        Some(&editor),
        "set_account_disabled",
        json!({"name": "läsa", "disabled": true}),
    );
    assert_eq!(answer.status, 200);
    assert_eq!(info(&reader), 401);
    assert_eq!(team.login_answer("läsa", PASSWORD).status, 401);
}

#[test]
fn ten_wrong_passwords_slow_further_attempts_and_every_failure_looks_the_same() {
    let t = team_library();
    let team = Team::start(&t, &[]);
    let wrong_password = team.login_answer("granska", "fel lösenord nummer ett");
    let no_such_name = team.login_answer("ingen-sadan", "fel lösenord nummer ett");
    assert_eq!(wrong_password.status, 401);
    assert_eq!(wrong_password.body, no_such_name.body);
    for _ in 0..9 {
        team.login_answer("granska", "fel lösenord igen");
    }
    let answer = team.login_answer("granska", PASSWORD);
    assert_eq!(answer.status, 429, "{}", answer.body);
    assert!(answer.retry_after.is_some());
    assert!(
        answer.body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("försök igen om"),
        "{}",
        answer.body
    );
    assert!(answer.set_cookie.is_none());
}

#[test]
fn passwords_are_stored_as_argon2id_and_the_audit_log_has_logins_and_role_changes() {
    let t = team_library();
    {
        let team = Team::start(&t, &[]);
        team.login("läsa");
        team.login_answer("läsa", "inte lösenordet alls");
        let editor = team.login("redigera");
        let answer = team.rpc(
            Some(&editor),
            "set_account_role",
            json!({"name": "läsa", "role": "skribent"}),
        );
        assert_eq!(answer.status, 200, "{}", answer.body);
        assert_eq!(answer.body["role"], "skribent");
        let log = team.rpc(Some(&editor), "audit_log", json!({}));
        let events: Vec<(String, String)> = log
            .body
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                (
                    e["event"].as_str().unwrap().to_owned(),
                    e["actor"].as_str().unwrap().to_owned(),
                )
            })
            .collect();
        for expected in [
            ("role_changed", "redigera"),
            ("login", "redigera"),
            ("login_failed", "läsa"),
            ("login", "läsa"),
        ] {
            assert!(
                events
                    .iter()
                    .any(|(e, a)| (e.as_str(), a.as_str()) == expected),
                "{expected:?} in {events:?}"
            );
        }
        let changed = log.body.as_array().unwrap()[0].clone();
        assert_eq!(changed["event"], "role_changed");
        assert_eq!(changed["detail"], "läsa: läsare → skribent");
        assert_eq!(changed["address"], "");
        let login = log
            .body
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["event"] == "login")
            .unwrap()
            .clone();
        assert_eq!(login["address"], "127.0.0.1");
    }
    let db = rusqlite::Connection::open(t.dir().join("library.sqlite3")).unwrap();
    let hashes: Vec<String> = db
        .prepare("SELECT password_hash FROM accounts")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(hashes.len(), 4);
    assert!(
        hashes
            .iter()
            .all(|h| h.starts_with("$argon2id$v=19$m=19456,t=2,p=1$")),
        "{hashes:?}"
    );
    let sessions: Vec<String> = db
        .prepare("SELECT token_hash FROM sessions")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert!(sessions.iter().all(|h| h.len() == 64), "{sessions:?}");
    let out = t.cli(&["account", "log", "--json"]).ok().json();
    assert!(
        out.as_array()
            .unwrap()
            .iter()
            .any(|e| e["event"] == "role_changed")
    );
}

/// The workflow by role: a skribent writes and sends to review but cannot publish; a
/// granskare publishes; the history names the accounts.
#[test]
fn roles_follow_the_workflow_and_the_history_names_the_accounts() {
    let t = team_library();
    let team = Team::start(&t, &[]);
    let writer = team.login("skriva");
    let reviewer = team.login("granska");
    let entry = json!({"entry": {"kind": "exempel", "title": "Teamets gemensamma utkast"}});
    let created = team.rpc(Some(&writer), "create_entry", entry);
    assert_eq!(created.status, 200, "{}", created.body);
    let id = created.body["id"].as_str().unwrap().to_owned();

    let published =
        json!({"entry": {"kind": "exempel", "title": "Direkt publicerad", "status": "publicerad"}});
    assert_eq!(
        team.rpc(Some(&writer), "create_entry", published).status,
        403
    );
    let publish = json!({"id": id, "status": "publicerad", "comment": ""});
    let review = json!({"id": id, "status": "granskning", "comment": ""});
    assert_eq!(team.rpc(Some(&writer), "set_status", review).status, 200);
    let moves = team.rpc(Some(&writer), "transitions", json!({"id": id}));
    assert_eq!(moves.body, json!([]), "a skribent has no move from review");
    let answer = team.rpc(Some(&writer), "set_status", publish.clone());
    assert_eq!(answer.status, 403, "{}", answer.body);
    let answer = team.rpc(Some(&reviewer), "set_status", publish);
    assert_eq!(answer.status, 200, "{}", answer.body);
    // A published entry is the reviewer's to change.
    let edit = json!({
        "id": id,
        "entry": {"kind": "exempel", "title": "Ändrad av skribenten"},
        "expectedRevision": 3
    });
    assert_eq!(team.rpc(Some(&writer), "update_entry", edit).status, 403);

    let history = team.rpc(Some(&reviewer), "history", json!({"id": id}));
    let authors: Vec<&str> = history
        .body
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["by"].as_str().unwrap())
        .collect();
    assert_eq!(authors, ["skriva", "skriva", "granska"]);
}

/// Two curators edit the same entry from the same revision: the second gets a conflict,
/// never a silent overwrite.
#[test]
fn two_curators_editing_the_same_entry_get_a_conflict() {
    let t = team_library();
    let team = Team::start(&t, &[]);
    let one = team.login("granska");
    let two = team.login("redigera");
    let id = "orebro-gemensam-testbadd-valfardsteknik-e-halsa";
    let current = team.rpc(Some(&one), "get_entry", json!({"id": id})).body;
    let revision = current["revision"].as_u64().unwrap();
    let mut first = current.clone();
    first["title"] = json!("Första redaktörens rubrik");
    let mut second = current.clone();
    second["title"] = json!("Andra redaktörens rubrik");
    let edit = |session: &str, entry: &Value| {
        team.rpc(
            Some(session),
            "update_entry",
            json!({"id": id, "entry": entry, "expectedRevision": revision}),
        )
    };
    assert_eq!(edit(&one, &first).status, 200);
    let answer = edit(&two, &second);
    assert_eq!(answer.status, 409, "{}", answer.body);
    assert_eq!(t.open().get(id).unwrap().title, "Första redaktörens rubrik");
}

#[test]
fn public_lets_anyone_read_published_entries_and_nothing_more() {
    let t = team_library();
    let team = Team::start(&t, &["--public"]);
    let answer = team.post("/api/search", None, r#"{"query":"livsmedel"}"#);
    assert_eq!(answer.status, 200);
    assert!(answer.body["total"].as_u64().unwrap() > 0);
    let answer = team.rpc(None, "list_entries", json!({}));
    assert_eq!(answer.status, 403);
    let session = team.request("GET", "/api/session", &[], "");
    assert_eq!(session.body["mode"], "team");
    assert_eq!(session.body["public"], true);
    assert_eq!(session.body["access"], "read");
}

#[test]
fn team_refuses_to_start_without_an_account() {
    let t = TestLibrary::starter();
    let out = t.cli(&["serve", "--team", "--addr", "127.0.0.1:0"]);
    assert_eq!(out.code(), 1);
    assert!(out.stderr().contains("account add"), "{}", out.stderr());
}

#[test]
fn an_account_needs_a_long_enough_password_and_a_known_role() {
    let t = TestLibrary::starter();
    let short = t.file("kort.txt", "kort");
    let out = t.cli(&[
        "account",
        "add",
        "Anna",
        "--role",
        "skribent",
        "--password-file",
        &short,
    ]);
    assert_eq!(out.code(), 1);
    assert!(out.stderr().contains("minst 10 tecken"), "{}", out.stderr());
    let long = t.file("langt.txt", PASSWORD);
    let out = t.cli(&[
        "account",
        "add",
        "Anna",
        "--role",
        "chef",
        "--password-file",
        &long,
    ]);
    assert_eq!(out.code(), 1);
    assert!(
        out.stderr().contains("okänd roll \"chef\""),
        "{}",
        out.stderr()
    );
    assert!(t.open().accounts().unwrap().is_empty());
    t.cli(&[
        "account",
        "add",
        "Anna",
        "--role",
        "redaktor",
        "--password-file",
        &long,
    ])
    .ok();
    let out = t.cli(&[
        "account",
        "add",
        "anna",
        "--role",
        "läsare",
        "--password-file",
        &long,
    ]);
    assert_eq!(out.code(), 1, "the name is taken, whatever the case");
    let list = t.cli(&["account", "list", "--json"]).ok().json();
    assert_eq!(list[0]["role"], "redaktör");
}

#[test]
fn tls_serves_https_and_the_session_cookie_is_secure() {
    let t = team_library();
    let certified = rcgen::generate_simple_self_signed(vec!["127.0.0.1".to_owned()]).unwrap();
    let cert = t.file("cert.pem", &certified.cert.pem());
    let key = t.file("key.pem", &certified.signing_key.serialize_pem());
    let root = ureq::tls::Certificate::from_der(certified.cert.der()).to_owned();
    let agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .tls_config(
            ureq::tls::TlsConfig::builder()
                .root_certs(ureq::tls::RootCerts::Specific(std::sync::Arc::new(vec![
                    root,
                ])))
                .build(),
        )
        .build()
        .new_agent();
    let team = Team::start_with_agent(&t, &["--tls-cert", &cert, "--tls-key", &key], agent);
    assert!(team.base.starts_with("https://127.0.0.1:"), "{}", team.base);
    let answer = team.login_answer("granska", PASSWORD);
    assert_eq!(answer.status, 200, "{}", answer.body);
    let cookie = answer.set_cookie.unwrap();
    assert!(cookie.contains("; Secure"), "{cookie}");
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"));
    let session = session_token(&cookie);
    assert_eq!(
        team.rpc(Some(&session), "list_entries", json!({})).status,
        200
    );
}

#[test]
fn an_open_address_without_tls_gets_a_warning() {
    let t = team_library();
    let mut child = Command::new(env!("CARGO_BIN_EXE_exempelbank"))
        .arg("--library")
        .arg(t.dir())
        .args(["serve", "--team", "--addr", "0.0.0.0:0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stderr.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let _ = child.kill();
    let _ = child.wait();
    assert!(line.contains("utan TLS"), "{line}");
}

/// Guesses spread over many names from one address are slowed too, after more of them than
/// for one name (an office may share an address), and a valid login of another account in
/// between does not forgive them.
#[test]
fn guesses_at_many_names_from_one_address_are_slowed() {
    let t = team_library();
    let team = Team::start(&t, &[]);
    for i in 0..30 {
        let answer = team.login_answer(&format!("namn-{i}"), "en gissning");
        assert_eq!(answer.status, 401, "guess {i}: {}", answer.body);
        if i == 15 {
            team.login("läsa");
        }
    }
    let answer = team.login_answer("namn-30", "en gissning");
    assert_eq!(answer.status, 429, "{}", answer.body);
}

/// A redaktör in the browser saves a bundle as a download and another team library opens
/// it as an upload: a dry run first, then the import; a skribent may do neither.
#[test]
fn bundles_go_out_as_downloads_and_come_in_as_uploads() {
    let from = team_library();
    let to = team_library();
    let sender = Team::start(&from, &[]);
    let receiver = Team::start(&to, &[]);
    let editor = sender.login("redigera");
    let writer = sender.login("skriva");
    let url = format!("{}/api/bundle", sender.base);
    let download = |session: &str| {
        sender
            .agent
            .post(&url)
            .header("content-type", "application/json")
            .header("origin", &sender.base)
            .header("cookie", &format!("exempelbank_session={session}"))
            .send(r#"{"query":"livsmedel"}"#)
            .unwrap()
    };
    assert_eq!(download(&writer).status().as_u16(), 403);
    let mut res = download(&editor);
    assert_eq!(res.status().as_u16(), 200);
    assert_eq!(res.headers()["content-type"], "application/zip");
    let bytes = res.body_mut().read_to_vec().unwrap();
    assert!(bytes.starts_with(b"PK"), "a zip file");

    let editor = receiver.login("redigera");
    let upload = |dry_run: bool, trust: bool| {
        receiver.rpc(
            Some(&editor),
            "import_bundle",
            json!({"name": "paket.zip", "bytes": bytes, "dryRun": dry_run, "trust": trust}),
        )
    };
    let answer = upload(true, false);
    assert_eq!(answer.status, 409, "an unknown signer: {}", answer.body);
    let before = to.open().list(None).unwrap().len();
    let answer = upload(true, true);
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_eq!(answer.body["dry_run"], true);
    assert_eq!(
        to.open().list(None).unwrap().len(),
        before,
        "a dry run writes nothing"
    );
    let answer = upload(false, true);
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_eq!(answer.body["applied"], true);
    // A browser elsewhere learns no path on the server's disk.
    let backup = answer.body["backup"].as_str().expect("a backup was made");
    assert!(
        backup.starts_with("fore-") && !backup.contains('/'),
        "{backup}"
    );
    let info = receiver.rpc(Some(&editor), "library_info", json!({}));
    assert_eq!(info.body["dir"], "", "{}", info.body);
    let broken = receiver.rpc(
        Some(&editor),
        "import_bundle",
        json!({"name": "trasigt.zip", "bytes": [80, 75, 1, 2], "dryRun": true}),
    );
    let message = broken.body["error"]["message"].as_str().unwrap();
    assert!(
        message.contains("trasigt.zip") && !message.contains('/'),
        "{message}"
    );
    let writer = receiver.login("skriva");
    let answer = receiver.rpc(
        Some(&writer),
        "import_bundle",
        json!({"name": "paket.zip", "bytes": [], "dryRun": true}),
    );
    assert_eq!(answer.status, 403);
}

/// Under `--team` the server takes uploads of 256 MB from a writer; a reader (or anyone,
/// with `--public`) may send only a reader's 4 MB.
#[test]
fn a_reader_may_not_send_a_writers_upload() {
    let t = team_library();
    let team = Team::start(&t, &["--public"]);
    let big = format!(r#"{{"query":"{}"}}"#, "a".repeat(5 * 1024 * 1024));
    let answer = team.post("/api/search", None, &big);
    assert_eq!(answer.status, 413, "{}", answer.body);
    let reader = team.login("läsa");
    assert_eq!(team.post("/api/search", Some(&reader), &big).status, 413);
    let writer = team.login("skriva");
    let answer = team.post("/api/search", Some(&writer), &big);
    assert_eq!(
        answer.status, 400,
        "read, and refused as too long a query: {}",
        answer.body
    );
}
