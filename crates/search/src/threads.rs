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
//! The thread that splits the work does not sleep until the parts are done: it gives its core
//! to the search's threads, and goes on as soon as the last part is done (see
//! [`in_place_scope`]).
//!
//! The threads are the search's own, so that tantivy's use of rayon's global threads is left
//! as it is.

use std::cell::Cell;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, LazyLock, Mutex, PoisonError};

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
///
/// Meanwhile this thread does not sleep: when `op` is done it gives its core to the
/// search's threads until they are, and goes on as soon as the last task is done. Woken
/// instead, it waited here for a core while the threads that had just finished still held
/// both, tens of microseconds per split of a search.
pub(crate) fn in_place_scope<'scope, R>(op: impl FnOnce(&Tasks<'_, 'scope>) -> R) -> R {
    let run = |scope: &rayon::Scope<'scope>| {
        let tasks = Tasks {
            scope,
            spawned: Cell::new(0),
            done: Arc::new(AtomicUsize::new(0)),
        };
        let out = op(&tasks);
        // On one of the search's threads (a search inside a search's task), rayon's own wait
        // runs the tasks; a thread that only gave its core away could wait for ever.
        if rayon::current_thread_index().is_none() {
            while tasks.done.load(Ordering::Acquire) < tasks.spawned.get() {
                std::thread::yield_now();
            }
        }
        out
    };
    match &*THREADS {
        Some(threads) => threads.in_place_scope(run),
        None => rayon::in_place_scope(run),
    }
}

/// The tasks of an [`in_place_scope`].
pub(crate) struct Tasks<'a, 'scope> {
    scope: &'a rayon::Scope<'scope>,
    spawned: Cell<usize>,
    done: Arc<AtomicUsize>,
}

impl<'scope> Tasks<'_, 'scope> {
    /// Runs `task` on one of the search's threads.
    pub(crate) fn spawn(&self, task: impl FnOnce() + Send + 'scope) {
        self.spawned.set(self.spawned.get() + 1);
        let done = Done(Arc::clone(&self.done));
        self.scope.spawn(move |_| {
            let _done = done;
            task();
        });
    }
}

/// Counts a task done when it ends, by a panic too: the waiting thread goes on, and the scope
/// hands the panic on.
struct Done(Arc<AtomicUsize>);

impl Drop for Done {
    fn drop(&mut self) {
        self.0.fetch_add(1, Ordering::Release);
    }
}

/// `f` of each of `items`, each worked out on one of the search's threads side by side.
pub(crate) fn map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let out: Vec<Mutex<Option<R>>> = items.iter().map(|_| Mutex::new(None)).collect();
    in_place_scope(|tasks| {
        for (item, slot) in items.iter().zip(&out) {
            let f = &f;
            tasks.spawn(move || {
                let r = f(item);
                *slot.lock().unwrap_or_else(PoisonError::into_inner) = Some(r);
            });
        }
    });
    out.into_iter()
        .map(|r| {
            r.into_inner()
                .unwrap_or_else(PoisonError::into_inner)
                .expect("each task is done when the scope is")
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn each_search_thread_is_kept_on_a_core_of_its_own() {
        let cores = core_affinity::get_core_ids().unwrap_or_default();
        if cores.len() < 2 {
            return; // one core: nothing to split, nothing kept
        }
        let per_thread = super::THREADS
            .as_ref()
            .expect("the search's threads")
            .broadcast(|_| core_affinity::get_core_ids().unwrap_or_default());
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

    #[test]
    fn a_split_inside_a_split_finishes() {
        // Every one of the search's threads is in a task that splits again, at once.
        let (send, finished) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let n = super::THREADS
                .as_ref()
                .map_or(1, rayon::ThreadPool::current_num_threads);
            let all_in = std::sync::Barrier::new(n);
            let outer: Vec<u32> = (0..n as u32).collect();
            let sums = super::map(&outer, |&i| {
                all_in.wait();
                super::map(&[1u32, 2, 3], |&j| i * j).iter().sum::<u32>()
            });
            let _ = send.send(sums == outer.iter().map(|i| i * 6).collect::<Vec<_>>());
        });
        let right = finished
            .recv_timeout(std::time::Duration::from_secs(30))
            .expect("the splits finish");
        assert!(right);
    }

    #[test]
    fn a_task_that_panics_ends_its_split_with_the_panic() {
        let (send, finished) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let split = std::panic::catch_unwind(|| {
                super::map(&[1u32, 2, 3], |&i| {
                    assert_ne!(i, 2, "a task's bug");
                    i
                })
            });
            let _ = send.send(split.is_err());
        });
        let panicked = finished
            .recv_timeout(std::time::Duration::from_secs(30))
            .expect("the split ends");
        assert!(panicked);
    }
}
