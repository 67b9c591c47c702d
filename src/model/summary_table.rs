//! model: a table a report carries as it is, made from other files (the city's summary
//! of many communes' reports): printed by `compose` as an appendix on A4 turned
//! sideways, after the appendices generated from the plan.

use serde::{Deserialize, Serialize};

/// One appendix table: its title, columns, rows of plain text and notes under it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SummaryTable {
    /// The title under `Phụ lục I` (in capitals, as the decree prints it).
    pub title: String,
    pub columns: Vec<SummaryColumn>,
    /// One text per column; a shorter row is filled with empty cells.
    pub rows: Vec<Vec<String>>,
    /// Lines printed under the table, each a paragraph (how a total was computed).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

/// A column of a [`SummaryTable`].
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SummaryColumn {
    pub header: String,
    /// Relative width.
    pub weight: f32,
    /// Names and texts align left; counts and figures are centred.
    pub left: bool,
}

impl SummaryColumn {
    pub fn new(header: &str, weight: f32, left: bool) -> Self {
        SummaryColumn {
            header: header.to_owned(),
            weight,
            left,
        }
    }
}
