//! Load test of the team edition (`make bench-serve`): `serve --team` on a library of
//! 10 000 synthetic entries (marked so), over loopback, with 50 readers who search as people
//! type (a search every 250 ms while a word grows, then an entry page read for a second or
//! two) and 5 writers who edit entries (half of their edits on the same 20 entries, so that
//! some meet a newer revision and get the expected 409). Prints searches per second, search
//! and entry-page latency while the writers write, every HTTP answer by status, and whether
//! every acknowledged write is in the library afterwards.
//!
//! The clients run in this process, on the same two cores as the server: to model people on
//! other machines, their threads run at a lower priority (`nice` LOAD_NICE, 10; 0 makes them
//! equal to the server's).
//!
//! env: LOAD_SECONDS (60), LOAD_ENTRIES (10 000), LOAD_READERS (50), LOAD_WRITERS (5),
//! LOAD_NICE (10).

#[path = "../../library/benches/common/synthetic.rs"]
mod synthetic;

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use exempelbank_serve as serve;
use library::{Contents, Library};
use model::account::Role;
use serde_json::{Value, json};
use synthetic::{Rng, synthetic, vocabulary};

const PASSWORD: &str = "lasttestens lösenord";

fn env(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// One client's view of the server: its own agent and session.
struct Client {
    agent: ureq::Agent,
    base: String,
    cookie: String,
}

impl Client {
    fn login(base: &str, name: &str) -> Client {
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(30)))
            .build()
            .new_agent();
        let mut res = agent
            .post(format!("{base}/api/login"))
            .header("content-type", "application/json")
            .header("origin", base)
            .send(json!({"name": name, "password": PASSWORD}).to_string())
            .expect("login");
        assert_eq!(res.status().as_u16(), 200, "login {name}");
        let cookie = res
            .headers()
            .get("set-cookie")
            .and_then(|v| v.to_str().ok())
            .and_then(|c| c.split(';').next())
            .expect("a session cookie")
            .to_owned();
        let _ = res.body_mut().read_to_string();
        Client {
            agent,
            base: base.to_owned(),
            cookie,
        }
    }

    /// A command; the status, the answer and how long it took.
    fn rpc(&self, command: &str, args: &Value) -> (u16, Value, Duration) {
        let start = Instant::now();
        let result = self
            .agent
            .post(format!("{}/api/rpc/{command}", self.base))
            .header("content-type", "application/json")
            .header("origin", &self.base)
            .header("cookie", &self.cookie)
            .send(args.to_string());
        match result {
            Ok(mut res) => {
                let status = res.status().as_u16();
                let body = res.body_mut().read_to_string().unwrap_or_default();
                let value = serde_json::from_str(&body).unwrap_or(Value::Null);
                (status, value, start.elapsed())
            }
            Err(_) => (0, Value::Null, start.elapsed()),
        }
    }
}

#[derive(Default)]
struct Tally {
    searches: Vec<Duration>,
    pages: Vec<Duration>,
    writes: Vec<Duration>,
    statuses: BTreeMap<(String, u16), usize>,
    /// (id, revision, marker) of every write the server acknowledged.
    acknowledged: Vec<(String, u64, String)>,
}

impl Tally {
    /// Adds one client's tally to this one.
    fn add(&mut self, other: Tally) {
        self.searches.extend(other.searches);
        self.pages.extend(other.pages);
        self.writes.extend(other.writes);
        self.acknowledged.extend(other.acknowledged);
        for (key, n) in other.statuses {
            *self.statuses.entry(key).or_default() += n;
        }
    }

    fn count(&mut self, command: &str, status: u16) {
        *self
            .statuses
            .entry((command.to_owned(), status))
            .or_default() += 1;
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    ms(sorted[((sorted.len() - 1) as f64 * p).round() as usize])
}

/// The prefixes of a query as its searches are sent while it is typed: from three
/// characters, every second character, and the whole query.
fn typed(query: &str) -> Vec<String> {
    let chars: Vec<char> = query.chars().collect();
    let mut out: Vec<String> = (3..chars.len())
        .step_by(2)
        .map(|n| chars[..n].iter().collect())
        .collect();
    out.push(query.to_owned());
    out
}

/// Lowers the calling thread's priority (Linux: `setpriority` on a thread id is per thread).
fn lower_priority() {
    let nice = env("LOAD_NICE", 10) as libc::c_int;
    // SAFETY: setpriority with PRIO_PROCESS and 0 changes only the calling thread's nice value.
    unsafe {
        libc::setpriority(libc::PRIO_PROCESS, 0, nice);
    }
}

fn reader(
    client: Client,
    words: Arc<Vec<String>>,
    seed: u64,
    stop: Arc<AtomicBool>,
    tally: Arc<Mutex<Tally>>,
) {
    lower_priority();
    let mut rng = Rng(seed);
    let mut local = Tally::default();
    while !stop.load(Ordering::Relaxed) {
        let mut query = words[rng.skewed(words.len().min(400))].clone();
        if rng.below(2) == 0 {
            query = format!("{query} {}", words[rng.skewed(words.len())]);
        }
        let mut first_hit = None;
        for prefix in typed(&query) {
            let (status, answer, took) =
                client.rpc("search", &json!({"query": prefix, "limit": 20}));
            local.count("search", status);
            if status == 200 {
                local.searches.push(took);
                first_hit = answer["hits"][0]["id"].as_str().map(str::to_owned);
            }
            std::thread::sleep(Duration::from_millis(250));
            if stop.load(Ordering::Relaxed) {
                break;
            }
        }
        if let Some(id) = first_hit {
            let (status, _, took) = client.rpc("get_entry", &json!({"id": id}));
            local.count("get_entry", status);
            if status == 200 {
                local.pages.push(took);
            }
        }
        std::thread::sleep(Duration::from_millis(1000 + rng.below(1000) as u64));
    }
    tally.lock().unwrap().add(local);
}

fn writer(
    client: Client,
    ids: Arc<Vec<String>>,
    seed: u64,
    stop: Arc<AtomicBool>,
    tally: Arc<Mutex<Tally>>,
) {
    lower_priority();
    let mut rng = Rng(seed);
    let mut local = Tally::default();
    let mut n = 0;
    while !stop.load(Ordering::Relaxed) {
        // Half the edits on the same 20 entries, so that writers meet.
        let id = if rng.below(2) == 0 {
            &ids[rng.below(20)]
        } else {
            &ids[rng.below(ids.len())]
        };
        let (status, mut entry, _) = client.rpc("get_entry", &json!({"id": id}));
        local.count("get_entry", status);
        if status != 200 {
            continue;
        }
        let revision = entry["revision"].as_u64().unwrap_or(0);
        // Someone edits for a while before saving.
        std::thread::sleep(Duration::from_millis(300 + rng.below(700) as u64));
        n += 1;
        let marker = format!("Lasttest skribent {seed} ändring {n}.");
        entry["summary"] = json!(format!(
            "{marker} {}",
            entry["summary"].as_str().unwrap_or("")
        ));
        let (status, saved, took) = client.rpc(
            "update_entry",
            &json!({"id": id, "entry": entry, "expectedRevision": revision}),
        );
        local.count("update_entry", status);
        local.writes.push(took);
        if status == 200 {
            local
                .acknowledged
                .push((id.clone(), saved["revision"].as_u64().unwrap_or(0), marker));
        }
    }
    tally.lock().unwrap().add(local);
}

/// The allocator of the binaries it stands for (see `crates/cli/src/main.rs`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let seconds = env("LOAD_SECONDS", 60);
    let n = env("LOAD_ENTRIES", 10_000);
    let readers = env("LOAD_READERS", 50);
    let writers = env("LOAD_WRITERS", 5);
    println!(
        "# serve --team under load: {n} synthetic entries, {readers} readers, {writers} writers, {seconds} s"
    );

    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("bibliotek");
    let words = Arc::new(vocabulary());
    let mut rng = Rng(0x10ad);
    let t = Instant::now();
    let mut lib = Library::create(&dir, Contents::Empty).unwrap();
    let entries = (0..n).map(|i| synthetic(&mut rng, &words, i)).collect();
    let ids: Vec<String> = lib
        .add_many(entries)
        .unwrap()
        .into_iter()
        .map(|e| e.id)
        .collect();
    lib.add_account("last-läsare", Role::Lasare, PASSWORD)
        .unwrap();
    lib.add_account("last-granskare", Role::Granskare, PASSWORD)
        .unwrap();
    println!("library made in {:.1} s", t.elapsed().as_secs_f64());

    let (ready, started) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let options = serve::Options::new(
            "127.0.0.1:0".parse().unwrap(),
            serve::Mode::Team { public: false },
        );
        serve::serve(lib, options, |s| ready.send(s.url).unwrap()).unwrap();
    });
    let base = started.recv().unwrap().trim_end_matches('/').to_owned();

    let stop = Arc::new(AtomicBool::new(false));
    let tally = Arc::new(Mutex::new(Tally::default()));
    let ids = Arc::new(ids);
    let mut threads = Vec::new();
    for i in 0..writers {
        let client = Client::login(&base, "last-granskare");
        let (ids, stop, tally) = (ids.clone(), stop.clone(), tally.clone());
        threads.push(std::thread::spawn(move || {
            writer(client, ids, 0xeed17 + i as u64, stop, tally)
        }));
    }
    for i in 0..readers {
        let client = Client::login(&base, "last-läsare");
        let (words, stop, tally) = (words.clone(), stop.clone(), tally.clone());
        threads.push(std::thread::spawn(move || {
            reader(client, words, 0x5ea7c4 + i as u64, stop, tally)
        }));
    }
    let started_at = Instant::now();
    std::thread::sleep(Duration::from_secs(seconds as u64));
    stop.store(true, Ordering::Relaxed);
    for thread in threads {
        thread.join().unwrap();
    }
    let elapsed = started_at.elapsed();

    let mut tally = Arc::try_unwrap(tally).ok().unwrap().into_inner().unwrap();
    tally.searches.sort_unstable();
    tally.pages.sort_unstable();
    println!(
        "searches: {} in {:.0} s = {:.1}/s; p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        tally.searches.len(),
        elapsed.as_secs_f64(),
        tally.searches.len() as f64 / elapsed.as_secs_f64(),
        percentile(&tally.searches, 0.5),
        percentile(&tally.searches, 0.99),
        percentile(&tally.searches, 1.0),
    );
    println!(
        "entry pages: {}; p50 {:.1} ms, p99 {:.1} ms",
        tally.pages.len(),
        percentile(&tally.pages, 0.5),
        percentile(&tally.pages, 0.99),
    );
    tally.writes.sort_unstable();
    println!(
        "edits: {}; p50 {:.1} ms, p99 {:.1} ms",
        tally.writes.len(),
        percentile(&tally.writes, 0.5),
        percentile(&tally.writes, 0.99),
    );
    println!("answers by command and status (0 = no answer):");
    for ((command, status), count) in &tally.statuses {
        println!("  {command:<14} {status}: {count}");
    }
    let unexpected: usize = tally
        .statuses
        .iter()
        .filter(|((command, status), _)| {
            *status != 200 && !(command == "update_entry" && *status == 409)
        })
        .map(|(_, n)| n)
        .sum();
    println!("unexpected answers (not 200, not a 409 on an edit): {unexpected}");

    // Every acknowledged write is in the library: its revision has its marker.
    let checker = Client::login(&base, "last-granskare");
    let mut found = 0;
    for (id, revision, marker) in &tally.acknowledged {
        let (status, entry, _) = checker.rpc("revision", &json!({"id": id, "revision": revision}));
        if status == 200
            && entry["summary"]
                .as_str()
                .is_some_and(|s| s.starts_with(marker.as_str()))
        {
            found += 1;
        }
    }
    println!(
        "acknowledged writes found afterwards: {found} of {}",
        tally.acknowledged.len()
    );
}
