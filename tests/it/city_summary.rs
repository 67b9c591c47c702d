//! The city's summary as the issuing office uses it (issue 27): progress-aware
//! judgement of the lowest indicators, totals recomputed from the communes' files, the
//! summary saved as the office's own project, approved, exported final, checked by
//! nd30check, signed with pyHanko and verified, its Word copy read by LibreOffice, and
//! one validity rule for `check FOLDER` and `aggregate`.

use std::path::Path;

use baocao::aggregate::{self, Options};
use baocao::model::{IndicatorStatus, Value};

use crate::aggregate::{
    COMMUNES, Q2, commune, folder, number, run, sample, sheet, string, text, write,
};
use crate::support::cli::tool;

fn pdf_text(pdf: &Path) -> String {
    let body = tool("pdftotext", &[pdf.to_str().unwrap(), "-"]);
    body.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn totals_equal_the_sum_of_the_communes_values_and_say_how_many_communes_count() {
    let dir = folder();
    let out = dir.path().join("TỔNG-HỢP.xlsx");
    let o = run(
        &["aggregate", "--period", "2026-Q2", "-o"],
        &[&out, dir.path()],
    );
    assert!(o.status.success(), "{}", text(&o));
    let rows = sheet(&out, "Chỉ tiêu");
    let plan = sample().plan.indicators;
    let mut summed = 0;
    for ind in &plan {
        let row = rows
            .iter()
            .find(|r| string(r, "Chỉ tiêu") == ind.name)
            .unwrap_or_else(|| panic!("no row for {}", ind.name));
        // Recomputed from the files themselves.
        let values: Vec<f64> = (0..COMMUNES.len())
            .filter_map(|i| {
                let p = commune(i);
                match p.indicator_value(Q2, &ind.id) {
                    Some(Value::Number(x)) => Some(*x),
                    _ => None,
                }
            })
            .collect();
        let counts = ind.unit != "%" && !ind.unit.is_empty();
        if counts {
            summed += 1;
            let total: f64 = values.iter().sum();
            assert!(
                (number(row, "Tổng") - total).abs() < 1e-6,
                "{}: {} ≠ {total}",
                ind.name,
                number(row, "Tổng")
            );
            assert_eq!(
                number(row, "Số xã, phường cộng"),
                values.len() as f64,
                "{}",
                ind.name
            );
        } else if ind.unit.is_empty() {
            // A yes/no indicator has no total.
            assert_eq!(string(row, "Tổng"), "", "{}", ind.name);
        }
    }
    assert!(summed >= 4, "the sample has four count indicators");
}

/// A commune whose rate's evidence gives its parts, for the recomputed rate.
#[test]
fn a_rate_total_is_recomputed_from_the_numerators_and_denominators_in_the_evidence() {
    let dir = tempfile::tempdir().unwrap();
    let parts: [(f64, f64); 3] = [(45.0, 50.0), (80.0, 100.0), (300.0, 400.0)];
    for (i, (a, b)) in parts.iter().enumerate() {
        let mut p = commune(i);
        let id = p.plan.indicators[0].id.clone();
        let rec = p.period_record_mut(Q2);
        let v = rec.indicators.get_mut(&id).unwrap();
        v.value = Some(Value::Number((1000.0 * a / b).round() / 10.0));
        v.evidence = format!("Ngày 29/6/2026: {a}/{b} hồ sơ");
        write(dir.path(), &format!("xa-{i}.ron"), &p);
    }
    let agg = aggregate::aggregate(dir.path(), &Options::default(), &|_, _| {}).unwrap();
    let name = &sample().plan.indicators[0].name;
    let row = agg.indicators.iter().find(|r| &r.name == name).unwrap();
    let t = row.total.unwrap();
    assert_eq!(t.kind, aggregate::TotalKind::Rate);
    assert_eq!(t.communes, 3);
    assert_eq!(t.parts, Some((425.0, 550.0)));
    assert!((t.value - 100.0 * 425.0 / 550.0).abs() < 1e-9);
}

#[test]
fn an_indicator_on_track_in_most_communes_is_not_ranked_among_the_lowest() {
    let dir = folder();
    let agg = aggregate::aggregate(
        dir.path(),
        &Options {
            period: Some(Q2),
            ..Options::default()
        },
        &|_, _| {},
    )
    .unwrap();
    // The sample's cumulative indicators are on track in some communes at quý II.
    let on_track: Vec<_> = agg.indicators.iter().filter(|r| r.on_track > 0).collect();
    assert!(!on_track.is_empty(), "the fixture has indicators on track");
    let (_, report) = aggregate::document::city_report(&agg);
    let body = &report.section("chi-tieu").unwrap().body;
    let listed: Vec<&str> = body
        .lines()
        .skip_while(|l| !l.contains("thấp nhất"))
        .skip(1)
        .take_while(|l| l.starts_with("- ") && l.contains("tiến độ"))
        .collect();
    assert!(!listed.is_empty(), "{body}");
    for r in &agg.indicators {
        let line = listed.iter().find(|l| l.contains(r.name.as_str()));
        if 2 * r.on_course() > r.communes() {
            assert!(line.is_none(), "{} listed among the lowest: {body}", r.name);
        }
        if let Some(line) = line {
            let n = r.on_course();
            assert!(line.contains(&format!("{n}/{}", r.communes())), "{line}");
        }
    }
    // The commune report's own statuses are what is counted.
    let statuses: usize = agg
        .communes
        .iter()
        .flat_map(|c| &c.indicators)
        .filter(|(e, _)| e.status == IndicatorStatus::OnTrack)
        .count();
    assert_eq!(
        statuses,
        agg.indicators.iter().map(|r| r.on_track).sum::<usize>()
    );
}

fn approve(path: &Path) {
    let mut project = baocao::storage::load(path).unwrap();
    let at = chrono::NaiveDate::from_ymd_opt(2026, 7, 10)
        .unwrap()
        .and_hms_opt(8, 30, 0)
        .unwrap();
    crate::sign_verify::approve(&mut project, "Phạm Quốc Hùng", at);
    baocao::storage::save(path, &project).unwrap();
}

#[test]
fn an_approved_summary_exports_final_with_its_signer_passes_nd30check_signs_and_verifies() {
    let dir = folder();
    let work = tempfile::tempdir().unwrap();
    let project = work.path().join("tong-hop.ron");
    let draft = work.path().join("du-thao.pdf");
    let o = run(
        &["aggregate", "--period", "2026-Q2", "--project"],
        &[&project, Path::new("-o"), &draft, dir.path()],
    );
    assert!(o.status.success(), "{}", text(&o));
    assert!(text(&o).contains("Đã tạo tệp dự án của bản tổng hợp"));
    assert!(pdf_text(&draft).contains("DỰ THẢO"));

    // The office's own words: issuer, number, signer, Nơi nhận, assessment.
    let mut p = baocao::storage::load(&project).unwrap();
    p.organisation.issuing_body = vec!["ỦY BAN NHÂN DÂN".into(), "THÀNH PHỐ HẢI PHÒNG".into()];
    p.organisation.full_name = "Ủy ban nhân dân thành phố Hải Phòng".into();
    p.organisation.doc_code = "UBND".into();
    p.organisation.signers[0].position = "CHỦ TỊCH".into();
    p.organisation.signers[0].authority = vec!["TM. ỦY BAN NHÂN DÂN".into()];
    p.organisation.signers[0].full_name = "Lê Ngọc Châu".into();
    let r = &mut p.reports[0];
    r.number = Some(214);
    r.date = chrono::NaiveDate::from_ymd_opt(2026, 7, 10);
    r.distribution = vec!["Thường trực Thành ủy (b/c)".into(), "Các xã, phường".into()];
    let assessment = r.section_mut("danh-gia").unwrap();
    assessment.body = "Kết quả quý II cho thấy các xã, phường triển khai đồng đều.".into();
    baocao::storage::save(&project, &p).unwrap();

    // Aggregating again keeps what the office wrote.
    let o = run(
        &["aggregate", "--period", "2026-Q2", "--project"],
        &[
            &project,
            Path::new("-o"),
            &work.path().join("lai.xlsx"),
            dir.path(),
        ],
    );
    assert!(o.status.success(), "{}", text(&o));
    let again = baocao::storage::load(&project).unwrap();
    assert_eq!(again.reports[0].number, Some(214));
    assert_eq!(again.organisation.signers[0].full_name, "Lê Ngọc Châu");
    assert!(
        again.reports[0]
            .section("danh-gia")
            .unwrap()
            .body
            .contains("đồng đều"),
        "the user's assessment is kept"
    );
    assert_eq!(again.reports[0].summary_tables.len(), 3);

    approve(&project);
    let fin = work.path().join("tong-hop.pdf");
    let o = run(
        &["export"],
        &[&project, Path::new("--final"), Path::new("-o"), &fin],
    );
    assert!(o.status.success(), "{}", text(&o));
    let body = pdf_text(&fin);
    assert!(!body.contains("DỰ THẢO"), "{body}");
    for needle in [
        "Lê Ngọc Châu",
        "CHỦ TỊCH",
        "214/BC-UBND",
        "Thường trực Thành ủy",
        "Phụ lục I",
        "Phụ lục III",
        "đồng đều",
    ] {
        assert!(body.contains(needle), "{needle} missing: {body}");
    }
    let check = std::process::Command::new("python3")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/tools/nd30check.py"))
        .arg(&fin)
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&check.stdout);
    assert!(check.status.success(), "{report}");

    let signed = work.path().join("tong-hop-da-ky.pdf");
    crate::sign_verify::sign(work.path(), &fin, &signed, "Lê Ngọc Châu", "ChuKy1");
    let (ok, said) =
        crate::sign_verify::verify(&[signed.to_str().unwrap(), project.to_str().unwrap()]);
    assert!(ok, "{said}");
}

#[test]
fn the_summary_in_word_opens_in_libreoffice_with_the_same_tables() {
    if !crate::docx_export::has_soffice() {
        return;
    }
    let dir = folder();
    let work = tempfile::tempdir().unwrap();
    let docx = work.path().join("tong-hop.docx");
    let o = run(
        &["aggregate", "--period", "2026-Q2", "-o"],
        &[&docx, dir.path()],
    );
    assert!(o.status.success(), "{}", text(&o));
    let pdf = crate::docx_export::convert(&docx);
    let body = pdf_text(&pdf);
    for needle in [
        "BÁO CÁO",
        "Phụ lục I",
        "Phụ lục II",
        "Phụ lục III",
        "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU CỦA CÁC XÃ, PHƯỜNG QUÝ II NĂM 2026",
        "Số xã, phường cộng",
        "CÁC TỆP KHÔNG ĐƯỢC TỔNG HỢP",
    ] {
        assert!(body.contains(needle), "{needle} missing: {body}");
    }
    for c in COMMUNES {
        assert!(body.contains(c), "{c} missing");
    }
    // The same table rows as the PDF summary.
    let own = work.path().join("tong-hop.pdf");
    let o = run(
        &["aggregate", "--period", "2026-Q2", "-o"],
        &[&own, dir.path()],
    );
    assert!(o.status.success(), "{}", text(&o));
    let own = pdf_text(&own);
    for ind in sample().plan.indicators {
        let first_words: String = ind
            .name
            .split_whitespace()
            .take(5)
            .collect::<Vec<_>>()
            .join(" ");
        assert_eq!(
            body.contains(&first_words),
            own.contains(&first_words),
            "{first_words}"
        );
    }
}

#[test]
fn a_file_with_an_impossible_figure_is_left_out_of_both_check_and_aggregate_saying_why() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..3 {
        write(dir.path(), &format!("xa-{i}.ron"), &commune(i));
    }
    let mut bad = commune(3);
    let id = bad
        .plan
        .indicators
        .iter()
        .find(|i| matches!(i.target, baocao::model::Target::Number { cmp: baocao::model::Comparison::Equal, value } if value == 100.0))
        .unwrap()
        .id
        .clone();
    bad.period_record_mut(Q2)
        .indicators
        .get_mut(&id)
        .unwrap()
        .value = Some(Value::Number(109.8));
    write(dir.path(), "xa-sai.ron", &bad);

    let o = run(&["check"], &[dir.path()]);
    let said = text(&o);
    assert!(!o.status.success());
    assert!(said.contains("1 không dùng được"), "{said}");
    assert!(said.contains(aggregate::VALIDITY_RULE), "{said}");

    let out = dir.path().join("th.xlsx");
    let o = run(
        &["aggregate", "--period", "2026-Q2", "-o"],
        &[&out, dir.path()],
    );
    let said = text(&o);
    assert!(o.status.success(), "{said}");
    assert!(said.contains("Đã tổng hợp 3 xã, phường"), "{said}");
    assert!(said.contains("xa-sai.ron: Còn lỗi khi kiểm tra"), "{said}");
    assert!(said.contains(aggregate::VALIDITY_RULE), "{said}");
    let communes = sheet(&out, "Xã phường");
    assert_eq!(communes.len(), 3);
    assert!(
        !communes
            .iter()
            .any(|r| string(r, "Xã, phường") == COMMUNES[3])
    );
}
