//! The guided editor's steps, with a short guidance text and suggested phrases per step.
//!
//! The editor walks a clerk through a sơ kết report one step at a time ([`Step::ALL`]).
//! Each step edits some sections of the report ([`Step::roles`]) and shows a
//! [`StepGuide`]: what this part of the report must say, phrases to insert with one
//! click, and a short example. The texts live in `assets/huong-dan.ron`, compiled into
//! the program and parsed once.
//!
//! A phrase may contain placeholders in braces (`{số}`, `{ngày}`) for what the clerk
//! must fill in; [`placeholders`] and [`first_placeholder_chars`] find them so the
//! editor can select the first one right after inserting the phrase.

use std::ops::Range;
use std::sync::OnceLock;

use serde::Deserialize;

use crate::model::SectionRole;

/// The guidance file, compiled into the program.
const ASSET: &str = include_str!("../assets/huong-dan.ron");

/// A step of the guided editor, in the order the clerk walks through them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize)]
pub enum Step {
    /// Period, number, date, summary line, `Kính gửi`, closing sentence.
    ThongTin,
    /// I. Căn cứ xây dựng báo cáo.
    CanCu,
    /// II. Kết quả: leadership and the key-task sub-sections.
    KetQua,
    /// The values of the indicators for the period (and the sentence above the table).
    ChiTieu,
    /// The progress of the plan's tasks in the period.
    NhiemVu,
    /// a) Ưu điểm (with the overall assessment it belongs to).
    UuDiem,
    /// b) Hạn chế.
    HanChe,
    /// c) Nguyên nhân.
    NguyenNhan,
    /// III. Nhiệm vụ, giải pháp thời gian tới.
    NhiemVuToi,
    /// IV. Kiến nghị, đề xuất.
    KienNghi,
    /// Signer and `Nơi nhận`.
    KyNhan,
    /// Comments, the review status and its history; merging review files.
    Duyet,
    /// Review the whole report and export it.
    XuatBan,
}

impl Step {
    /// Every step, in editor order.
    pub const ALL: [Step; 13] = [
        Step::ThongTin,
        Step::CanCu,
        Step::KetQua,
        Step::ChiTieu,
        Step::NhiemVu,
        Step::UuDiem,
        Step::HanChe,
        Step::NguyenNhan,
        Step::NhiemVuToi,
        Step::KienNghi,
        Step::KyNhan,
        Step::Duyet,
        Step::XuatBan,
    ];

    /// The Vietnamese label shown in the list of steps.
    pub fn label(self) -> &'static str {
        match self {
            Step::ThongTin => "Thông tin chung",
            Step::CanCu => "Căn cứ",
            Step::KetQua => "Kết quả",
            Step::ChiTieu => "Chỉ tiêu",
            Step::NhiemVu => "Nhiệm vụ",
            Step::UuDiem => "Ưu điểm",
            Step::HanChe => "Hạn chế",
            Step::NguyenNhan => "Nguyên nhân",
            Step::NhiemVuToi => "Nhiệm vụ thời gian tới",
            Step::KienNghi => "Kiến nghị",
            Step::KyNhan => "Ký và nơi nhận",
            Step::Duyet => "Góp ý và duyệt",
            Step::XuatBan => "Xem lại và xuất",
        }
    }

    /// The section roles whose text this step edits, in print order; empty for the
    /// steps that edit report metadata, the plan's values or nothing.
    pub fn roles(self) -> &'static [SectionRole] {
        use SectionRole as R;
        match self {
            Step::CanCu => &[R::Bases, R::NoticeBases],
            // A notice's decision and its adjustments stand where a report's results do.
            Step::KetQua => &[
                R::Results,
                R::Leadership,
                R::KeyTasks,
                R::NoticeDecision,
                R::NoticeIndicators,
                R::NoticeTasks,
            ],
            Step::ChiTieu => &[R::IndicatorResults],
            Step::UuDiem => &[R::Assessment, R::Strengths],
            Step::HanChe => &[R::Shortcomings],
            Step::NguyenNhan => &[R::Causes],
            Step::NhiemVuToi => &[R::NextTasks, R::NoticeImplementation],
            Step::KienNghi => &[R::Proposals],
            Step::ThongTin | Step::NhiemVu | Step::KyNhan | Step::Duyet | Step::XuatBan => &[],
        }
    }

    /// The step that edits a section playing `role`.
    pub fn for_role(role: SectionRole) -> Step {
        use SectionRole as R;
        match role {
            R::Bases | R::NoticeBases => Step::CanCu,
            R::Results
            | R::Leadership
            | R::KeyTasks
            | R::NoticeDecision
            | R::NoticeIndicators
            | R::NoticeTasks => Step::KetQua,
            R::IndicatorResults => Step::ChiTieu,
            R::Assessment | R::Strengths => Step::UuDiem,
            R::Shortcomings => Step::HanChe,
            R::Causes => Step::NguyenNhan,
            R::NextTasks | R::NoticeImplementation => Step::NhiemVuToi,
            R::Proposals => Step::KienNghi,
        }
    }

    /// Position of the step in [`Step::ALL`] (0 for the first).
    pub fn index(self) -> usize {
        Step::ALL.iter().position(|s| *s == self).unwrap_or(0)
    }

    /// The step after this one, `None` for the last.
    pub fn next(self) -> Option<Step> {
        Step::ALL.get(self.index() + 1).copied()
    }

    /// The step before this one, `None` for the first.
    pub fn prev(self) -> Option<Step> {
        self.index()
            .checked_sub(1)
            .and_then(|i| Step::ALL.get(i).copied())
    }
}

/// What the editor shows beside a step: guidance, phrases to insert, an example.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StepGuide {
    /// A few sentences on what this part of a sơ kết report must say.
    pub guidance: String,
    /// Sentence starters and whole sentences, possibly with `{…}` placeholders.
    pub phrases: Vec<String>,
    /// A short example of the finished text (lines are paragraphs, as in a section body).
    pub example: String,
}

/// One entry of `assets/huong-dan.ron`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    step: Step,
    guidance: String,
    #[serde(default)]
    phrases: Vec<String>,
    #[serde(default)]
    example: String,
}

/// The guide of a step, empty when the bundled guidance could not be read (never
/// happens with the shipped asset: a test parses it).
pub fn guide(step: Step) -> &'static StepGuide {
    static EMPTY: StepGuide = StepGuide {
        guidance: String::new(),
        phrases: Vec::new(),
        example: String::new(),
    };
    static GUIDES: OnceLock<Vec<StepGuide>> = OnceLock::new();
    GUIDES
        .get_or_init(|| parse(ASSET).unwrap_or_default())
        .get(step.index())
        .unwrap_or(&EMPTY)
}

/// Parses a guidance file into one guide per step, in [`Step::ALL`] order; a step the
/// file does not mention gets an empty guide, a step mentioned twice is an error.
fn parse(text: &str) -> Result<Vec<StepGuide>, String> {
    let entries: Vec<Entry> = ron::from_str(text).map_err(|e| e.to_string())?;
    let mut out: Vec<Option<StepGuide>> = vec![None; Step::ALL.len()];
    for e in entries {
        let slot = out
            .get_mut(e.step.index())
            .ok_or_else(|| format!("bước không hợp lệ: {:?}", e.step))?;
        if slot.is_some() {
            return Err(format!("bước {:?} xuất hiện hai lần", e.step));
        }
        *slot = Some(StepGuide {
            guidance: e.guidance,
            phrases: e.phrases,
            example: e.example,
        });
    }
    Ok(out.into_iter().map(Option::unwrap_or_default).collect())
}

/// Byte ranges of the placeholders of `phrase`, braces included, in order.
///
/// A placeholder is `{`, at least one character other than braces and line breaks,
/// then `}`; stray braces are ignored.
pub fn placeholder_ranges(phrase: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    for (i, c) in phrase.char_indices() {
        match c {
            '{' => open = Some(i),
            '}' => {
                if let Some(start) = open.take()
                    && i > start + 1
                {
                    out.push(start..i + 1);
                }
            }
            '\n' | '\r' => open = None,
            _ => {}
        }
    }
    out
}

/// The placeholders of `phrase`, braces included (`{số}`), in order of appearance.
pub fn placeholders(phrase: &str) -> Vec<&str> {
    placeholder_ranges(phrase)
        .into_iter()
        .filter_map(|r| phrase.get(r))
        .collect()
}

/// The first placeholder of `phrase` as a range of character (not byte) positions,
/// braces included: what a text editor selects after inserting the phrase.
pub fn first_placeholder_chars(phrase: &str) -> Option<Range<usize>> {
    let bytes = placeholder_ranges(phrase).into_iter().next()?;
    let start = phrase.get(..bytes.start)?.chars().count();
    let len = phrase.get(bytes)?.chars().count();
    Some(start..start + len)
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::is_nfc;

    /// The steps where the clerk writes prose and needs a good choice of phrases.
    const WRITING: [Step; 8] = [
        Step::ThongTin,
        Step::CanCu,
        Step::KetQua,
        Step::UuDiem,
        Step::HanChe,
        Step::NguyenNhan,
        Step::NhiemVuToi,
        Step::KienNghi,
    ];

    const ALL_ROLES: [SectionRole; 11] = [
        SectionRole::Bases,
        SectionRole::Results,
        SectionRole::Leadership,
        SectionRole::KeyTasks,
        SectionRole::IndicatorResults,
        SectionRole::Assessment,
        SectionRole::Strengths,
        SectionRole::Shortcomings,
        SectionRole::Causes,
        SectionRole::NextTasks,
        SectionRole::Proposals,
    ];

    /// Every text of the asset with a name for messages.
    fn all_texts() -> Vec<(String, &'static str)> {
        let mut out = Vec::new();
        for step in Step::ALL {
            let g = guide(step);
            out.push((format!("{step:?} guidance"), g.guidance.as_str()));
            out.push((format!("{step:?} example"), g.example.as_str()));
            for (i, p) in g.phrases.iter().enumerate() {
                out.push((format!("{step:?} phrase {}", i + 1), p.as_str()));
            }
        }
        out
    }

    #[test]
    fn asset_parses_with_every_step_once() {
        let guides = parse(ASSET).unwrap();
        assert_eq!(guides.len(), Step::ALL.len());
        let entries: Vec<Entry> = ron::from_str(ASSET).unwrap();
        let steps: Vec<Step> = entries.iter().map(|e| e.step).collect();
        assert_eq!(steps, Step::ALL, "one entry per step, in editor order");
    }

    #[test]
    fn duplicate_step_is_an_error() {
        let text = r#"[(step: CanCu, guidance: "a"), (step: CanCu, guidance: "b")]"#;
        assert!(parse(text).is_err());
        let text = r#"[(step: CanCu, guidance: "a")]"#;
        let guides = parse(text).unwrap();
        assert_eq!(guides[Step::CanCu.index()].guidance, "a");
        assert!(guides[Step::ThongTin.index()].guidance.is_empty());
        assert!(parse("not ron").is_err());
    }

    #[test]
    fn every_step_has_guidance_and_an_example() {
        for step in Step::ALL {
            let g = guide(step);
            let n = g.guidance.chars().count();
            assert!((150..=1200).contains(&n), "{step:?}: guidance of {n} chars");
            assert!(
                g.guidance.ends_with('.'),
                "{step:?}: guidance ends with a full stop"
            );
            assert!(!g.example.trim().is_empty(), "{step:?}: no example");
        }
    }

    #[test]
    fn writing_steps_have_eight_to_fifteen_phrases() {
        for step in WRITING {
            let n = guide(step).phrases.len();
            assert!((8..=15).contains(&n), "{step:?}: {n} phrases");
        }
        for step in Step::ALL {
            let n = guide(step).phrases.len();
            assert!(n <= 15, "{step:?}: {n} phrases");
        }
    }

    #[test]
    fn phrases_are_distinct_single_lines() {
        for step in Step::ALL {
            let phrases = &guide(step).phrases;
            for (i, p) in phrases.iter().enumerate() {
                assert!(!p.contains('\n'), "{step:?}: {p:?} spans lines");
                assert_eq!(p.trim_end(), p, "{step:?}: {p:?} has trailing spaces");
                let indent = p.len() - p.trim_start().len();
                assert!(
                    indent == 0
                        || (indent % 2 == 0
                            && crate::model::rich::split_marker(p.trim_start()).is_some()),
                    "{step:?}: {p:?} is indented but not a list item"
                );
                assert!(!phrases[..i].contains(p), "{step:?}: {p:?} twice");
            }
        }
    }

    #[test]
    fn text_is_nfc_without_double_spaces() {
        for (name, text) in all_texts() {
            assert!(is_nfc(text), "{name} is not NFC");
            assert!(!text.contains('\t'), "{name} has a tab");
            for line in text.lines() {
                assert_eq!(line.trim_end(), line, "{name}: trailing space in {line:?}");
                // Leading spaces are a list level; inside a line, one space.
                assert!(
                    !line.trim_start().contains("  "),
                    "{name} has a double space: {line:?}"
                );
            }
        }
    }

    #[test]
    fn typography_is_vietnamese() {
        for (name, text) in all_texts() {
            for bad in [" ,", " .", " ;", " :", " )", "( ", "...", "\"", "'"] {
                assert!(!text.contains(bad), "{name} contains {bad:?}: {text:?}");
            }
            // Open syllables carry the tone on the first vowel of `oa`, `oe`, `uy`
            // (hóa, Ủy, the spelling of the source documents), except after `q`.
            for word in text.split(|c: char| !c.is_alphabetic()) {
                let lower = word.to_lowercase();
                if lower.starts_with("qu") {
                    continue;
                }
                for bad in [
                    "oá", "oà", "oả", "oã", "oạ", "oé", "oè", "oẻ", "oẽ", "oẹ", "uý", "uỳ", "uỷ",
                    "uỹ", "uỵ",
                ] {
                    assert!(!lower.ends_with(bad), "{name}: spell {word:?} the new way");
                }
            }
        }
    }

    #[test]
    fn placeholders_are_well_formed() {
        for (name, text) in all_texts() {
            let opens = text.matches('{').count();
            let closes = text.matches('}').count();
            assert_eq!(opens, closes, "{name}: unbalanced braces");
            assert_eq!(placeholders(text).len(), opens, "{name}: odd braces");
        }
    }

    #[test]
    fn bases_are_list_lines_with_the_right_ending() {
        for p in &guide(Step::CanCu).phrases {
            assert!(p.starts_with("- Căn cứ "), "{p:?}");
            assert!(p.ends_with(';') || p.ends_with('.'), "{p:?}");
        }
        let example: Vec<&str> = guide(Step::CanCu).example.lines().collect();
        let (last, rest) = example.split_last().unwrap();
        assert!(last.ends_with('.'));
        assert!(
            rest.iter()
                .all(|l| l.starts_with("- Căn cứ ") && l.ends_with(';'))
        );
    }

    #[test]
    fn general_step_offers_summary_and_closing() {
        let phrases = &guide(Step::ThongTin).phrases;
        assert!(phrases.iter().any(
            |p| p.starts_with("Sơ kết tình hình triển khai thực hiện ") && p.ends_with("{kỳ}")
        ));
        assert!(
            phrases
                .iter()
                .any(|p| p.starts_with("Trên đây là Báo cáo sơ kết ") && p.ends_with("/."))
        );
    }

    #[test]
    fn labels_in_order() {
        let labels: Vec<&str> = Step::ALL.iter().map(|s| s.label()).collect();
        assert_eq!(
            labels,
            [
                "Thông tin chung",
                "Căn cứ",
                "Kết quả",
                "Chỉ tiêu",
                "Nhiệm vụ",
                "Ưu điểm",
                "Hạn chế",
                "Nguyên nhân",
                "Nhiệm vụ thời gian tới",
                "Kiến nghị",
                "Ký và nơi nhận",
                "Góp ý và duyệt",
                "Xem lại và xuất",
            ]
        );
        for l in labels {
            assert!(is_nfc(l));
        }
    }

    #[test]
    fn for_role_round_trips_with_roles() {
        for role in ALL_ROLES {
            assert!(Step::for_role(role).roles().contains(&role), "{role:?}");
        }
        for step in Step::ALL {
            for role in step.roles() {
                assert_eq!(Step::for_role(*role), step);
            }
        }
        assert_eq!(Step::KetQua.roles()[0], SectionRole::Results);
        assert!(Step::ThongTin.roles().is_empty());
        assert!(Step::XuatBan.roles().is_empty());
    }

    #[test]
    fn next_and_prev_walk_the_steps() {
        assert_eq!(Step::ThongTin.prev(), None);
        assert_eq!(Step::XuatBan.next(), None);
        assert_eq!(Step::ThongTin.next(), Some(Step::CanCu));
        assert_eq!(Step::XuatBan.prev(), Some(Step::Duyet));
        assert_eq!(Step::Duyet.prev(), Some(Step::KyNhan));
        for (i, s) in Step::ALL.iter().enumerate() {
            assert_eq!(s.index(), i);
        }
    }

    #[test]
    fn placeholders_are_found_in_order() {
        let p = "- Căn cứ Kế hoạch số {số}/KH-UBND ngày {ngày} của Ủy ban nhân dân {xã} về …;";
        assert_eq!(placeholders(p), ["{số}", "{ngày}", "{xã}"]);
        let r = placeholder_ranges(p)[0].clone();
        assert_eq!(&p[r], "{số}");
        // "- Căn cứ Kế hoạch số " is 21 characters but more bytes.
        assert_eq!(first_placeholder_chars(p), Some(21..25));
        assert!(placeholders("không có gì").is_empty());
        assert_eq!(first_placeholder_chars("không có gì"), None);
        assert_eq!(placeholders("{} { a {b} c} }{"), ["{b}"]);
        assert_eq!(placeholders("{a\nb} {c}"), ["{c}"]);
    }
}
