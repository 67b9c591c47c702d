//! The issuing organisation: the commune's People's Committee, its offices and signers.

use serde::{Deserialize, Serialize};

use super::{OfficeId, SignerId};

/// The body that issues the report, as it appears in the header and the signature block.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Organisation {
    /// Parent body printed above the issuing body, e.g. `UBND THÀNH PHỐ HẢI PHÒNG`; may be empty.
    pub parent_body: String,
    /// Issuing body, one entry per printed line, e.g. `["ỦY BAN NHÂN DÂN", "XÃ AN LÃM"]`.
    pub issuing_body: Vec<String>,
    /// Name used in running text, e.g. `Ủy ban nhân dân xã An Lãm`.
    pub full_name: String,
    /// Short name used in running text, e.g. `UBND xã An Lãm`.
    pub short_name: String,
    /// Code of the issuing body in document numbers (`UBND` in `05/BC-UBND`).
    pub doc_code: String,
    /// Place name for the date line (`An Lãm, ngày …`).
    pub place: String,
    pub offices: Vec<Office>,
    pub signers: Vec<Signer>,
    /// Distribution list offered for a new report (`Nơi nhận`), without the archive line.
    pub default_recipients: Vec<String>,
    /// Archive line content after `Lưu:` (e.g. `VT, VHXH`).
    pub archive: String,
}

/// An office of the committee (Phòng VH-XH, Trung tâm Phục vụ hành chính công, …).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Office {
    pub id: OfficeId,
    /// Full name, e.g. `Phòng Văn hóa - Xã hội`.
    pub name: String,
    /// Short name used in tables, e.g. `Phòng VH-XH`.
    pub short: String,
}

/// A person who may sign a report, with the authority lines printed above the position.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Signer {
    pub id: SignerId,
    /// Authority lines, e.g. `["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"]`; may be empty.
    pub authority: Vec<String>,
    /// Position, e.g. `PHÓ CHỦ TỊCH`.
    pub position: String,
    pub full_name: String,
}

impl Organisation {
    pub fn office(&self, id: &str) -> Option<&Office> {
        self.offices.iter().find(|o| o.id == id)
    }

    pub fn signer(&self, id: &str) -> Option<&Signer> {
        self.signers.iter().find(|s| s.id == id)
    }

    /// The short name of an office for tables, or the id itself when it is unknown.
    pub fn office_label(&self, id: &str) -> String {
        match self.office(id) {
            Some(o) if !o.short.is_empty() => o.short.clone(),
            Some(o) => o.name.clone(),
            None => id.to_owned(),
        }
    }
}
