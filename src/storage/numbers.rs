//! storage: the numbers of a project file checked on load. RON reads `NaN`, `inf` and
//! `1e308` as numbers; none of them is a figure a commune reports, and each would
//! print as "—%" or a 309-digit number. Counts and rates are never negative.

use crate::model::{Project, Target, Value};

/// The largest figure a report states (a thousand billion: a commune's budget in đồng).
pub const MAX_FIGURE: f64 = 1e15;

/// A number of the file that is not a figure.
#[derive(Clone, Debug, PartialEq)]
pub struct BadNumber {
    /// Where, in the clerk's words: `chỉ tiêu CT03, kết quả quý II năm 2026`.
    pub place: String,
    /// The value as read.
    pub value: f64,
}

impl BadNumber {
    /// Why, in Vietnamese.
    pub fn reason(&self) -> &'static str {
        if self.value.is_nan() {
            "không phải là một số (NaN)"
        } else if self.value.is_infinite() {
            "là vô cực, không phải một số liệu"
        } else if self.value < 0.0 {
            "là số âm; chỉ tiêu và kết quả không được âm"
        } else {
            "quá lớn để là một số liệu báo cáo"
        }
    }
}

fn check(place: impl FnOnce() -> String, value: f64) -> Result<(), BadNumber> {
    if value.is_finite() && (0.0..=MAX_FIGURE).contains(&value) {
        Ok(())
    } else {
        Err(BadNumber {
            place: place(),
            value,
        })
    }
}

/// The first number of `project` that is not a figure: indicator targets, values of
/// every period, the page setup.
pub fn first_bad_number(project: &Project) -> Option<BadNumber> {
    let plan = &project.plan;
    for ind in &plan.indicators {
        if let Target::Number { value, .. } = ind.target {
            let r = check(|| format!("chỉ tiêu {}, chỉ tiêu năm", ind.id), value);
            if let Err(e) = r {
                return Some(e);
            }
        }
    }
    for record in &project.periods {
        for (id, v) in &record.indicators {
            if let Some(Value::Number(value)) = v.value {
                let r = check(
                    || format!("chỉ tiêu {id}, kết quả {}", record.period.label()),
                    value,
                );
                if let Err(e) = r {
                    return Some(e);
                }
            }
        }
    }
    let s = &project.page_setup;
    let setup = [
        ("lề trên", s.margin_top_mm),
        ("lề dưới", s.margin_bottom_mm),
        ("lề trái", s.margin_left_mm),
        ("lề phải", s.margin_right_mm),
        ("cỡ chữ", s.body_size_pt),
        ("thụt đầu dòng", s.first_line_indent_mm),
        ("khoảng cách đoạn", s.paragraph_spacing_pt),
        ("giãn dòng", s.line_spacing),
        ("cỡ chữ số trang", s.page_number_size_pt),
    ];
    setup
        .into_iter()
        .find_map(|(name, v)| check(|| format!("định dạng trang, {name}"), f64::from(v)).err())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::sample;

    #[test]
    fn the_sample_has_only_figures() {
        assert_eq!(first_bad_number(&sample()), None);
    }

    #[test]
    fn nan_infinity_huge_and_negative_figures_are_found_with_their_place() {
        for bad in [f64::NAN, f64::INFINITY, 1e308, -3.0] {
            let mut p = sample();
            let period = p.periods[0].period;
            let (id, v) = p.periods[0].indicators.iter_mut().next().unwrap();
            let id = id.clone();
            v.value = Some(Value::Number(bad));
            let found = first_bad_number(&p).unwrap();
            assert_eq!(
                found.place,
                format!("chỉ tiêu {id}, kết quả {}", period.label())
            );
            assert!(!found.reason().is_empty());
        }
        let mut p = sample();
        p.page_setup.margin_left_mm = f32::NAN;
        assert_eq!(
            first_bad_number(&p).unwrap().place,
            "định dạng trang, lề trái"
        );
    }
}
