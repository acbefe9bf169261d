//! Subscriptions over loopback (`make bench-feed`): a read-only `serve` of 10 000 synthetic
//! entries (marked so) and a subscriber that pulls its feed through a counting relay. Prints
//! the first pull (the whole library, page by page), a pull of the unchanged library (its
//! requests and the bytes both ways), and a pull after 1 000 of the 10 000 entries changed.
//! Release build; the server and the subscriber share this machine's cores.
//!
//! env: FEED_ENTRIES (10 000), FEED_CHANGED (1 000).

#[path = "../../library/benches/common/synthetic.rs"]
mod synthetic;

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use exempelbank_serve as serve;
use library::subscriptions::{self, FetchLimits};
use library::{Contents, Library};
use synthetic::{Rng, synthetic, vocabulary};

fn env(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Bytes through the relay, each way, and feed requests seen.
#[derive(Default)]
struct Counts {
    up: AtomicU64,
    down: AtomicU64,
    requests: AtomicU64,
}

impl Counts {
    fn take(&self) -> (u64, u64, u64) {
        (
            self.up.swap(0, Ordering::SeqCst),
            self.down.swap(0, Ordering::SeqCst),
            self.requests.swap(0, Ordering::SeqCst),
        )
    }
}

/// A relay on loopback that counts what passes through it.
fn relay(upstream: String, counts: Arc<Counts>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for client in listener.incoming().flatten() {
            let server = TcpStream::connect(&upstream).unwrap();
            let pipe = |mut from: TcpStream, mut to: TcpStream, up: bool, counts: Arc<Counts>| {
                move || {
                    let mut buf = vec![0u8; 64 * 1024];
                    while let Ok(n) = from.read(&mut buf) {
                        if n == 0 || to.write_all(&buf[..n]).is_err() {
                            break;
                        }
                        if up {
                            counts.up.fetch_add(n as u64, Ordering::SeqCst);
                            let seen = buf[..n].windows(4).filter(|w| w == b"GET ").count();
                            counts.requests.fetch_add(seen as u64, Ordering::SeqCst);
                        } else {
                            counts.down.fetch_add(n as u64, Ordering::SeqCst);
                        }
                    }
                    let _ = to.shutdown(std::net::Shutdown::Both);
                }
            };
            let (c2, s2) = (client.try_clone().unwrap(), server.try_clone().unwrap());
            std::thread::spawn(pipe(client, server, true, counts.clone()));
            std::thread::spawn(pipe(s2, c2, false, counts.clone()));
        }
    });
    base
}

/// The allocator of the binaries it stands for (see `crates/cli/src/main.rs`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let n = env("FEED_ENTRIES", 10_000);
    let changed = env("FEED_CHANGED", 1_000).min(n);
    println!("# subscriptions over loopback: {n} synthetic entries, {changed} changed");

    let tmp = tempfile::tempdir().unwrap();
    let source_dir = tmp.path().join("kalla");
    let words = vocabulary();
    let mut rng = Rng(0xfeed);
    let mut source = Library::create(&source_dir, Contents::Empty).unwrap();
    let entries = (0..n).map(|i| synthetic(&mut rng, &words, i)).collect();
    let ids: Vec<String> = source
        .add_many(entries)
        .unwrap()
        .into_iter()
        .map(|e| e.id)
        .collect();
    source.set_signer_name("Syntetisk källa").unwrap();
    let (ready, started) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let options = serve::Options::new("127.0.0.1:0".parse().unwrap(), serve::Mode::Reader);
        serve::serve(source, options, |s| ready.send(s.addr).unwrap()).unwrap();
    });
    let addr = started.recv().unwrap();
    let counts = Arc::new(Counts::default());
    let base = relay(addr.to_string(), counts.clone());

    let subscriber = Library::create(&tmp.path().join("prenumerant"), Contents::Empty).unwrap();
    let subscriber = Mutex::new(subscriber);
    let limits = FetchLimits::default();
    let info = subscriptions::peek(&base, &limits).unwrap();
    let fingerprint = info.signer.public_key.clone();
    subscriber
        .lock()
        .unwrap()
        .subscribe(&base, None, &info, &fingerprint)
        .unwrap();
    counts.take();

    let pull = |what: &str| {
        let t = Instant::now();
        let report = subscriptions::pull(&subscriber, "Syntetisk källa", &limits).unwrap();
        let elapsed = t.elapsed();
        let (up, down, requests) = counts.take();
        assert!(report.problem.is_empty(), "{}", report.problem);
        println!(
            "{what:<34} {:>8.1} ms  {requests:>3} requests  {up:>7} B up  {down:>10} B down  \
             new {} updated {} ({} deltas)",
            elapsed.as_secs_f64() * 1000.0,
            report.new,
            report.updated,
            report.deltas
        );
        (elapsed, up + down, requests, report)
    };
    let (_, _, _, first) = pull("first pull (whole library)");
    assert_eq!(first.new as usize, n);
    let (_, bytes, requests, _) = pull("pull, nothing changed");

    // The source changes 1 000 entries (a second handle on its library, beside the server).
    let mut writer = Library::open(&source_dir).unwrap();
    for id in ids.iter().step_by((n / changed).max(1)).take(changed) {
        let mut entry = writer.get(id).unwrap();
        entry.summary.push_str(" Uppdaterad i mätningen.");
        writer.edit(id, entry, None, None, "mätning").unwrap();
    }
    let (elapsed, _, _, report) = pull("pull, 1 000 of 10 000 changed");
    assert_eq!(report.updated as usize, changed);
    println!();
    println!(
        "unchanged pull: {requests} request(s), {bytes} bytes both ways (target: one request, < 1 kB): {}",
        if requests == 1 && bytes < 1024 {
            "met"
        } else {
            "NOT met"
        }
    );
    println!(
        "changed pull: {:.0} ms (target < 2 000 ms): {}",
        elapsed.as_secs_f64() * 1000.0,
        if elapsed.as_millis() < 2000 {
            "met"
        } else {
            "NOT met"
        }
    );
}
