//! Page format settings of Decree 30/2020 that a project may override.
//!
//! The defaults are the values of `spec/the-thuc-nd30.md`; an override outside the
//! legal range is refused by [`PageSetup::validate`] with a message naming the field.

use serde::{Deserialize, Serialize};

/// Page format of the exported report, in millimetres and points.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PageSetup {
    pub margin_top_mm: f32,
    pub margin_bottom_mm: f32,
    pub margin_left_mm: f32,
    pub margin_right_mm: f32,
    /// Body text size, 13–14 pt.
    pub body_size_pt: f32,
    /// First-line indent of body paragraphs: 10 mm or 12.7 mm.
    pub first_line_indent_mm: f32,
    /// Space after each paragraph, at least 6 pt.
    pub paragraph_spacing_pt: f32,
    /// Line spacing as a multiple of single spacing, 1.0–1.5.
    pub line_spacing: f32,
    /// Page number size, 13–14 pt.
    pub page_number_size_pt: f32,
}

impl Default for PageSetup {
    fn default() -> Self {
        Self {
            margin_top_mm: 20.0,
            margin_bottom_mm: 20.0,
            margin_left_mm: 30.0,
            margin_right_mm: 15.0,
            body_size_pt: 14.0,
            first_line_indent_mm: 12.7,
            paragraph_spacing_pt: 6.0,
            line_spacing: 1.0,
            page_number_size_pt: 13.0,
        }
    }
}

/// A page setting outside the range Decree 30/2020 allows.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[error("{field} = {value} nằm ngoài khoảng cho phép theo Nghị định 30/2020 ({allowed})")]
pub struct PageSetupError {
    /// The Vietnamese name of the setting.
    pub field: &'static str,
    pub value: f32,
    /// The allowed range, in words.
    pub allowed: &'static str,
}

impl PageSetup {
    /// Checks every setting against the decree; returns all the violations.
    pub fn validate(&self) -> Vec<PageSetupError> {
        let rules: [(&'static str, f32, f32, f32, &'static str); 9] = [
            ("Lề trên", self.margin_top_mm, 20.0, 25.0, "20–25 mm"),
            ("Lề dưới", self.margin_bottom_mm, 20.0, 25.0, "20–25 mm"),
            ("Lề trái", self.margin_left_mm, 30.0, 35.0, "30–35 mm"),
            ("Lề phải", self.margin_right_mm, 15.0, 20.0, "15–20 mm"),
            ("Cỡ chữ nội dung", self.body_size_pt, 13.0, 14.0, "13–14 pt"),
            (
                "Thụt đầu dòng",
                self.first_line_indent_mm,
                10.0,
                12.7,
                "10 mm hoặc 12,7 mm",
            ),
            (
                "Khoảng cách đoạn",
                self.paragraph_spacing_pt,
                6.0,
                24.0,
                "từ 6 pt trở lên",
            ),
            (
                "Giãn dòng",
                self.line_spacing,
                1.0,
                1.5,
                "từ 1,0 đến 1,5 dòng",
            ),
            (
                "Cỡ chữ số trang",
                self.page_number_size_pt,
                13.0,
                14.0,
                "13–14 pt",
            ),
        ];
        rules
            .into_iter()
            .filter(|(_, v, lo, hi, _)| !(v.is_finite() && *v >= *lo - 1e-3 && *v <= *hi + 1e-3))
            .map(|(field, value, _, _, allowed)| PageSetupError {
                field,
                value,
                allowed,
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_page_setup_is_legal() {
        assert!(PageSetup::default().validate().is_empty());
    }

    #[test]
    fn a_left_margin_of_25_mm_is_refused_with_its_name() {
        let setup = PageSetup {
            margin_left_mm: 25.0,
            ..PageSetup::default()
        };
        let errs = setup.validate();
        assert_eq!(errs.len(), 1);
        assert_eq!(errs[0].field, "Lề trái");
        assert!(errs[0].to_string().contains("30–35 mm"));
    }

    #[test]
    fn a_nan_setting_is_refused() {
        let setup = PageSetup {
            line_spacing: f32::NAN,
            ..PageSetup::default()
        };
        assert_eq!(setup.validate().len(), 1);
    }
}
