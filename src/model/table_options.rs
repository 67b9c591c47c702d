//! How a report's indicator table prints: which columns and how its rows are numbered.
//! Saved on the section that holds the table; the defaults print the table as the
//! program always has, so older files print the same.

use serde::{Deserialize, Serialize};

/// A column the indicator table may print.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum IndicatorColumn {
    /// TT: the row's number.
    Tt,
    /// The indicator's name (tên chỉ tiêu).
    Name,
    /// The unit of its values (đơn vị tính).
    Unit,
    /// The target as the plan wrote it (`Đạt 85% dân số`); statuses still come from its number.
    Target,
    /// The figure of the report's period (kết quả).
    Result,
    /// The computed status (đánh giá).
    Status,
    /// The lead offices (đơn vị chủ trì).
    Lead,
    /// Notes (ghi chú): where the figure comes from, else the plan's note on the indicator.
    Note,
}

impl IndicatorColumn {
    /// Every column, in the order they print.
    pub const ALL: [IndicatorColumn; 8] = [
        IndicatorColumn::Tt,
        IndicatorColumn::Name,
        IndicatorColumn::Unit,
        IndicatorColumn::Target,
        IndicatorColumn::Result,
        IndicatorColumn::Status,
        IndicatorColumn::Lead,
        IndicatorColumn::Note,
    ];

    /// The clerk's name of the column, as the window offers it.
    pub fn label(self) -> &'static str {
        match self {
            IndicatorColumn::Tt => "Số thứ tự",
            IndicatorColumn::Name => "Tên chỉ tiêu",
            IndicatorColumn::Unit => "Đơn vị tính",
            IndicatorColumn::Target => "Chỉ tiêu",
            IndicatorColumn::Result => "Kết quả",
            IndicatorColumn::Status => "Đánh giá",
            IndicatorColumn::Lead => "Đơn vị chủ trì",
            IndicatorColumn::Note => "Ghi chú",
        }
    }
}

/// How the rows of the indicator table are numbered.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum TableNumbering {
    /// 1, 2 … again under each group heading (I., II. …).
    #[default]
    PerGroup,
    /// 1 … n across the groups, as the plan numbers its indicators.
    Continuous,
}

impl TableNumbering {
    /// The choice as the window offers it.
    pub fn label(self) -> &'static str {
        match self {
            TableNumbering::PerGroup => "Đánh số lại trong từng nhóm",
            TableNumbering::Continuous => "Đánh số liên tục",
        }
    }
}

/// The columns and numbering of a report's indicator table.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct IndicatorTableOptions {
    /// The columns to print; they print in the order of [`IndicatorColumn::ALL`]
    /// whatever the order here. None at all prints the name alone.
    pub columns: Vec<IndicatorColumn>,
    pub numbering: TableNumbering,
}

/// The columns the table has always printed.
const DEFAULT_COLUMNS: [IndicatorColumn; 6] = [
    IndicatorColumn::Tt,
    IndicatorColumn::Name,
    IndicatorColumn::Target,
    IndicatorColumn::Result,
    IndicatorColumn::Status,
    IndicatorColumn::Lead,
];

impl Default for IndicatorTableOptions {
    fn default() -> Self {
        Self {
            columns: DEFAULT_COLUMNS.to_vec(),
            numbering: TableNumbering::default(),
        }
    }
}

impl IndicatorTableOptions {
    /// True for the options of a file that never changed them (then they are not saved).
    pub fn is_default(&self) -> bool {
        *self == Self::default()
    }

    /// Whether `column` prints.
    pub fn shows(&self, column: IndicatorColumn) -> bool {
        self.columns.contains(&column)
    }

    /// The columns that print, in print order, each once; the name alone when none is chosen.
    pub fn printed_columns(&self) -> Vec<IndicatorColumn> {
        let chosen: Vec<IndicatorColumn> = IndicatorColumn::ALL
            .into_iter()
            .filter(|c| self.shows(*c))
            .collect();
        if chosen.is_empty() {
            vec![IndicatorColumn::Name]
        } else {
            chosen
        }
    }

    /// These options with `column` shown or not, the columns kept in print order.
    pub fn with_column(&self, column: IndicatorColumn, shown: bool) -> Self {
        let columns = IndicatorColumn::ALL
            .into_iter()
            .filter(|c| if *c == column { shown } else { self.shows(*c) })
            .collect();
        Self {
            columns,
            numbering: self.numbering,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_defaults_are_the_columns_the_table_always_had() {
        let o = IndicatorTableOptions::default();
        assert!(o.is_default());
        assert_eq!(o.printed_columns(), DEFAULT_COLUMNS);
        assert_eq!(o.numbering, TableNumbering::PerGroup);
        assert!(!o.shows(IndicatorColumn::Note));
    }

    #[test]
    fn a_column_is_added_in_print_order_and_removed() {
        let o = IndicatorTableOptions::default().with_column(IndicatorColumn::Unit, true);
        assert_eq!(
            o.columns[..3],
            [
                IndicatorColumn::Tt,
                IndicatorColumn::Name,
                IndicatorColumn::Unit
            ]
        );
        let o = o.with_column(IndicatorColumn::Tt, false);
        assert!(!o.shows(IndicatorColumn::Tt));
        assert!(!o.is_default());
    }

    #[test]
    fn columns_print_once_in_order_and_never_none() {
        let o = IndicatorTableOptions {
            columns: vec![
                IndicatorColumn::Note,
                IndicatorColumn::Tt,
                IndicatorColumn::Note,
            ],
            numbering: TableNumbering::Continuous,
        };
        assert_eq!(
            o.printed_columns(),
            [IndicatorColumn::Tt, IndicatorColumn::Note]
        );
        let none = IndicatorTableOptions {
            columns: vec![],
            ..o
        };
        assert_eq!(none.printed_columns(), [IndicatorColumn::Name]);
    }

    #[test]
    fn missing_fields_read_as_the_defaults() {
        let o: IndicatorTableOptions = ron::from_str("(numbering: Continuous)").unwrap();
        assert_eq!(o.columns, DEFAULT_COLUMNS);
        assert_eq!(o.numbering, TableNumbering::Continuous);
        let text = ron::to_string(&o).unwrap();
        assert_eq!(ron::from_str::<IndicatorTableOptions>(&text).unwrap(), o);
    }
}
