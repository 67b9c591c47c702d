//! A report (Báo cáo sơ kết / tổng kết): metadata, the section tree, closing and signature.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{IndicatorTableOptions, Period, ReportId, Review, SectionId, SignerId};

/// Whether the report reviews part of the year or the whole year.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ReportKind {
    /// Sơ kết: a quarter, six or nine months.
    #[default]
    SoKet,
    /// Tổng kết: the whole year.
    TongKet,
}

/// One report of the project.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Report {
    pub id: ReportId,
    #[serde(default)]
    pub kind: ReportKind,
    pub period: Period,
    /// Document number (`05` in `Số: 05/BC-UBND`); `None` while a draft has no number.
    #[serde(default)]
    pub number: Option<u32>,
    /// Date of issue; `None` leaves day and month blank on a draft.
    #[serde(default)]
    pub date: Option<NaiveDate>,
    /// The summary line under `BÁO CÁO` (trích yếu).
    #[serde(default)]
    pub summary: String,
    /// `Kính gửi` recipients; empty for none.
    #[serde(default)]
    pub recipients: Vec<String>,
    /// An optional paragraph between the title and the first section.
    #[serde(default)]
    pub opening: String,
    #[serde(default)]
    pub sections: Vec<Section>,
    /// The closing sentence (`Trên đây là …`).
    #[serde(default)]
    pub closing: String,
    /// `Nơi nhận` entries without the archive line (added from the organisation).
    #[serde(default)]
    pub distribution: Vec<String>,
    #[serde(default)]
    pub signer: SignerId,
    #[serde(default)]
    pub appendices: Appendices,
    #[serde(default)]
    pub review: Review,
    /// Proofing rules turned off and findings ignored in this report.
    #[serde(default, skip_serializing_if = "super::Proofing::is_default")]
    pub proofing: super::Proofing,
    /// What a report made from the previous period's left as written that may be
    /// stale (issue 23): listed by the checks while its sentence still reads so.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub carried: Vec<CarriedMark>,
    /// Words of an imported document's header and signature that differ from the
    /// project's and were chosen to print as the document wrote them (issue 23).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document_words: Option<DocumentWords>,
    /// The kind of document: a report (the default, not written, so files and
    /// approval fingerprints of reports stay as they were) or a notice.
    #[serde(default, skip_serializing_if = "DocumentType::is_report")]
    pub document: DocumentType,
    /// Tables made from other files (the city's summary of the communes' reports),
    /// printed as appendices after the generated ones; not written when empty, so
    /// files and approval fingerprints of reports stay as they were.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub summary_tables: Vec<super::SummaryTable>,
}

/// The kind of document a [`Report`] is (Decree 30/2020, Appendix III): it decides the
/// title word, the type code of the number and the skeleton; steps, review, approval
/// and printing are the same for all.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum DocumentType {
    /// Báo cáo (BC).
    #[default]
    BaoCao,
    /// Thông báo (TB) of the adjustments of a plan revision: `revision` is its index
    /// in [`super::Plan::revisions`].
    ThongBao { revision: usize },
}

impl DocumentType {
    pub fn is_report(&self) -> bool {
        *self == DocumentType::BaoCao
    }

    /// The type code in numbers: `BC`, `TB`.
    pub fn code(&self) -> &'static str {
        match self {
            DocumentType::BaoCao => "BC",
            DocumentType::ThongBao { .. } => "TB",
        }
    }

    /// The title word: `BÁO CÁO`, `THÔNG BÁO`.
    pub fn title_word(&self) -> &'static str {
        match self {
            DocumentType::BaoCao => "BÁO CÁO",
            DocumentType::ThongBao { .. } => "THÔNG BÁO",
        }
    }

    /// The name in a sentence: `Báo cáo`, `Thông báo`.
    pub fn name(&self) -> &'static str {
        match self {
            DocumentType::BaoCao => "Báo cáo",
            DocumentType::ThongBao { .. } => "Thông báo",
        }
    }
}

/// The header and signature words a report prints instead of its project's: those of
/// the document it was imported from, where the clerk chose them.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DocumentWords {
    /// The body above the issuing one.
    pub parent_body: Option<String>,
    /// The issuing body's lines.
    pub issuing_body: Option<Vec<String>>,
    /// The place of the date line.
    pub place: Option<String>,
    /// The `Lưu:` line's content.
    pub archive: Option<String>,
    /// The signature block: authority lines, position, name.
    pub signer: Option<super::Signer>,
}

impl DocumentWords {
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }
}

impl Report {
    /// The date written into the final: when the report was approved (the last
    /// approval recorded in its history), else its issue date, else the end of its
    /// period. Never the clock: the same approved report gives the same bytes.
    pub fn final_date(&self) -> chrono::NaiveDateTime {
        let approved = self
            .review
            .history
            .iter()
            .rev()
            .find(|t| t.to == super::ReportStatus::Approved)
            .map(|t| t.at);
        approved
            .or_else(|| self.date.and_then(|d| d.and_hms_opt(0, 0, 0)))
            .or_else(|| self.period.end_date().and_then(|d| d.and_hms_opt(0, 0, 0)))
            .or_else(|| NaiveDate::from_ymd_opt(2000, 1, 1).and_then(|d| d.and_hms_opt(0, 0, 0)))
            .unwrap_or_default()
    }

    /// The organisation as this report prints it: the project's, with the words of
    /// the document it came from where they were chosen; the report's signer is the
    /// document's when it has one.
    pub fn printed_organisation<'a>(
        &self,
        org: &'a super::Organisation,
    ) -> std::borrow::Cow<'a, super::Organisation> {
        let Some(words) = self.document_words.as_ref().filter(|w| !w.is_empty()) else {
            return std::borrow::Cow::Borrowed(org);
        };
        let mut printed = org.clone();
        if let Some(p) = &words.parent_body {
            printed.parent_body = p.clone();
        }
        if let Some(lines) = &words.issuing_body {
            printed.issuing_body = lines.clone();
        }
        if let Some(p) = &words.place {
            printed.place = p.clone();
        }
        if let Some(a) = &words.archive {
            printed.archive = a.clone();
        }
        if let Some(s) = &words.signer {
            let signer = super::Signer {
                id: self.signer.clone(),
                ..s.clone()
            };
            match printed.signers.iter_mut().find(|x| x.id == self.signer) {
                Some(x) => *x = signer,
                None => printed.signers.push(signer),
            }
        }
        std::borrow::Cow::Owned(printed)
    }
}

/// Something left as written when a report was made from the previous period's, that
/// may be stale: the words, the sentence they stand in, and why they were not moved.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CarriedMark {
    /// The section whose text holds it; none for the trích yếu, opening or câu kết.
    #[serde(default)]
    pub section: Option<SectionId>,
    pub said: String,
    pub sentence: String,
    pub why: CarriedWhy,
}

/// Why words that may be stale were left as written in a report made from the
/// previous period's.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CarriedWhy {
    /// A period word quoting another document (its title or its date).
    Citation,
    /// A table comparing periods: its header stays over its figures.
    Table,
    /// A sentence moved to the new period that still carries the old period's figures.
    Figures,
    /// A month of the old period (`tháng 6/2026`).
    Month,
    /// In Nhiệm vụ thời gian tới: a deadline that falls before the new period ends.
    Deadline,
}

impl CarriedWhy {
    /// What to do about it, in words.
    pub fn text(self) -> &'static str {
        match self {
            CarriedWhy::Citation => {
                "nằm trong trích dẫn văn bản khác nên giữ nguyên; xem văn bản được trích có còn đúng không"
            }
            CarriedWhy::Table => {
                "bảng so sánh các kỳ giữ nguyên tiêu đề cùng số liệu; hãy cập nhật cả bảng cho kỳ mới"
            }
            CarriedWhy::Figures => {
                "câu đã chuyển sang kỳ mới nhưng số liệu vẫn là của kỳ trước; hãy cập nhật số liệu"
            }
            CarriedWhy::Month => "tháng thuộc kỳ trước; xem lại có cần sửa không",
            CarriedWhy::Deadline => "thời hạn đã qua so với kỳ báo cáo mới; hãy đặt lại thời hạn",
        }
    }
}

/// Which generated appendices follow the report.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Appendices {
    /// Phụ lục: indicator results of the period.
    pub indicators: bool,
    /// Phụ lục: task progress of the period.
    pub tasks: bool,
}

/// The part of the sơ kết skeleton a section plays; user sub-sections have none.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum SectionRole {
    /// I. Căn cứ xây dựng báo cáo.
    Bases,
    /// II. Kết quả triển khai thực hiện.
    Results,
    /// 1. Công tác lãnh đạo, chỉ đạo.
    Leadership,
    /// 2. Kết quả thực hiện các nhiệm vụ trọng tâm.
    KeyTasks,
    /// 3. Kết quả thực hiện các chỉ tiêu.
    IndicatorResults,
    /// 4. Đánh giá chung.
    Assessment,
    /// a) Ưu điểm.
    Strengths,
    /// b) Hạn chế.
    Shortcomings,
    /// c) Nguyên nhân.
    Causes,
    /// III. Nhiệm vụ, giải pháp thời gian tới.
    NextTasks,
    /// IV. Kiến nghị, đề xuất.
    Proposals,
    /// A notice's căn cứ (the request and the plan).
    NoticeBases,
    /// A notice's decision sentence (`… thông báo điều chỉnh … như sau:`).
    NoticeDecision,
    /// A notice's adjustments of indicators (Phụ lục số 01).
    NoticeIndicators,
    /// A notice's adjustments of tasks (Phụ lục số 02).
    NoticeTasks,
    /// A notice's tổ chức thực hiện.
    NoticeImplementation,
}

/// How the children of a section are numbered; numbers are never typed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ChildNumbering {
    /// By depth, as the decree's practice has it: I. → 1. → 1.1. → 1.1.1.
    #[default]
    Auto,
    /// Points a), b), c) … in Vietnamese alphabet order.
    Letters,
    /// Roman numerals I., II., III.
    Roman,
    /// Arabic numerals 1., 2., 3., whatever the depth.
    Arabic,
    /// A dash before each title (`- Về dữ liệu`).
    Dash,
    /// No number: the title alone.
    Unnumbered,
}

impl ChildNumbering {
    /// Every style, in the order the window offers them.
    pub const ALL: [ChildNumbering; 6] = [
        Self::Auto,
        Self::Letters,
        Self::Roman,
        Self::Arabic,
        Self::Dash,
        Self::Unnumbered,
    ];

    /// Vietnamese name shown in the window.
    pub fn label(self) -> &'static str {
        match self {
            Self::Auto => "Tự động theo cấp (I., 1., 1.1.)",
            Self::Letters => "Chữ cái a), b), c)",
            Self::Roman => "Số La Mã I., II.",
            Self::Arabic => "Số 1., 2., 3.",
            Self::Dash => "Gạch đầu dòng -",
            Self::Unnumbered => "Không đánh số",
        }
    }
}

/// Content the program generates from the plan inside a section, after its text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Generated {
    /// The table of indicator results of the report's period.
    IndicatorTable,
    /// The table of task progress of the report's period.
    TaskTable,
}

/// A numbered section: a title, rich text (see [`super::rich`]), children.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Section {
    pub id: SectionId,
    pub role: Option<SectionRole>,
    /// Title without its number.
    pub title: String,
    /// Rich text (format 2): one paragraph per line, indented list items, emphasis,
    /// tables; see [`super::rich`].
    pub body: String,
    pub generated: Option<Generated>,
    pub numbering: ChildNumbering,
    pub children: Vec<Section>,
    /// Start the section on a new page. Not written when false, so that files (and
    /// approval fingerprints) of sections that never ask stay as they were.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub new_page: bool,
    /// Columns and numbering of the indicator table, when `generated` is
    /// [`Generated::IndicatorTable`]; the indicator appendix prints the same way.
    #[serde(skip_serializing_if = "IndicatorTableOptions::is_default")]
    pub indicator_table: IndicatorTableOptions,
}

impl Section {
    pub fn new(id: impl Into<String>, title: impl Into<String>) -> Self {
        Self {
            id: id.into(),
            title: title.into(),
            ..Self::default()
        }
    }

    /// This section and all its descendants, depth first, in print order.
    pub fn walk(&self) -> Vec<&Section> {
        let mut out = vec![self];
        for c in &self.children {
            out.extend(c.walk());
        }
        out
    }
}

impl Report {
    /// All sections depth first, in print order.
    pub fn all_sections(&self) -> Vec<&Section> {
        self.sections.iter().flat_map(Section::walk).collect()
    }

    pub fn section(&self, id: &str) -> Option<&Section> {
        self.all_sections().into_iter().find(|s| s.id == id)
    }

    pub fn section_mut(&mut self, id: &str) -> Option<&mut Section> {
        fn find<'a>(list: &'a mut [Section], id: &str) -> Option<&'a mut Section> {
            for s in list {
                if s.id == id {
                    return Some(s);
                }
                if let Some(found) = find(&mut s.children, id) {
                    return Some(found);
                }
            }
            None
        }
        find(&mut self.sections, id)
    }

    /// How the indicator table prints: the options of the first section that holds the
    /// table, else the defaults (for an indicator appendix without such a section).
    pub fn indicator_table_options(&self) -> IndicatorTableOptions {
        self.all_sections()
            .into_iter()
            .find(|s| s.generated == Some(Generated::IndicatorTable))
            .map(|s| s.indicator_table.clone())
            .unwrap_or_default()
    }

    /// The first section playing `role`.
    pub fn section_by_role(&self, role: SectionRole) -> Option<&Section> {
        self.all_sections()
            .into_iter()
            .find(|s| s.role == Some(role))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::PeriodKind;

    fn report() -> Report {
        let mut results = Section::new("s2", "Kết quả");
        results.children = vec![
            Section::new("s21", "Lãnh đạo"),
            Section::new("s22", "Nhiệm vụ"),
        ];
        Report {
            id: "r1".into(),
            kind: ReportKind::SoKet,
            period: Period::new(2026, PeriodKind::Quarter(2)),
            number: None,
            date: None,
            summary: String::new(),
            recipients: vec![],
            opening: String::new(),
            sections: vec![Section::new("s1", "Căn cứ"), results],
            closing: String::new(),
            distribution: vec![],
            signer: String::new(),
            appendices: Appendices::default(),
            review: Review::default(),
            proofing: Default::default(),
            carried: Vec::new(),
            document_words: None,
            document: Default::default(),
            summary_tables: Vec::new(),
        }
    }

    #[test]
    fn sections_are_walked_in_print_order() {
        let ids: Vec<_> = report()
            .all_sections()
            .iter()
            .map(|s| s.id.clone())
            .collect();
        assert_eq!(ids, ["s1", "s2", "s21", "s22"]);
    }

    #[test]
    fn a_nested_section_can_be_found_and_changed_by_id() {
        let mut r = report();
        if let Some(s) = r.section_mut("s22") {
            s.body = "x".into();
        }
        assert_eq!(r.section("s22").map(|s| s.body.as_str()), Some("x"));
        assert!(r.section_mut("nope").is_none());
    }
}
