//! Proofing settings a report keeps: rules turned off and findings the clerk chose to
//! leave as they are ("Bỏ qua"), remembered in the file.

use serde::{Deserialize, Serialize};

/// A rule of proofing, each of which a document can turn off.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum ProofRule {
    /// One tone-mark style in the whole document.
    ToneStyle,
    /// Spaces and punctuation.
    Spacing,
    /// Documents cited: number and code, a real date not after the report, the plan.
    Citations,
    /// Capitals of bodies and documents as Decree 30 Appendix II writes them.
    Capitals,
    /// Leftover Telex typing and tone marks on the wrong vowel.
    Spelling,
}

impl ProofRule {
    pub const ALL: [ProofRule; 5] = [
        ProofRule::ToneStyle,
        ProofRule::Spacing,
        ProofRule::Citations,
        ProofRule::Capitals,
        ProofRule::Spelling,
    ];

    /// Vietnamese name shown in the window.
    pub fn label(self) -> &'static str {
        match self {
            Self::ToneStyle => "Thống nhất kiểu bỏ dấu (hòa/hoà, thủy/thuỷ)",
            Self::Spacing => "Khoảng trắng và dấu câu",
            Self::Citations => "Trích dẫn văn bản (số, ký hiệu, ngày)",
            Self::Capitals => "Viết hoa tên cơ quan, văn bản",
            Self::Spelling => "Lỗi gõ Telex, đặt dấu sai",
        }
    }
}

/// What a report remembers of proofing. Not written when empty.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Proofing {
    /// Rules not applied to this report.
    pub off: Vec<ProofRule>,
    /// Findings left as they are, by key (rule, section, words).
    pub ignored: Vec<String>,
}

impl Proofing {
    /// True when nothing is turned off or ignored (then the file does not carry it).
    pub fn is_default(&self) -> bool {
        self.off.is_empty() && self.ignored.is_empty()
    }
}
