//! Values worked out once per index segment and kept while the segment is loaded: a segment
//! never changes, so what is read from it stays true until a merge or a rebuild replaces it.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use tantivy::SegmentReader;
use tantivy::index::SegmentId;

/// Per segment and name (a field, or what the value is of), one value.
type Values<V> = HashMap<(SegmentId, &'static str), Arc<V>>;

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
        if let Some(found) = self.lock().get(&key) {
            return Ok(found.clone());
        }
        // Read outside the lock: a search reading a new segment does not hold up the others
        // (two reading the same one at once both read it, and one copy stays).
        let read = Arc::new(read()?);
        self.lock().insert(key, read.clone());
        Ok(read)
    }

    /// Forgets the segments that are gone (merged away or replaced by a rebuild).
    pub fn retain(&self, live: &[SegmentId]) {
        self.lock().retain(|(segment, _), _| live.contains(segment));
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Values<V>> {
        self.values.lock().unwrap_or_else(PoisonError::into_inner)
    }
}
