//! Slows down guessing passwords: after a few failed logins for one account name (or many
//! from one address, which may be a whole office behind one NAT), each further attempt must
//! wait, twice as long each time (up to a limit). Kept in memory: a restart forgives, which is
//! acceptable for a delay, not a lockout.

use std::collections::HashMap;
use std::time::{Duration, Instant};

/// Failed attempts for one account name that cost nothing.
pub const FREE_PER_ACCOUNT: u32 = 5;
/// Failed attempts from one address that cost nothing.
pub const FREE_PER_ADDRESS: u32 = 30;
/// The longest wait.
const MAX_WAIT: Duration = Duration::from_secs(5 * 60);
/// How many names and addresses are remembered at most; the oldest are forgotten first.
const MAX_KEYS: usize = 10_000;

#[derive(Debug)]
pub struct Throttle {
    free: u32,
    failures: HashMap<String, (u32, Instant)>,
}

impl Throttle {
    /// A throttle that lets `free` failures pass for each key.
    pub fn new(free: u32) -> Throttle {
        Throttle {
            free,
            failures: HashMap::new(),
        }
    }

    /// How long `keys` must still wait before another attempt, if at all.
    pub fn wait(&self, keys: &[String], now: Instant) -> Option<Duration> {
        keys.iter()
            .filter_map(|key| self.failures.get(key))
            .filter(|(count, _)| *count >= self.free)
            .map(|(count, last)| {
                let wait = Duration::from_secs(1u64 << (count - self.free).min(16)).min(MAX_WAIT);
                (*last + wait).saturating_duration_since(now)
            })
            .filter(|left| !left.is_zero())
            .max()
    }

    /// Counts a failed attempt for each key.
    pub fn fail(&mut self, keys: &[String], now: Instant) {
        if self.failures.len() + keys.len() > MAX_KEYS {
            self.forget_oldest(now);
        }
        for key in keys {
            let entry = self.failures.entry(key.clone()).or_insert((0, now));
            entry.0 = entry.0.saturating_add(1);
            entry.1 = now;
        }
    }

    /// Forgets the failures of the account after a successful login.
    pub fn succeed(&mut self, keys: &[String]) {
        for key in keys {
            self.failures.remove(key);
        }
    }

    fn forget_oldest(&mut self, now: Instant) {
        self.failures
            .retain(|_, (_, last)| now.duration_since(*last) < MAX_WAIT);
        if self.failures.len() >= MAX_KEYS {
            let mut times: Vec<Instant> = self.failures.values().map(|(_, t)| *t).collect();
            times.sort_unstable();
            let cut = times[times.len() / 2];
            self.failures.retain(|_, (_, last)| *last > cut);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn five_failures_are_free_then_each_waits_twice_as_long() {
        let mut throttle = Throttle::new(FREE_PER_ACCOUNT);
        let keys = ["konto:anna".to_owned()];
        let start = Instant::now();
        for _ in 0..5 {
            assert_eq!(throttle.wait(&keys, start), None);
            throttle.fail(&keys, start);
        }
        assert_eq!(throttle.wait(&keys, start), Some(Duration::from_secs(1)));
        for _ in 0..5 {
            throttle.fail(&keys, start);
        }
        assert_eq!(throttle.wait(&keys, start), Some(Duration::from_secs(32)));
        assert_eq!(throttle.wait(&keys, start + Duration::from_secs(40)), None);
        throttle.succeed(&keys);
        assert_eq!(throttle.wait(&keys, start), None);
    }

    #[test]
    fn memory_is_bounded() {
        let mut throttle = Throttle::new(FREE_PER_ACCOUNT);
        let now = Instant::now();
        for i in 0..(MAX_KEYS + 50) {
            throttle.fail(
                &[format!("adress:{i}")],
                now + Duration::from_millis(i as u64),
            );
        }
        assert!(throttle.failures.len() <= MAX_KEYS);
    }
}
