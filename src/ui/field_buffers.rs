//! ui: what the clerk is typing into the period panels' fields, kept apart from the
//! model so that half-typed or refused text is never stored, and so that a value
//! changed elsewhere (undo) shows up as soon as the field is left. No egui here.

use std::collections::HashMap;
use std::hash::Hash;

/// The text of one field while it differs from what the model holds.
#[derive(Clone, Debug, PartialEq)]
struct Buffer {
    /// What the field shows.
    text: String,
    /// The stored value (as shown) the typing started from, or the value last sent
    /// to the model; when the model holds something else, the model changed elsewhere.
    base: String,
    /// The stored value (as shown) when the clerk started typing.
    origin: String,
}

/// Per-field text buffers, keyed by whatever names a field (period, id, column).
#[derive(Debug)]
pub(crate) struct FieldBuffers<K> {
    map: HashMap<K, Buffer>,
}

impl<K> Default for FieldBuffers<K> {
    fn default() -> Self {
        Self {
            map: HashMap::new(),
        }
    }
}

impl<K: Hash + Eq> FieldBuffers<K> {
    /// The text a field shows: what is being typed, else the stored value.
    pub(crate) fn shown(&self, key: &K, stored: &str) -> String {
        self.map
            .get(key)
            .map_or_else(|| stored.to_owned(), |b| b.text.clone())
    }

    /// The clerk changed the field to `text`. `sent` is the stored form of the value
    /// just sent to the model, or `None` when nothing was sent (refused or unchanged).
    pub(crate) fn typed(&mut self, key: K, text: String, stored: &str, sent: Option<String>) {
        let (base, origin) = match self.map.get(&key) {
            Some(b) => (b.base.clone(), b.origin.clone()),
            None => (stored.to_owned(), stored.to_owned()),
        };
        let base = sent.unwrap_or(base);
        self.map.insert(key, Buffer { text, base, origin });
    }

    /// The stored value (as shown) when the clerk started typing into the field.
    pub(crate) fn origin(&self, key: &K) -> Option<&str> {
        self.map.get(key).map(|b| b.origin.as_str())
    }

    /// Called each frame the field was not changed. Once the field is left, the buffer
    /// goes when the model changed elsewhere or when `refused` says the text was accepted;
    /// refused text stays on screen with its reason until it is corrected.
    pub(crate) fn settle(
        &mut self,
        key: &K,
        stored: &str,
        focused: bool,
        refused: impl FnOnce(&str) -> bool,
    ) {
        if focused {
            return;
        }
        if let Some(b) = self.map.get(key)
            && (b.base != stored || !refused(&b.text))
        {
            self.map.remove(key);
        }
    }

    /// The buffered text of a field, if any.
    pub(crate) fn pending(&self, key: &K) -> Option<&str> {
        self.map.get(key).map(|b| b.text.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn never(_: &str) -> bool {
        false
    }
    fn always(_: &str) -> bool {
        true
    }

    #[test]
    fn a_field_shows_the_stored_value_until_the_clerk_types() {
        let mut b = FieldBuffers::<u8>::default();
        assert_eq!(b.shown(&1, "91,2"), "91,2");
        b.typed(1, "93,".into(), "91,2", None);
        assert_eq!(b.shown(&1, "91,2"), "93,");
    }

    #[test]
    fn accepted_text_is_dropped_once_the_field_is_left() {
        let mut b = FieldBuffers::<u8>::default();
        b.typed(1, "93,40".into(), "91,2", Some("93,4".into()));
        b.settle(&1, "93,4", true, never);
        assert_eq!(b.shown(&1, "93,4"), "93,40");
        b.settle(&1, "93,4", false, never);
        assert_eq!(b.pending(&1), None);
        assert_eq!(b.shown(&1, "93,4"), "93,4");
    }

    #[test]
    fn refused_text_stays_after_the_field_is_left() {
        let mut b = FieldBuffers::<u8>::default();
        b.typed(1, "9x".into(), "91,2", None);
        b.settle(&1, "91,2", false, always);
        assert_eq!(b.pending(&1), Some("9x"));
    }

    #[test]
    fn a_value_changed_elsewhere_replaces_refused_text_once_the_field_is_left() {
        let mut b = FieldBuffers::<u8>::default();
        b.typed(1, "9".into(), "91,2", Some("9".into()));
        b.typed(1, "9x".into(), "9", None);
        // Undo puts back 91,2 while the field still has focus: the typing stays.
        b.settle(&1, "91,2", true, always);
        assert_eq!(b.pending(&1), Some("9x"));
        b.settle(&1, "91,2", false, always);
        assert_eq!(b.shown(&1, "91,2"), "91,2");
    }

    #[test]
    fn refused_text_remembers_the_value_it_started_from() {
        let mut b = FieldBuffers::<u8>::default();
        b.typed(1, "9".into(), "91,2", Some("9".into()));
        b.typed(1, "9x".into(), "9", None);
        b.typed(1, "9xy".into(), "9", None);
        assert_eq!(b.origin(&1), Some("91,2"));
        b.settle(&1, "9", false, always);
        assert_eq!(b.pending(&1), Some("9xy"));
    }
}
