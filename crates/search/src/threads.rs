//! The threads a search splits its work over: one per core the process may use, each kept
//! on its core.
//!
//! A search is a few milliseconds, split between threads three times (the segments, a query
//! word's compounds per segment, the page's snippets). Each split wakes a sleeping thread.
//! On the 2-core machine the benchmarks run on, a woken thread that may run anywhere was
//! often put on the core of the thread that woke it, which was busy, and ran only when that
//! one was done: after an idle moment the two halves of a search ran one after the other.
//! A thread kept on its own core runs as soon as that core wakes. (Measured: `profile` with
//! 100 ms of work on the calling thread before each query, as `make bench`'s FTS5 query
//! does, gave p50 / p99 5.5 / 25.0 and 5.6 / 15.2 ms on rayon's global threads, and 4.4 /
//! 10.8 and 3.5 / 8.9 ms on these; see BENCHMARKS.md, session 15.)
//!
//! The threads are the search's own, so that tantivy's use of rayon's global threads is left
//! as it is.

use std::sync::LazyLock;

use rayon::ThreadPool;

/// The search's threads, or none when they could not be started (then `par_iter` uses
/// rayon's global threads).
static THREADS: LazyLock<Option<ThreadPool>> = LazyLock::new(|| {
    let cores = core_affinity::get_core_ids().unwrap_or_default();
    let mut builder = rayon::ThreadPoolBuilder::new().thread_name(|i| format!("search-{i}"));
    if cores.len() > 1 {
        builder = builder.num_threads(cores.len()).start_handler(move |i| {
            // Unpinned if the system refuses: only slower.
            core_affinity::set_for_current(cores[i]);
        });
    }
    builder.build().ok()
});

/// Wakes the search's threads without waiting for them, so that they are running by the time
/// the search first splits its work. (A woken thread takes tens of microseconds to run here;
/// woken at a search's start, with 100 or 200 ms of work on the calling thread before each
/// query, the median went from 2.70, 2.82, 2.84, 2.69, 2.36 and 2.59 ms to 2.65, 2.54, 2.67,
/// 2.51, 2.49 and 2.42 ms, measured in turns with `profile`.)
pub(crate) fn wake() {
    if let Some(threads) = &*THREADS {
        threads.spawn_broadcast(|_| {});
    }
}

/// Runs `op` on this thread; what it spawns runs on the search's threads, and all of it is
/// done when this returns.
pub(crate) fn in_place_scope<'scope, R>(op: impl FnOnce(&rayon::Scope<'scope>) -> R) -> R {
    match &*THREADS {
        Some(threads) => threads.in_place_scope(op),
        None => rayon::in_place_scope(op),
    }
}

/// Runs `op` with the search's threads: the `par_iter`s inside it share them.
pub(crate) fn install<R: Send>(op: impl FnOnce() -> R + Send) -> R {
    match &*THREADS {
        Some(threads) => threads.install(op),
        None => op(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn each_search_thread_is_kept_on_a_core_of_its_own() {
        let cores = core_affinity::get_core_ids().unwrap_or_default();
        if cores.len() < 2 {
            return; // one core: nothing to split, nothing kept
        }
        let per_thread = super::install(|| {
            rayon::broadcast(|_| core_affinity::get_core_ids().unwrap_or_default())
        });
        assert_eq!(per_thread.len(), cores.len());
        let mut kept: Vec<usize> = per_thread
            .iter()
            .map(|allowed| {
                assert_eq!(allowed.len(), 1, "a search thread may run on {allowed:?}");
                allowed[0].id
            })
            .collect();
        kept.sort_unstable();
        let mut all: Vec<usize> = cores.iter().map(|core| core.id).collect();
        all.sort_unstable();
        assert_eq!(kept, all);
    }
}
