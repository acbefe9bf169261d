//! Values worked out once per index segment and kept while the segment is loaded: a segment
//! never changes, so what is read from it stays true until a merge or a rebuild replaces it.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use tantivy::SegmentReader;
use tantivy::index::SegmentId;

/// Per segment and name (a field, or what the value is of), one value, behind a lock of its
/// own: the first search that needs it reads it, and searches needing the same value wait for
/// that one read instead of each making its own.
type Slot<V> = Arc<Mutex<Option<Arc<V>>>>;
type Values<V> = HashMap<(SegmentId, &'static str), Slot<V>>;

pub struct SegmentCache<V> {
    values: Arc<Mutex<Values<V>>>,
}

impl<V> Clone for SegmentCache<V> {
    fn clone(&self) -> Self {
        SegmentCache {
            values: self.values.clone(),
        }
    }
}

impl<V> Default for SegmentCache<V> {
    fn default() -> Self {
        SegmentCache {
            values: Default::default(),
        }
    }
}

impl<V> std::fmt::Debug for SegmentCache<V> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SegmentCache")
    }
}

impl<V> SegmentCache<V> {
    /// The value named `name` of `segment`, made by `read` the first time it is asked for.
    pub fn get(
        &self,
        segment: &SegmentReader,
        name: &'static str,
        read: impl FnOnce() -> tantivy::Result<V>,
    ) -> tantivy::Result<Arc<V>> {
        let key = (segment.segment_id(), name);
        let slot = self.lock().entry(key).or_default().clone();
        // Only this value's lock is held while it is read: other values stay available.
        let mut value = slot.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(found) = value.as_ref() {
            return Ok(found.clone());
        }
        let read = Arc::new(read()?);
        *value = Some(read.clone());
        Ok(read)
    }

    /// Forgets the segments that are gone (merged away or replaced by a rebuild). A search
    /// still on an older set of segments may bring one back; the next search forgets it again.
    pub fn retain(&self, live: &[SegmentId]) {
        self.lock().retain(|(segment, _), _| live.contains(segment));
    }

    /// The value named `name` of `segment` if it has been read; `None`, without waiting, while
    /// it is being read.
    pub fn read_already(&self, segment: &SegmentReader, name: &'static str) -> Option<Arc<V>> {
        let slot = self.lock().get(&(segment.segment_id(), name)).cloned()?;
        let value = match slot.try_lock() {
            Ok(value) => value,
            Err(std::sync::TryLockError::Poisoned(poisoned)) => poisoned.into_inner(),
            Err(std::sync::TryLockError::WouldBlock) => return None,
        };
        value.clone()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Values<V>> {
        self.values.lock().unwrap_or_else(PoisonError::into_inner)
    }
}
