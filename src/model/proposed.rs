//! model: a change to a report's text that a leader made in a returned Word file
//! (typed, or recorded by Track Changes), kept with the report's review data until the
//! clerk accepts or rejects it. Reading the Word file is in `import::docx::changes`,
//! accepting and rejecting in `review::proposed`.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use super::SectionId;

/// Which part of the report a proposed change is about.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ChangePlace {
    /// A paragraph (or list item) of a section's text.
    #[default]
    Body,
    /// A section's title.
    Title,
    /// A paragraph of the opening before the first section.
    Opening,
    /// A paragraph of the closing sentence(s).
    Closing,
    /// The trích yếu under the title.
    Summary,
}

impl ChangePlace {
    /// What the place is called in Vietnamese.
    pub fn label(self) -> &'static str {
        match self {
            ChangePlace::Body => "đoạn",
            ChangePlace::Title => "tên mục",
            ChangePlace::Opening => "phần mở đầu",
            ChangePlace::Closing => "câu kết",
            ChangePlace::Summary => "trích yếu",
        }
    }
}

/// How the change was found in the Word file.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ChangeSource {
    /// The text was typed over: the paragraph differs from the report.
    #[default]
    Word,
    /// Word recorded it with Track Changes (`w:ins` / `w:del`).
    TrackChanges,
}

impl ChangeSource {
    pub fn label(self) -> &'static str {
        match self {
            ChangeSource::Word => "Word",
            ChangeSource::TrackChanges => "Theo dõi thay đổi",
        }
    }
}

/// One paragraph a leader changed, added or deleted in Word.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ProposedChange {
    /// Unique within the report (`dx-1`, `dx-2`, …).
    pub id: String,
    pub place: ChangePlace,
    /// The section, for [`ChangePlace::Body`] and [`ChangePlace::Title`].
    #[serde(skip_serializing_if = "String::is_empty")]
    pub section: SectionId,
    /// The 0-based index of the paragraph among the part's non-empty lines (for an
    /// added paragraph: the index it would take).
    pub paragraph: usize,
    /// The line as the report holds it (with its emphasis and list marker); empty for
    /// an added paragraph.
    pub old: String,
    /// The paragraph as the leader left it, plain text; empty for a deleted one.
    pub new: String,
    /// For an added paragraph: the line it follows (empty when it comes first).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub after: String,
    /// Who made the change, as Word recorded it (empty when Word did not say).
    pub author: String,
    pub at: Option<NaiveDateTime>,
    pub source: ChangeSource,
}

impl ProposedChange {
    /// A paragraph the leader added.
    pub fn is_insertion(&self) -> bool {
        self.old.trim().is_empty()
    }

    /// A paragraph the leader deleted.
    pub fn is_deletion(&self) -> bool {
        self.new.trim().is_empty()
    }

    /// The same change at the same place (the same Word file read again), whatever
    /// its id, author or time.
    pub fn same_change(&self, other: &ProposedChange) -> bool {
        self.place == other.place
            && self.section == other.section
            && crate::vi::nfc(&self.old) == crate::vi::nfc(&other.old)
            && crate::vi::nfc(&self.new) == crate::vi::nfc(&other.new)
            && self.after == other.after
    }
}
