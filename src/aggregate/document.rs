//! aggregate: the city's summary as a report in the Decree 30 format: a project of
//! the issuing office (Sở, UBND thành phố, Ban chỉ đạo…) with one report, composed by
//! `compose` like any commune's report, its tables carried as appendices printed on
//! A4 turned sideways ([`super::appendix`]). Saved as a project file, the summary is
//! the user's settings (issuer, number, signer, Nơi nhận, opening and assessment
//! text): [`update`] rewrites only what the aggregation generates, and review,
//! approval, the final and sign-ready versions, printing and `verify` are those of
//! every report.

use std::collections::BTreeMap;

use super::{Aggregate, SkipReason};
use crate::model::rich::escape;
use crate::model::{
    Organisation, Period, PeriodKind, Project, Report, ReportKind, Section, Signer,
};
use crate::vi::format_number;

/// Id of the assessment section, written once from the figures and then the user's.
pub const ASSESSMENT_SECTION: &str = "danh-gia";

/// The department that sums the communes' reports, under the city of their headers.
fn organisation(agg: &Aggregate) -> Organisation {
    let city = agg.city.trim();
    let folded = crate::vi::fold(city);
    let place_words = [
        "uy ban nhan dan thanh pho",
        "ubnd thanh pho",
        "uy ban nhan dan tinh",
        "ubnd tinh",
    ]
    .into_iter()
    .find(|p| folded.starts_with(&format!("{p} ")))
    .map_or(0, |p| p.split(' ').count());
    let place = if place_words == 0 {
        String::new()
    } else {
        let place: Vec<&str> = city.split_whitespace().skip(place_words).collect();
        super::read::title_case(&place.join(" "))
    };
    Organisation {
        parent_body: city.to_uppercase(),
        issuing_body: vec!["SỞ KHOA HỌC VÀ".to_owned(), "CÔNG NGHỆ".to_owned()],
        full_name: "Sở Khoa học và Công nghệ".to_owned(),
        short_name: "Sở KH&CN".to_owned(),
        doc_code: "SKHCN".to_owned(),
        place,
        signers: vec![Signer {
            id: "GD".to_owned(),
            authority: Vec::new(),
            position: "GIÁM ĐỐC".to_owned(),
            full_name: String::new(),
        }],
        archive: "VT".to_owned(),
        ..Organisation::default()
    }
}

fn section(id: &str, title: &str, body: Vec<String>) -> Section {
    Section {
        body: body.join("\n"),
        ..Section::new(id, title)
    }
}

/// `n` of `of` as `n/of (x%)`.
fn share(n: usize, of: usize) -> String {
    if of == 0 {
        return "0".to_owned();
    }
    format!(
        "{n}/{of} ({}%)",
        format_number(100.0 * n as f64 / of as f64, 1)
    )
}

fn intake(agg: &Aggregate) -> Section {
    let not_taken = if agg.skipped.is_empty() {
        "mọi tệp đều được lấy".to_owned()
    } else {
        format!(
            "{} tệp không lấy (chi tiết tại Phụ lục III)",
            agg.skipped.len()
        )
    };
    let mut lines = vec![escape(&format!(
        "Tổng hợp từ {} tệp dự án; đã lấy số liệu của {} xã, phường có báo cáo {}; {not_taken}.",
        agg.files,
        agg.communes.len(),
        agg.period.label(),
    ))];
    let mut by_reason: BTreeMap<SkipReason, usize> = BTreeMap::new();
    for s in &agg.skipped {
        *by_reason.entry(s.reason).or_default() += 1;
    }
    for (reason, n) in by_reason {
        lines.push(format!("- {}: {n} tệp;", escape(reason.label())));
    }
    section("tiep-nhan", "Tình hình tiếp nhận báo cáo", lines)
}

fn indicators(agg: &Aggregate) -> Section {
    let sum =
        |f: &dyn Fn(&super::IndicatorRow) -> usize| agg.indicators.iter().map(f).sum::<usize>();
    let all = sum(&|r| r.communes());
    let mut lines = vec![escape(&format!(
        "Các xã, phường theo dõi {} chỉ tiêu (gộp theo tên). Trong {all} lượt chỉ tiêu: đạt và vượt {}; đúng tiến độ {}; chưa đạt {}; chưa có số liệu {} (chi tiết từng chỉ tiêu tại Phụ lục I).",
        agg.indicators.len(),
        share(sum(&|r| r.met), all),
        share(sum(&|r| r.on_track), all),
        share(sum(&|r| r.not_met), all),
        share(sum(&|r| r.no_data), all),
    ))];
    // Ranked by the commune report's own rule: an indicator that accrues over the year
    // and is on track for the period is not behind.
    let mut lowest: Vec<&super::IndicatorRow> = agg
        .indicators
        .iter()
        .filter(|r| r.communes() > 0 && r.not_met > 0)
        .collect();
    lowest.sort_by(|a, b| {
        a.on_course_share()
            .total_cmp(&b.on_course_share())
            .then_with(|| b.not_met.cmp(&a.not_met))
            .then_with(|| crate::vi::compare(&a.name, &b.name))
    });
    if !lowest.is_empty() {
        lines.push("Các chỉ tiêu có tỷ lệ xã, phường đạt hoặc đúng tiến độ thấp nhất:".to_owned());
        for r in lowest.into_iter().take(5) {
            lines.push(format!(
                "- {}: {} xã, phường đạt hoặc đúng tiến độ, {} chưa đạt;",
                escape(&r.name),
                share(r.on_course(), r.communes()),
                r.not_met
            ));
        }
    }
    let totals: Vec<&super::IndicatorRow> = agg
        .indicators
        .iter()
        .filter(|r| r.total.is_some_and(|t| t.kind == super::TotalKind::Sum))
        .collect();
    if !totals.is_empty() {
        lines.push("Tổng cộng của các xã, phường:".to_owned());
        for r in totals {
            let n = r.total.map_or(0, |t| t.communes);
            lines.push(format!(
                "- {}: {} {} ({n} xã, phường có số liệu);",
                escape(&r.name),
                super::appendix::total_label(r),
                escape(&r.unit)
            ));
        }
    }
    section("chi-tieu", "Kết quả thực hiện các chỉ tiêu", lines)
}

fn tasks(agg: &Aggregate) -> Section {
    let sum = |f: &dyn Fn(&crate::model::TaskCounts) -> usize| {
        agg.communes.iter().map(|c| f(&c.tasks)).sum::<usize>()
    };
    let total = sum(&|t| t.total);
    let mut lines = vec![escape(&format!(
        "Tổng số {total} nhiệm vụ của các xã, phường: hoàn thành {}; quá hạn {}; đang thực hiện {}; chưa triển khai {}; dừng thực hiện {} (chi tiết từng xã, phường tại Phụ lục II).",
        share(sum(&|t| t.done), total),
        share(sum(&|t| t.overdue.len()), total),
        share(sum(&|t| t.in_progress), total),
        share(sum(&|t| t.not_started), total),
        share(sum(&|t| t.dropped), total),
    ))];
    let mut late: Vec<&super::Commune> = agg
        .communes
        .iter()
        .filter(|c| !c.tasks.overdue.is_empty())
        .collect();
    late.sort_by(|a, b| {
        b.tasks
            .overdue
            .len()
            .cmp(&a.tasks.overdue.len())
            .then_with(|| crate::vi::compare(&a.name, &b.name))
    });
    if !late.is_empty() {
        lines.push("Các xã, phường có nhiều nhiệm vụ quá hạn nhất:".to_owned());
        for c in late.into_iter().take(5) {
            lines.push(format!(
                "- {}: {} nhiệm vụ quá hạn;",
                escape(&c.name),
                c.tasks.overdue.len()
            ));
        }
    }
    section("nhiem-vu", "Tiến độ thực hiện các nhiệm vụ", lines)
}

fn checks(agg: &Aggregate) -> Section {
    let with_errors: Vec<&super::Skipped> = agg
        .skipped
        .iter()
        .filter(|s| s.reason == super::SkipReason::HasErrors)
        .collect();
    let mut lines = vec![if with_errors.is_empty() {
        "Không tệp nào của kỳ tổng hợp còn lỗi khi kiểm tra.".to_owned()
    } else {
        escape(&format!(
            "{} tệp còn lỗi khi kiểm tra nên không được tổng hợp (như lệnh kiểm tra thư mục); đề nghị các xã, phường sửa và gửi lại:",
            with_errors.len()
        ))
    }];
    for s in with_errors.iter().take(10) {
        lines.push(format!(
            "- {}: {};",
            escape(&s.file.display().to_string()),
            escape(&s.detail)
        ));
    }
    section("kiem-tra", "Chất lượng số liệu", lines)
}

fn default_summary(period: Period) -> String {
    format!(
        "Tổng hợp kết quả thực hiện Nghị quyết số 57-NQ/TW của các xã, phường {}",
        period.label()
    )
}

fn default_opening(org: &Organisation, period: Period) -> String {
    escape(&format!(
        "Thực hiện chế độ báo cáo định kỳ về kết quả thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị, {} tổng hợp báo cáo {} của các xã, phường như sau:",
        org.full_name.trim(),
        period.label()
    ))
}

fn default_closing(period: Period) -> String {
    escape(&format!(
        "Trên đây là tổng hợp kết quả thực hiện của các xã, phường {}./.",
        period.label()
    ))
}

/// The assessment's first words, from the figures; the user's to rewrite.
fn assessment(agg: &Aggregate) -> Section {
    let all: usize = agg.indicators.iter().map(|r| r.communes()).sum();
    let on_course: usize = agg.indicators.iter().map(|r| r.on_course()).sum();
    let lines = vec![
        escape(&format!(
            "Đến hết {}, {} lượt chỉ tiêu của các xã, phường đạt, vượt hoặc đúng tiến độ.",
            agg.period.label(),
            share(on_course, all)
        )),
        "Đề nghị các xã, phường có chỉ tiêu chưa đạt, nhiệm vụ quá hạn tập trung chỉ đạo khắc phục trong kỳ tới.".to_owned(),
    ];
    section(ASSESSMENT_SECTION, "Đánh giá chung và kiến nghị", lines)
}

/// A new summary: a report of the city's department with the generated sections, the
/// opening, an assessment to edit and the tables, as a draft to review.
pub fn city_report(agg: &Aggregate) -> (Project, Report) {
    let organisation = organisation(agg);
    let mut project = Project {
        organisation,
        ..Project::default()
    };
    project.plan.year = agg.period.year;
    let place = project.organisation.place.trim().to_owned();
    let report = Report {
        id: format!("tong-hop-{}", agg.period.code()),
        kind: ReportKind::SoKet,
        period: agg.period,
        number: None,
        date: None,
        summary: default_summary(agg.period),
        recipients: if place.is_empty() {
            Vec::new()
        } else {
            vec![format!("Ủy ban nhân dân thành phố {place}")]
        },
        opening: default_opening(&project.organisation, agg.period),
        sections: Vec::new(),
        closing: default_closing(agg.period),
        distribution: vec!["Như trên".to_owned(), "Các xã, phường".to_owned()],
        signer: "GD".to_owned(),
        appendices: Default::default(),
        review: Default::default(),
        proofing: Default::default(),
        carried: Vec::new(),
        document_words: None,
        document: Default::default(),
        summary_tables: Vec::new(),
    };
    project.reports.push(report);
    let mut report = update(&mut project, agg);
    report.sections.push(assessment(agg));
    if let Some(r) = project.reports.first_mut() {
        *r = report.clone();
    }
    (project, report)
}

/// Rewrites in `project` (a summary made by [`city_report`], maybe edited since)
/// what the aggregation generates: the period, the generated sections (in place, or
/// first when missing) and the tables. The issuer, number, date, signer, Kính gửi,
/// Nơi nhận, the user's sections and the review are kept; the title line, opening and
/// closing are rewritten only while they are still the generated words of the old
/// period. Returns the report as it now stands (also first in the project).
pub fn update(project: &mut Project, agg: &Aggregate) -> Report {
    if project.reports.is_empty() {
        return city_report(agg).1;
    }
    let org = project.organisation.clone();
    let generated = [intake(agg), indicators(agg), tasks(agg), checks(agg)];
    let Some(report) = project.reports.first_mut() else {
        return city_report(agg).1;
    };
    let old = report.period;
    if report.summary == default_summary(old) {
        report.summary = default_summary(agg.period);
    }
    if report.opening == default_opening(&org, old) {
        report.opening = default_opening(&org, agg.period);
    }
    if report.closing == default_closing(old) {
        report.closing = default_closing(agg.period);
    }
    report.period = agg.period;
    report.kind = if agg.period.kind == PeriodKind::Year {
        ReportKind::TongKet
    } else {
        ReportKind::SoKet
    };
    let mut missing = Vec::new();
    for g in generated {
        match report.sections.iter_mut().find(|s| s.id == g.id) {
            Some(s) => {
                s.title = g.title;
                s.body = g.body;
            }
            None => missing.push(g),
        }
    }
    report.sections.splice(0..0, missing);
    report.summary_tables = super::appendix::tables(agg);
    project.plan.year = agg.period.year;
    report.clone()
}
