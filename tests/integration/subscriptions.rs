//! Subscriptions: a library follows another's feed (`serve`'s `GET /api/feed`, or a folder
//! that `bundle publish` writes) with the CLI, offline between pulls, through the real binary
//! and real HTTP on loopback. Sources that lie, break off or hang are a proxy in front of the
//! real server.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::{Value, json};

use crate::team::{Team, team_library};
use crate::util::{TestLibrary, full_entry_json, start_serve};

/// The fingerprint `exempelbank key --json` prints for a library.
fn fingerprint(t: &TestLibrary) -> String {
    t.cli(&["key", "--json"]).ok().json()["fingerprint"]
        .as_str()
        .unwrap()
        .to_owned()
}

fn subscribe(subscriber: &TestLibrary, source: &str, trusted: &str) {
    subscriber
        .cli(&["subscribe", "add", source, "--trust", trusted])
        .ok();
}

/// `subscribe pull --json` for every subscription: the exit code and the reports.
fn pull(subscriber: &TestLibrary, extra: &[&str]) -> (i32, Vec<Value>) {
    let out = subscriber.cli(&[&["--json", "subscribe", "pull"], extra].concat());
    let reports: Vec<Value> = serde_json::from_str(&out.stdout()).unwrap_or_else(|_| {
        panic!("pull prints JSON: {} {}", out.stdout(), out.stderr());
    });
    (out.code(), reports)
}

fn entry(t: &TestLibrary, id: &str) -> Value {
    t.cli(&["show", id, "--json"]).ok().json()
}

fn search_ids(t: &TestLibrary, words: &str) -> Vec<String> {
    t.cli(&["search", words, "--json", "--all"]).ok().json()["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["id"].as_str().unwrap().to_owned())
        .collect()
}

/// A free port on loopback, for a server that must come back at the same address.
fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

#[test]
fn a_subscriber_follows_a_team_server_offline_and_through_its_changes() {
    let server = team_library();
    server.cli(&["key", "--name", "Regionens exempelbank"]).ok();
    let addr = format!("127.0.0.1:{}", free_port());
    let team = Team::start(&server, &["--public", "--addr", &addr]);
    let subscriber = TestLibrary::empty();
    subscribe(&subscriber, &team.base, &fingerprint(&server));

    let (code, reports) = pull(&subscriber, &[]);
    assert_eq!(code, 0, "{reports:?}");
    let published = server
        .cli(&["list", "--status", "publicerad", "--json"])
        .ok()
        .json();
    let published = published.as_array().unwrap().len();
    assert_eq!(reports[0]["new"], published);
    assert_eq!(
        reports[0]["message"],
        format!("{published} nya exempel från Regionens exempelbank")
    );

    // Offline: the server is gone, the copy is not.
    drop(team);
    let found = search_ids(&subscriber, "livsmedelsförsörjning");
    assert!(found.contains(&"sodertalje-hallbar-livsmedelsforsorjning".to_owned()));
    let (code, reports) = pull(&subscriber, &[]);
    assert_eq!(code, 1);
    assert_eq!(reports[0]["reached"], false);
    assert!(
        reports[0]["problem"]
            .as_str()
            .unwrap()
            .contains("inget hämtades"),
        "{reports:?}"
    );
    let listed = subscriber.cli(&["--json", "subscribe", "list"]).ok().json();
    assert!(listed[0]["last_success"].is_string());
    assert_ne!(listed[0]["last_problem"], "");

    // Meanwhile, a local edit of one entry here.
    let ids: Vec<String> = subscriber
        .cli(&["list", "--json"])
        .ok()
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap().to_owned())
        .collect();
    let (edited, archived) = (&ids[0], &ids[1]);
    let mut local = entry(&subscriber, edited);
    local["summary"] = json!("En lokal sammanfattning som prenumeranten skrev själv.");
    let file = subscriber.file("lokal.json", &local.to_string());
    subscriber.cli(&["edit", edited, &file]).ok();

    // The server comes back at its address: one entry more, one archived, the edited one
    // changed there too.
    let team = Team::start(&server, &["--public", "--addr", &addr]);
    let session = team.login("redigera");
    let created = team.rpc(
        Some(&session),
        "create_entry",
        json!({ "entry": serde_json::from_str::<Value>(&full_entry_json()).unwrap() }),
    );
    assert_eq!(created.status, 200, "{}", created.body);
    let new_id = created.body["id"].as_str().unwrap().to_owned();
    let moved = team.rpc(
        Some(&session),
        "set_status",
        json!({ "id": archived, "status": "arkiverad" }),
    );
    assert_eq!(moved.status, 200, "{}", moved.body);
    let mut theirs = team
        .rpc(Some(&session), "get_entry", json!({ "id": edited }))
        .body;
    let revision = theirs["revision"].clone();
    theirs["title"] = json!(format!("{} (reviderad)", theirs["title"].as_str().unwrap()));
    let updated = team.rpc(
        Some(&session),
        "update_entry",
        json!({ "id": edited, "entry": theirs, "expectedRevision": revision }),
    );
    assert_eq!(updated.status, 200, "{}", updated.body);

    let (code, reports) = pull(&subscriber, &[]);
    assert_eq!(code, 0, "{reports:?}");
    assert_eq!(
        (
            &reports[0]["new"],
            &reports[0]["withdrawn"],
            &reports[0]["kept_for_review"]
        ),
        (&json!(1), &json!(1), &json!(1)),
        "{reports:?}"
    );
    assert_eq!(entry(&subscriber, &new_id)["status"], "publicerad");
    assert_eq!(entry(&subscriber, archived)["status"], "arkiverad");
    let kept = entry(&subscriber, edited);
    assert_eq!(
        kept["summary"],
        "En lokal sammanfattning som prenumeranten skrev själv."
    );
    let waiting = subscriber
        .cli(&["--json", "bundle", "incoming"])
        .ok()
        .json();
    assert_eq!(waiting[0]["id"], edited.as_str());
    // Where entries came from is recorded, and search can be narrowed to it.
    let origin = subscriber.open().origin(&new_id).unwrap().unwrap();
    assert_eq!(origin.source, "Regionens exempelbank");
    let from_source = subscriber
        .cli(&["search", "", "--source", "Regionens exempelbank", "--json"])
        .ok()
        .json();
    assert!(from_source["total"].as_u64().unwrap() >= published as u64);
    // The attachment came along and its text is searchable offline.
    drop(team);
    assert!(search_ids(&subscriber, "nattillsyn").contains(&new_id));
}

#[test]
fn an_unchanged_feed_answers_not_modified_with_no_body() {
    let server = TestLibrary::starter();
    let (mut child, link) = start_serve(&server, &[]);
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let url = format!("{link}api/feed?since=0");
    let first = agent.get(&url).call().unwrap();
    assert_eq!(first.status(), 200);
    let tag = first.headers()["etag"].to_str().unwrap().to_owned();
    let cursor = first.headers()["x-exempelbank-cursor"]
        .to_str()
        .unwrap()
        .to_owned();
    let again = agent
        .get(format!("{link}api/feed?since={cursor}"))
        .header("If-None-Match", &tag)
        .call()
        .unwrap();
    assert_eq!(again.status(), 304);
    assert_eq!(again.headers()["etag"], tag.as_str());
    let _ = child.kill();
    let _ = child.wait();
}

/// What a [`Proxy`] does with the feed's answers.
#[derive(Clone, Copy, PartialEq)]
enum Mode {
    Pass,
    /// Sends this many bytes of each feed answer, then hangs up.
    Truncate(usize),
    /// Accepts and never answers.
    Hang,
    /// Answers every feed request with the bytes of another file.
    Replace,
}

/// A proxy on loopback in front of a real server, that passes `feed/info` through and
/// treats feed answers by its mode.
struct Proxy {
    base: String,
    mode: Arc<Mutex<Mode>>,
    replacement: Arc<Mutex<Vec<u8>>>,
    feed_requests: Arc<AtomicUsize>,
}

impl Proxy {
    fn start(upstream: &str) -> Proxy {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let upstream = upstream
            .trim_start_matches("http://")
            .trim_end_matches('/')
            .to_owned();
        let mode = Arc::new(Mutex::new(Mode::Pass));
        let replacement = Arc::new(Mutex::new(Vec::new()));
        let feed_requests = Arc::new(AtomicUsize::new(0));
        let (m, r, n) = (mode.clone(), replacement.clone(), feed_requests.clone());
        std::thread::spawn(move || {
            for client in listener.incoming() {
                let Ok(client) = client else { continue };
                let (upstream, m, r, n) = (upstream.clone(), m.clone(), r.clone(), n.clone());
                std::thread::spawn(move || relay(client, &upstream, &m, &r, &n));
            }
        });
        Proxy {
            base,
            mode,
            replacement,
            feed_requests,
        }
    }

    fn set(&self, mode: Mode) {
        *self.mode.lock().unwrap() = mode;
    }
}

fn relay(
    mut client: TcpStream,
    upstream: &str,
    mode: &Mutex<Mode>,
    replacement: &Mutex<Vec<u8>>,
    feed_requests: &AtomicUsize,
) {
    let mut request = Vec::new();
    let mut buf = [0u8; 4096];
    while !request.windows(4).any(|w| w == b"\r\n\r\n") {
        match client.read(&mut buf) {
            Ok(0) | Err(_) => return,
            Ok(n) => request.extend_from_slice(&buf[..n]),
        }
    }
    let line = String::from_utf8_lossy(&request)
        .lines()
        .next()
        .unwrap_or("")
        .to_owned();
    let is_feed = line.starts_with("GET /api/feed?");
    let mode = if is_feed {
        feed_requests.fetch_add(1, Ordering::SeqCst);
        *mode.lock().unwrap()
    } else {
        Mode::Pass
    };
    match mode {
        Mode::Hang => {
            std::thread::sleep(Duration::from_secs(30));
        }
        Mode::Replace => {
            let body = replacement.lock().unwrap().clone();
            let head = format!(
                "HTTP/1.1 200 OK\r\ncontent-type: application/zip\r\ncontent-length: {}\r\n\
                 connection: close\r\n\r\n",
                body.len()
            );
            let _ = client.write_all(head.as_bytes());
            let _ = client.write_all(&body);
        }
        Mode::Pass | Mode::Truncate(_) => {
            // One request per connection: ask the server to close after answering.
            let text = String::from_utf8_lossy(&request)
                .replace("\r\n\r\n", "\r\nconnection: close\r\n\r\n");
            let mut server = TcpStream::connect(upstream).unwrap();
            server.write_all(text.as_bytes()).unwrap();
            let mut answer = Vec::new();
            let _ = server.read_to_end(&mut answer);
            if let Mode::Truncate(n) = mode {
                answer.truncate(n);
            }
            let _ = client.write_all(&answer);
        }
    }
}

#[test]
fn a_feed_that_is_cut_short_hangs_or_is_signed_by_another_key_writes_nothing() {
    let server = TestLibrary::starter();
    let (mut child, link) = start_serve(&server, &[]);
    let proxy = Proxy::start(&link);
    let subscriber = TestLibrary::empty();
    subscribe(&subscriber, &proxy.base, &fingerprint(&server));
    let before = subscriber.digest();

    proxy.set(Mode::Truncate(3_000));
    let (code, reports) = pull(&subscriber, &[]);
    assert_eq!(code, 1);
    let problem = reports[0]["problem"].as_str().unwrap();
    assert!(problem.contains("avbröts"), "{problem}");
    assert!(problem.contains("inget hämtades"), "{problem}");
    assert_eq!(subscriber.digest(), before);

    proxy.set(Mode::Hang);
    let (code, reports) = pull(&subscriber, &["--timeout", "2"]);
    assert_eq!(code, 1);
    let problem = reports[0]["problem"].as_str().unwrap();
    assert!(problem.contains("svarade inte inom 2 s"), "{problem}");
    assert_eq!(subscriber.digest(), before);

    // Another library's delta, validly signed by its own key, in place of the source's.
    let other = TestLibrary::starter();
    let folder = other.dir().parent().unwrap().join("flode");
    other
        .cli(&["bundle", "publish", &folder.to_string_lossy()])
        .ok();
    *proxy.replacement.lock().unwrap() = std::fs::read(folder.join("since-0.zip")).unwrap();
    proxy.set(Mode::Replace);
    let (code, reports) = pull(&subscriber, &[]);
    assert_eq!(code, 1);
    let problem = reports[0]["problem"].as_str().unwrap();
    assert!(problem.contains("annan nyckel"), "{problem}");
    assert_eq!(subscriber.digest(), before);
    // The subscriber works offline throughout, and a good pull afterwards brings it all.
    assert_eq!(subscriber.cli(&["check"]).code(), 0);
    proxy.set(Mode::Pass);
    let (code, reports) = pull(&subscriber, &[]);
    assert_eq!(code, 0, "{reports:?}");
    assert!(reports[0]["new"].as_u64().unwrap() > 10);
    // And the next pull is answered "not modified".
    let requests = proxy.feed_requests.load(Ordering::SeqCst);
    let (_, reports) = pull(&subscriber, &[]);
    assert_eq!(reports[0]["new"], 0);
    assert_eq!(proxy.feed_requests.load(Ordering::SeqCst), requests + 1);
    let _ = child.kill();
    let _ = child.wait();
}

#[test]
fn a_folder_feed_carries_only_what_changed_and_withdrawals() {
    let source = TestLibrary::starter();
    let folder = source.dir().parent().unwrap().join("delad-mapp");
    let folder = folder.to_string_lossy().into_owned();
    let first = source
        .cli(&["--json", "bundle", "publish", &folder])
        .ok()
        .json();
    assert_eq!(first["written"], true);
    let unchanged = source
        .cli(&["--json", "bundle", "publish", &folder])
        .ok()
        .json();
    assert_eq!(unchanged["written"], false);

    let subscriber = TestLibrary::empty();
    subscribe(&subscriber, &folder, &fingerprint(&source));
    let (code, reports) = pull(&subscriber, &[]);
    assert_eq!(code, 0, "{reports:?}");
    assert_eq!(reports[0]["new"], first["published"]);

    let withdrawn = "innovationsguiden";
    source.cli(&["status", withdrawn, "arkiverad"]).ok();
    let file = source.file("ny.json", &full_entry_json());
    let added = source.cli(&["add", &file, "--json"]).ok().json();
    let second = source
        .cli(&["--json", "bundle", "publish", &folder])
        .ok()
        .json();
    assert_eq!(
        (&second["entries"], &second["withdrawn"]),
        (&json!(1), &json!(1))
    );

    let (code, reports) = pull(&subscriber, &[]);
    assert_eq!(code, 0, "{reports:?}");
    assert_eq!(
        (&reports[0]["new"], &reports[0]["withdrawn"]),
        (&json!(1), &json!(1))
    );
    assert_eq!(entry(&subscriber, withdrawn)["status"], "arkiverad");
    let new_id = added["rows"][0]["id"].as_str().unwrap();
    assert_eq!(entry(&subscriber, new_id)["status"], "publicerad");
    let (_, reports) = pull(&subscriber, &[]);
    let name = reports[0]["name"].as_str().unwrap();
    assert_eq!(reports[0]["message"], format!("Inget nytt från {name}"));
}

#[test]
fn two_subscriptions_with_the_same_entry_do_not_fight() {
    // The first source's entries come first; a second library that carries them (it
    // imported them and changed one) is another signer: its version waits for review.
    let first = TestLibrary::starter();
    let second = TestLibrary::empty();
    let bundle = first.dir().parent().unwrap().join("paket.zip");
    first
        .cli(&["bundle", "create", "--out", &bundle.to_string_lossy()])
        .ok();
    second
        .cli(&["bundle", "import", &bundle.to_string_lossy(), "--trust"])
        .ok();
    let id = "innovationsbarometern";
    // The first source's revision number of the entry comes to pass the second's: numbers
    // from two signers are not comparable (a regression: the second's version was dropped
    // as "already received").
    for n in 1..=3 {
        let mut ours = entry(&first, id);
        ours["summary"] = json!(format!("Den första källans sammanfattning, version {n}."));
        let file = first.file("forsta.json", &ours.to_string());
        first.cli(&["edit", id, &file]).ok();
    }
    let mut theirs = entry(&second, id);
    theirs["summary"] = json!("Den andra källans egen sammanfattning.");
    let file = second.file("andra.json", &theirs.to_string());
    second.cli(&["edit", id, &file]).ok();
    let publish = |t: &TestLibrary, name: &str| {
        let dir = t.dir().parent().unwrap().join(name);
        t.cli(&["bundle", "publish", &dir.to_string_lossy()]).ok();
        dir.to_string_lossy().into_owned()
    };
    let (one, two) = (publish(&first, "forsta"), publish(&second, "andra"));

    let subscriber = TestLibrary::empty();
    subscriber
        .cli(&[
            "subscribe",
            "add",
            &one,
            "--name",
            "Första",
            "--trust",
            &fingerprint(&first),
        ])
        .ok();
    subscriber
        .cli(&[
            "subscribe",
            "add",
            &two,
            "--name",
            "Andra",
            "--trust",
            &fingerprint(&second),
        ])
        .ok();
    let (code, reports) = pull(&subscriber, &["Första"]);
    assert_eq!(code, 0, "{reports:?}");
    let (code, reports) = pull(&subscriber, &["Andra"]);
    assert_eq!(code, 0, "{reports:?}");
    assert_eq!(reports[0]["new"], 0);
    assert_eq!(reports[0]["kept_for_review"], 1, "{reports:?}");
    assert_ne!(entry(&subscriber, id)["summary"], theirs["summary"]);
    let origin = subscriber.open().origin(id).unwrap().unwrap();
    assert_eq!(origin.source, "Första");

    // Removing a subscription asks; --remove-entries moves what came from it to the trash.
    let refused = subscriber.cli(&["subscribe", "remove", "Första"]);
    assert_eq!(refused.code(), 1);
    assert!(
        refused.stderr().contains("--keep-entries"),
        "{}",
        refused.stderr()
    );
    let removed = subscriber
        .cli(&[
            "--json",
            "subscribe",
            "remove",
            "Första",
            "--remove-entries",
        ])
        .ok()
        .json();
    assert!(removed["trashed"].as_u64().unwrap() > 10);
    assert_eq!(subscriber.cli(&["list", "--json"]).ok().json(), json!([]));
    let kept = subscriber
        .cli(&["--json", "subscribe", "remove", "Andra", "--keep-entries"])
        .ok()
        .json();
    assert_eq!(kept["trashed"], 0);
    assert_eq!(
        subscriber.cli(&["--json", "subscribe", "list"]).ok().json(),
        json!([])
    );
}

#[test]
fn a_fingerprint_that_is_not_the_sources_is_refused_and_nothing_is_saved() {
    let source = TestLibrary::starter();
    let folder = source.dir().parent().unwrap().join("mapp");
    source
        .cli(&["bundle", "publish", &folder.to_string_lossy()])
        .ok();
    let subscriber = TestLibrary::empty();
    let wrong = fingerprint(&subscriber);
    let out = subscriber.cli(&[
        "subscribe",
        "add",
        &folder.to_string_lossy(),
        "--trust",
        &wrong,
    ]);
    assert_eq!(out.code(), 1);
    assert!(
        out.stderr().contains("fingeravtrycket stämmer inte"),
        "{}",
        out.stderr()
    );
    assert_eq!(
        subscriber.cli(&["--json", "subscribe", "list"]).ok().json(),
        json!([])
    );
    let own = subscriber.dir().parent().unwrap().join("egen");
    subscriber
        .cli(&["bundle", "publish", &own.to_string_lossy()])
        .ok();
    let out = subscriber.cli(&[
        "subscribe",
        "add",
        &own.to_string_lossy(),
        "--trust",
        &wrong,
    ]);
    assert!(
        out.stderr().contains("det här biblioteket självt"),
        "{}",
        out.stderr()
    );
}

#[test]
fn following_a_library_again_under_another_name_adopts_the_entries_kept_from_it() {
    let source = TestLibrary::starter();
    let folder = source.dir().parent().unwrap().join("mapp");
    let folder = folder.to_string_lossy().into_owned();
    source.cli(&["bundle", "publish", &folder]).ok();
    let subscriber = TestLibrary::empty();
    let trusted = fingerprint(&source);
    let follow = |name: &str| {
        subscriber
            .cli(&[
                "subscribe",
                "add",
                &folder,
                "--name",
                name,
                "--trust",
                &trusted,
            ])
            .ok();
    };
    follow("Gamla namnet");
    let (_, reports) = pull(&subscriber, &[]);
    let received = reports[0]["new"].as_u64().unwrap();
    subscriber
        .cli(&["subscribe", "remove", "Gamla namnet", "--keep-entries"])
        .ok();
    follow("Nya namnet");
    let listed = subscriber.cli(&["--json", "subscribe", "list"]).ok().json();
    assert_eq!(listed[0]["entries"], received);
    let found = subscriber
        .cli(&["search", "", "--source", "Nya namnet", "--json"])
        .ok()
        .json();
    assert_eq!(found["total"], received);
}

#[test]
fn a_folder_whose_delta_for_the_cursor_is_gone_is_refused_not_restarted() {
    // Taking the whole feed again would keep what the source withdrew meanwhile.
    let source = TestLibrary::starter();
    let folder = source.dir().parent().unwrap().join("mapp");
    let folder_text = folder.to_string_lossy().into_owned();
    source.cli(&["bundle", "publish", &folder_text]).ok();
    let subscriber = TestLibrary::empty();
    subscribe(&subscriber, &folder_text, &fingerprint(&source));
    let (code, _) = pull(&subscriber, &[]);
    assert_eq!(code, 0);
    let cursor = subscriber.cli(&["--json", "subscribe", "list"]).ok().json()[0]["cursor"]
        .as_u64()
        .unwrap();
    source
        .cli(&["status", "innovationsguiden", "arkiverad"])
        .ok();
    source.cli(&["bundle", "publish", &folder_text]).ok();
    std::fs::remove_file(folder.join(format!("since-{cursor}.zip"))).unwrap();
    let before = subscriber.digest();
    let (code, reports) = pull(&subscriber, &[]);
    assert_eq!(code, 1);
    let problem = reports[0]["problem"].as_str().unwrap();
    assert!(problem.contains("följ källan igen"), "{problem}");
    assert_eq!(subscriber.digest(), before);
}
