//! aggregate: the city's summary as a report in the Decree 30 format. The summary is
//! written as a report of the city's department (header, title, numbered sections,
//! closing, signature) and composed by `compose` like any commune's report; its
//! tables follow as appendices printed on A4 turned sideways. Layout and the PDF
//! writer then make it as they make every report.

use std::collections::BTreeMap;

use super::{Aggregate, SkipReason};
use crate::compose::{
    Align, ComposeOptions, Document, Run, Table, TableColumn, TableRow, appendix_part, compose,
};
use crate::model::rich::escape;
use crate::model::{
    Organisation, Period, PeriodKind, Project, Report, ReportKind, Section, Signer,
};
use crate::vi::format_number;

/// Cell text size of the appendix tables.
const TABLE_PT: f32 = 12.0;

/// The department that sums the communes' reports, under the city of their headers.
fn organisation(agg: &Aggregate) -> Organisation {
    let city = agg.city.trim();
    let folded = crate::import::fold(city);
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
        city.split_whitespace()
            .skip(place_words)
            .map(|w| {
                let lower = w.to_lowercase();
                let mut c = lower.chars();
                c.next()
                    .map(|f| f.to_uppercase().chain(c).collect::<String>())
                    .unwrap_or_default()
            })
            .collect::<Vec<_>>()
            .join(" ")
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
    let mut lines = vec![escape(&format!(
        "Tổng hợp từ {} tệp dự án; đã lấy số liệu của {} xã, phường có báo cáo {}; {} tệp không lấy (chi tiết tại Phụ lục III).",
        agg.files,
        agg.communes.len(),
        agg.period.label(),
        agg.skipped.len()
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
    let mut lowest: Vec<&super::IndicatorRow> =
        agg.indicators.iter().filter(|r| r.communes() > 0).collect();
    lowest.sort_by(|a, b| {
        (a.met as f64 / a.communes() as f64)
            .total_cmp(&(b.met as f64 / b.communes() as f64))
            .then_with(|| crate::vi::compare(&a.name, &b.name))
    });
    let lowest: Vec<_> = lowest
        .into_iter()
        .take(5)
        .filter(|r| r.met < r.communes())
        .collect();
    if !lowest.is_empty() {
        lines.push("Các chỉ tiêu có tỷ lệ xã, phường đạt thấp nhất:".to_owned());
        for r in lowest {
            lines.push(format!(
                "- {}: {} xã, phường đạt;",
                escape(&r.name),
                share(r.met, r.communes())
            ));
        }
    }
    section("chi-tieu", "Kết quả thực hiện các chỉ tiêu", lines)
}

fn tasks(agg: &Aggregate) -> Section {
    let sum = |f: &dyn Fn(&super::TaskCounts) -> usize| {
        agg.communes.iter().map(|c| f(&c.tasks)).sum::<usize>()
    };
    let total = sum(&|t| t.total);
    let mut lines = vec![escape(&format!(
        "Tổng số {total} nhiệm vụ của các xã, phường: hoàn thành {}; quá hạn {}; đang thực hiện {}; chưa triển khai {}; dừng thực hiện {} (chi tiết từng xã, phường tại Phụ lục II).",
        share(sum(&|t| t.done), total),
        share(sum(&|t| t.overdue), total),
        share(sum(&|t| t.in_progress), total),
        share(sum(&|t| t.not_started), total),
        share(sum(&|t| t.dropped), total),
    ))];
    let mut late: Vec<&super::Commune> = agg
        .communes
        .iter()
        .filter(|c| c.tasks.overdue > 0)
        .collect();
    late.sort_by(|a, b| {
        b.tasks
            .overdue
            .cmp(&a.tasks.overdue)
            .then_with(|| crate::vi::compare(&a.name, &b.name))
    });
    if !late.is_empty() {
        lines.push("Các xã, phường có nhiều nhiệm vụ quá hạn nhất:".to_owned());
        for c in late.into_iter().take(5) {
            lines.push(format!(
                "- {}: {} nhiệm vụ quá hạn;",
                escape(&c.name),
                c.tasks.overdue
            ));
        }
    }
    section("nhiem-vu", "Tiến độ thực hiện các nhiệm vụ", lines)
}

fn checks(agg: &Aggregate) -> Section {
    let with_errors: Vec<&super::Commune> = agg.communes.iter().filter(|c| c.errors > 0).collect();
    let mut lines = vec![if with_errors.is_empty() {
        "Không xã, phường nào có tệp còn lỗi khi kiểm tra.".to_owned()
    } else {
        escape(&format!(
            "{} xã, phường có tệp còn lỗi khi kiểm tra; số liệu của các xã, phường này vẫn được tổng hợp và cần được rà soát:",
            with_errors.len()
        ))
    }];
    for c in with_errors.into_iter().take(10) {
        lines.push(format!("- {}: {} lỗi;", escape(&c.name), c.errors));
    }
    section("kiem-tra", "Chất lượng số liệu", lines)
}

/// The summary as a report of the city's department.
pub fn city_report(agg: &Aggregate) -> (Project, Report) {
    let mut project = Project {
        organisation: organisation(agg),
        ..Project::default()
    };
    project.plan.year = agg.period.year;
    let kind = if agg.period.kind == PeriodKind::Year {
        ReportKind::TongKet
    } else {
        ReportKind::SoKet
    };
    let report = Report {
        id: format!("tong-hop-{}", agg.period.code()),
        kind,
        period: agg.period,
        number: None,
        date: None,
        summary: format!(
            "Tổng hợp kết quả thực hiện Nghị quyết số 57-NQ/TW của các xã, phường {}",
            agg.period.label()
        ),
        recipients: Vec::new(),
        opening: String::new(),
        sections: vec![intake(agg), indicators(agg), tasks(agg), checks(agg)],
        closing: escape(&format!(
            "Trên đây là tổng hợp kết quả thực hiện của các xã, phường {}./.",
            agg.period.label()
        )),
        distribution: Vec::new(),
        signer: "GD".to_owned(),
        appendices: Default::default(),
        review: Default::default(),
        proofing: Default::default(),
        carried: Vec::new(),
        document_words: None,
        document: Default::default(),
    };
    project.reports.push(report.clone());
    (project, report)
}

/// A numbered table: the `TT` column, then `columns` (header, width weight, alignment),
/// one row per item with the texts `row` gives.
fn numbered<T>(
    columns: &[(&str, f32, Align)],
    items: &[T],
    row: impl Fn(&T) -> Vec<String>,
) -> Table {
    let columns = std::iter::once(("TT", 4.0, Align::Center))
        .chain(columns.iter().copied())
        .map(|(header, weight, align)| TableColumn {
            header: header.to_owned(),
            weight,
            align,
        })
        .collect();
    let rows = items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let texts = std::iter::once((i + 1).to_string()).chain(row(item));
            TableRow::Cells(texts.map(|t| vec![Run::plain(t)]).collect())
        })
        .collect();
    Table {
        columns,
        rows,
        size_pt: TABLE_PT,
        space_after_pt: 6.0,
        source: Default::default(),
    }
}

const C: Align = Align::Center;
const L: Align = Align::Left;

fn indicator_table(agg: &Aggregate) -> Table {
    let columns = [
        ("Chỉ tiêu", 28.0, L),
        ("Đơn vị tính", 6.5, C),
        ("Số xã, phường", 7.0, C),
        ("Đạt, vượt", 6.0, C),
        ("Đúng tiến độ", 6.0, C),
        ("Chưa đạt", 6.0, C),
        ("Chưa có số liệu", 6.0, C),
        ("Tỷ lệ đạt (%)", 6.0, C),
        ("Nhỏ nhất", 6.5, C),
        ("Trung vị", 6.5, C),
        ("Lớn nhất", 6.5, C),
    ];
    numbered(&columns, &agg.indicators, |r| {
        let stat = |f: fn(&super::Stats) -> f64| {
            r.stats
                .as_ref()
                .map_or("—".to_owned(), |s| format_number(f(s), 2))
        };
        let rate = if r.communes() == 0 {
            "—".to_owned()
        } else {
            format_number(100.0 * r.met as f64 / r.communes() as f64, 1)
        };
        vec![
            r.name.clone(),
            r.unit.clone(),
            r.communes().to_string(),
            r.met.to_string(),
            r.on_track.to_string(),
            r.not_met.to_string(),
            r.no_data.to_string(),
            rate,
            stat(|s| s.min),
            stat(|s| s.median),
            stat(|s| s.max),
        ]
    })
}

fn commune_table(agg: &Aggregate) -> Table {
    let columns = [
        ("Xã, phường", 18.0, L),
        ("Số chỉ tiêu", 6.0, C),
        ("Đạt, vượt", 6.0, C),
        ("Đúng tiến độ", 6.0, C),
        ("Chưa đạt", 6.0, C),
        ("Chưa có số liệu", 6.0, C),
        ("Số nhiệm vụ", 6.0, C),
        ("Hoàn thành", 6.5, C),
        ("Quá hạn", 6.0, C),
        ("Lỗi khi kiểm tra", 6.5, C),
    ];
    numbered(&columns, &agg.communes, |m| {
        let counts = [
            m.indicators.len(),
            m.met,
            m.on_track,
            m.not_met,
            m.no_data,
            m.tasks.total,
            m.tasks.done,
            m.tasks.overdue,
            m.errors,
        ];
        std::iter::once(m.name.clone())
            .chain(counts.iter().map(ToString::to_string))
            .collect()
    })
}

fn skipped_table(agg: &Aggregate) -> Table {
    let columns = [("Tệp", 20.0, L), ("Lý do", 10.0, L), ("Chi tiết", 40.0, L)];
    numbered(&columns, &agg.skipped, |s| {
        vec![
            s.file.display().to_string(),
            s.reason.label().to_owned(),
            s.detail.clone(),
        ]
    })
}

/// The summary's document tree: the report, then Phụ lục I (indicators), II
/// (communes) and, when some files were not taken, III, each on sideways pages.
pub fn document(agg: &Aggregate) -> Document {
    let (project, report) = city_report(agg);
    let mut doc = compose(&project, &report, ComposeOptions::default());
    let period = period_upper(agg.period);
    let mut appendices = vec![
        (
            format!("KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU CỦA CÁC XÃ, PHƯỜNG {period}"),
            indicator_table(agg),
        ),
        (
            format!("KẾT QUẢ THEO TỪNG XÃ, PHƯỜNG {period}"),
            commune_table(agg),
        ),
    ];
    if !agg.skipped.is_empty() {
        appendices.push(("CÁC TỆP KHÔNG ĐƯỢC TỔNG HỢP".to_owned(), skipped_table(agg)));
    }
    for (i, (title, t)) in appendices.into_iter().enumerate() {
        let name = format!("Phụ lục {}", crate::vi::roman(i as u32 + 1));
        doc.parts
            .push(appendix_part(&project, &report, &name, &title, t, true));
    }
    doc
}

fn period_upper(p: Period) -> String {
    p.label().to_uppercase()
}
