// Unit tests, compiled only under #[cfg(test)] (declared so in the parent module).

use super::*;
use crate::model::{
    Appendices, ChildNumbering, Comparison, Generated, Indicator, IndicatorValue, Period,
    PeriodKind, PeriodRecord, Project, Report, ReportKind, Review, Section, SectionRole, Signer,
    Target, Value,
};

fn project() -> Project {
    let mut p = Project::default();
    let org = &mut p.organisation;
    org.parent_body = "UBND thành phố Hải Phòng".into();
    org.issuing_body = vec!["ỦY BAN NHÂN DÂN".into(), "XÃ AN LÃM".into()];
    org.full_name = "Ủy ban nhân dân xã An Lãm".into();
    org.doc_code = "UBND".into();
    org.place = "An Lãm".into();
    org.archive = "VT, VH-XH".into();
    org.signers.push(Signer {
        id: "pct".into(),
        authority: vec!["TM. ỦY BAN NHÂN DÂN".into(), "KT. CHỦ TỊCH".into()],
        position: "PHÓ CHỦ TỊCH".into(),
        full_name: "Trần Văn Bình".into(),
    });
    p.plan.indicator_groups.push(crate::model::Group {
        id: "g1".into(),
        title: "Về chuyển đổi số".into(),
    });
    p.plan.indicators.push(Indicator {
        id: "CT01".into(),
        group: "g1".into(),
        name: "Tỷ lệ hồ sơ trực tuyến".into(),
        unit: "%".into(),
        target: Target::Number {
            cmp: Comparison::AtLeast,
            value: 90.0,
        },
        ..Indicator::default()
    });
    let mut rec = PeriodRecord::new(Period::new(2026, PeriodKind::Quarter(2)));
    rec.indicators.insert(
        "CT01".into(),
        IndicatorValue {
            value: Some(Value::Number(92.5)),
            evidence: String::new(),
        },
    );
    p.periods.push(rec);
    p
}

fn report() -> Report {
    let mut results = Section::new("kq", "Kết quả triển khai thực hiện");
    results.role = Some(SectionRole::Results);
    let mut indicators = Section::new("ct", "Kết quả thực hiện các chỉ tiêu");
    indicators.generated = Some(Generated::IndicatorTable);
    let mut assessment = Section::new("dg", "Đánh giá chung");
    assessment.numbering = ChildNumbering::Letters;
    assessment.children = vec![Section::new("ud", "Ưu điểm"), Section::new("hc", "Hạn chế")];
    let mut tasks = Section::new("nv", "Nhiệm vụ trọng tâm");
    tasks.children = vec![Section::new("nv1", "Về chuyển đổi số")];
    results.children = vec![tasks, indicators, assessment];
    let mut bases = Section::new("cc", "Căn cứ xây dựng báo cáo");
    bases.body = "- Căn cứ Kế hoạch số 18/KH-UBND;\n\n+ Căn cứ tình hình thực tế.\n".into();
    Report {
        id: "r".into(),
        kind: ReportKind::SoKet,
        period: Period::new(2026, PeriodKind::Quarter(2)),
        number: None,
        date: None,
        summary: "Sơ kết quý II năm 2026".into(),
        recipients: vec!["Sở Khoa học và Công nghệ".into()],
        opening: String::new(),
        sections: vec![bases, results],
        closing: "Trên đây là báo cáo./.".into(),
        distribution: vec!["Sở KH&CN (b/c);".into(), "Lưu trữ khác".into()],
        signer: "pct".into(),
        appendices: Appendices::default(),
        review: Review::default(),
        proofing: Default::default(),
        carried: Vec::new(),
        document_words: None,
        document: Default::default(),
        summary_tables: Vec::new(),
    }
}

/// Every paragraph's text in document order, columns left to right.
fn texts(doc: &Document) -> Vec<String> {
    let mut out = Vec::new();
    for part in &doc.parts {
        for b in &part.blocks {
            match b {
                Block::Paragraph(p) => out.push(p.text()),
                Block::Columns(c) => {
                    for col in &c.columns {
                        out.extend(col.paragraphs.iter().map(Paragraph::text));
                    }
                }
                Block::LabelList(l) => {
                    out.push(l.label.iter().map(|r| r.text.as_str()).collect());
                    out.extend(
                        l.items
                            .iter()
                            .map(|i| i.iter().map(|r| r.text.as_str()).collect()),
                    );
                }
                Block::Table(t) => out.push(format!("<table {} rows>", t.rows.len())),
                Block::Spacer { .. } => {}
            }
        }
    }
    out
}

fn draft() -> ComposeOptions {
    ComposeOptions::default()
}

#[test]
fn the_header_carries_agency_number_national_name_motto_and_date() {
    let doc = compose(&project(), &report(), draft());
    let t = texts(&doc);
    for expected in [
        "UBND THÀNH PHỐ HẢI PHÒNG",
        "ỦY BAN NHÂN DÂN",
        "XÃ AN LÃM",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "BÁO CÁO",
        "Sơ kết quý II năm 2026",
    ] {
        assert!(
            t.iter().any(|x| x == expected),
            "{expected} missing in {t:?}"
        );
    }
    assert!(
        t.iter()
            .any(|x| x.starts_with("Số:") && x.ends_with("/BC-UBND"))
    );
    assert!(
        t.iter()
            .any(|x| x.starts_with("An Lãm, ngày ") && x.ends_with("năm 2026"))
    );
}

#[test]
fn a_draft_is_marked_and_a_final_version_is_not() {
    let d = compose(&project(), &report(), draft());
    assert!(d.draft && texts(&d).iter().any(|x| x == "DỰ THẢO"));
    let f = compose(
        &project(),
        &report(),
        ComposeOptions {
            final_version: true,
        },
    );
    assert!(!f.draft && !texts(&f).iter().any(|x| x.contains("DỰ THẢO")));
}

#[test]
fn sections_are_numbered_by_depth_and_points_by_letter() {
    let t = texts(&compose(&project(), &report(), draft()));
    let start = t.iter().position(|x| x.starts_with("I. ")).unwrap();
    let end = t.iter().position(|x| x.starts_with("Trên đây")).unwrap();
    let headings: Vec<&String> = t[start..end]
        .iter()
        .filter(|x| x.contains(". ") || x.contains(") "))
        .filter(|x| !x.starts_with('-') && !x.starts_with('+'))
        .collect();
    assert_eq!(
        headings,
        [
            "I. CĂN CỨ XÂY DỰNG BÁO CÁO",
            "II. KẾT QUẢ TRIỂN KHAI THỰC HIỆN",
            "1. Nhiệm vụ trọng tâm",
            "1.1. Về chuyển đổi số",
            "2. Kết quả thực hiện các chỉ tiêu",
            "3. Đánh giá chung",
            "a) Ưu điểm",
            "b) Hạn chế",
        ]
    );
}

#[test]
fn text_lines_become_paragraphs_and_list_lines_stay_as_typed() {
    let t = texts(&compose(&project(), &report(), draft()));
    let i = t
        .iter()
        .position(|x| x == "I. CĂN CỨ XÂY DỰNG BÁO CÁO")
        .unwrap();
    assert_eq!(t[i + 1], "- Căn cứ Kế hoạch số 18/KH-UBND;");
    assert_eq!(t[i + 2], "+ Căn cứ tình hình thực tế.");
    assert_eq!(t[i + 3], "II. KẾT QUẢ TRIỂN KHAI THỰC HIỆN");
}

#[test]
fn the_indicator_table_shows_target_value_and_status() {
    let doc = compose(&project(), &report(), draft());
    let table = doc.parts[0]
        .blocks
        .iter()
        .find_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
        .unwrap();
    assert_eq!(table.columns[3].header, "Kết quả quý II/2026");
    assert!(matches!(&table.rows[0], TableRow::Group(r) if r[0].text == "I. Về chuyển đổi số"));
    let TableRow::Cells(cells) = &table.rows[1] else {
        panic!("expected cells")
    };
    let cell_texts: Vec<String> = cells.iter().map(|c| c[0].text.clone()).collect();
    assert_eq!(
        cell_texts,
        ["1", "Tỷ lệ hồ sơ trực tuyến", "≥ 90%", "92,5%", "Vượt", ""]
    );
}

#[test]
fn the_signature_block_lists_recipients_with_the_archive_line_last() {
    let t = texts(&compose(&project(), &report(), draft()));
    let i = t.iter().position(|x| x == "Nơi nhận:").unwrap();
    assert_eq!(t[i + 1], "- Sở KH&CN (b/c);");
    assert_eq!(t[i + 2], "- Lưu trữ khác;");
    assert_eq!(t[i + 3], "- Lưu: VT, VH-XH.");
    assert_eq!(
        &t[i + 4..],
        [
            "TM. ỦY BAN NHÂN DÂN",
            "KT. CHỦ TỊCH",
            "PHÓ CHỦ TỊCH",
            "Trần Văn Bình"
        ]
    );
}

#[test]
fn one_recipient_stands_on_the_kinh_gui_line() {
    let t = texts(&compose(&project(), &report(), draft()));
    assert!(t.iter().any(|x| x == "Kính gửi: Sở Khoa học và Công nghệ."));
}

#[test]
fn several_recipients_are_listed_with_semicolons_and_a_final_period() {
    let mut r = report();
    r.recipients = vec!["Sở Khoa học và Công nghệ".into(), "UBND thành phố;".into()];
    let t = texts(&compose(&project(), &r, draft()));
    let i = t.iter().position(|x| x == "Kính gửi:").unwrap();
    assert_eq!(t[i + 1], "- Sở Khoa học và Công nghệ;");
    assert_eq!(t[i + 2], "- UBND thành phố.");
}

#[test]
fn two_appendices_are_numbered_and_mentioned_in_the_body() {
    let mut r = report();
    r.appendices = Appendices {
        indicators: true,
        tasks: true,
    };
    let doc = compose(&project(), &r, draft());
    assert_eq!(doc.parts.len(), 3);
    let t = texts(&doc);
    assert!(t.iter().any(|x| x == "(Chi tiết tại Phụ lục I kèm theo)"));
    assert!(t.iter().any(|x| x == "Phụ lục II"));
    assert!(
        t.iter().any(|x| x.starts_with("(Kèm theo Báo cáo số")
            && x.ends_with("của Ủy ban nhân dân xã An Lãm)"))
    );
}

#[test]
fn a_single_appendix_is_called_phu_luc_without_a_number() {
    let mut r = report();
    r.appendices.indicators = true;
    let t = texts(&compose(&project(), &r, draft()));
    assert!(t.iter().any(|x| x == "Phụ lục"));
}

#[test]
fn an_empty_report_still_has_its_header_title_and_signature() {
    let mut r = report();
    r.sections.clear();
    r.closing.clear();
    r.summary.clear();
    r.recipients.clear();
    r.signer.clear();
    let t = texts(&compose(&project(), &r, draft()));
    assert!(t.iter().any(|x| x == "BÁO CÁO"));
    assert!(t.iter().any(|x| x == "Sơ kết quý II năm 2026"));
    assert!(t.iter().any(|x| x == "Nơi nhận:"));
    assert!(t.iter().any(|x| x == "TM. ỦY BAN NHÂN DÂN"));
}

#[test]
fn decomposed_text_is_composed_before_printing() {
    let mut r = report();
    r.sections[0].body = "Vie\u{302}\u{323}t Nam".into();
    let t = texts(&compose(&project(), &r, draft()));
    assert!(t.iter().any(|x| x == "Việt Nam"));
}

#[test]
fn the_metadata_names_the_report_and_the_organisation() {
    let doc = compose(&project(), &report(), draft());
    assert_eq!(doc.meta.author, "Ủy ban nhân dân xã An Lãm");
    assert_eq!(doc.meta.language, "vi");
    assert!(doc.meta.title.contains("quý II năm 2026"));
}
