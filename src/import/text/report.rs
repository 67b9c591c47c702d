//! import, text: a recognised text made into a report of a project. The project's
//! organisation decides what the header and the signature print; where the text
//! says something else, a note says so.

use super::{Note, NoteKind, Recognised};
use crate::import::fold;
use crate::model::{
    Appendices, Organisation, Period, PeriodKind, Project, Report, ReportId, ReportKind, Review,
    SignerId,
};

/// The report `rec` describes, with id `id` and period `period`, for `project`, and
/// what the clerk should check: the signer chosen, and where the text's header or
/// signature differ from the organisation's (which is what prints).
pub fn into_report(
    rec: &Recognised,
    id: ReportId,
    period: Period,
    project: &Project,
) -> (Report, Vec<Note>) {
    let org = &project.organisation;
    let mut notes = Vec::new();
    let mut note = |m: String| notes.push(Note::new(0, NoteKind::NotRecognised, m));

    if let Some(place) = &rec.place
        && !org.place.trim().is_empty()
        && fold(place) != fold(&org.place)
    {
        note(format!(
            "địa danh trong văn bản “{place}” khác địa danh của đơn vị “{}”; báo cáo in địa danh của đơn vị.",
            org.place
        ));
    }
    if let Some(code) = &rec.doc_code
        && !org.doc_code.trim().is_empty()
        && fold(code) != fold(&org.doc_code)
    {
        note(format!(
            "ký hiệu cơ quan trong số văn bản “{code}” khác của đơn vị “{}”; báo cáo mang ký hiệu của đơn vị.",
            org.doc_code
        ));
    }
    if !rec.organisation_lines.is_empty() {
        let printed: Vec<&str> = std::iter::once(org.parent_body.as_str())
            .chain(org.issuing_body.iter().map(String::as_str))
            .filter(|l| !l.trim().is_empty())
            .collect();
        if fold(&rec.organisation_lines.join(" ")) != fold(&printed.join(" ")) {
            note(format!(
                "tên cơ quan trong văn bản “{}” khác tên cơ quan của đơn vị “{}”; báo cáo in tên của đơn vị.",
                rec.organisation_lines.join(" / "),
                printed.join(" / ")
            ));
        }
    }
    if let Some(archive) = &rec.archive
        && fold(archive) != fold(&org.archive)
    {
        note(format!(
            "nơi lưu trong văn bản (“Lưu: {archive}”) khác nơi lưu của đơn vị (“Lưu: {}”); báo cáo in nơi lưu của đơn vị.",
            org.archive
        ));
    }
    if let (Some(year), Some(date)) = (rec.year, rec.date)
        && chrono::Datelike::year(&date) != year
    {
        note(format!(
            "năm của ngày văn bản ({year}) không khớp ngày đã đọc."
        ));
    }
    if rec
        .year
        .is_some_and(|y| y != period.year && y != period.year + 1)
    {
        note(format!(
            "văn bản ghi năm {}, còn kỳ báo cáo là {}; hãy kiểm tra kỳ báo cáo.",
            rec.year.unwrap_or_default(),
            period.short_label()
        ));
    }
    if rec.summary.trim().is_empty() {
        note("văn bản không có trích yếu dưới chữ “BÁO CÁO”; hãy viết trích yếu ở bước Thông tin chung.".to_owned());
    }
    let distribution = if rec.distribution.is_empty() {
        if !org.default_recipients.is_empty() {
            note("văn bản không có “Nơi nhận”; đã dùng nơi nhận mặc định của đơn vị.".to_owned());
        }
        org.default_recipients.clone()
    } else {
        rec.distribution.clone()
    };
    let signer = pick_signer(&rec.signer_lines, org, &mut notes);

    let report = Report {
        id,
        kind: if period.kind == PeriodKind::Year {
            ReportKind::TongKet
        } else {
            ReportKind::SoKet
        },
        period,
        number: rec.number,
        date: rec.date,
        summary: rec.summary.clone(),
        recipients: rec.recipients.clone(),
        opening: rec.opening.clone(),
        sections: rec.sections.clone(),
        closing: rec.closing.clone(),
        distribution,
        signer,
        appendices: Appendices::default(),
        review: Review::default(),
        proofing: Default::default(),
        carried: Vec::new(),
    };
    (report, notes)
}

/// The organisation's signer whose name is the last line of the signature block; else
/// the one whose authority and position lines match; else the last signer, noted.
fn pick_signer(lines: &[String], org: &Organisation, notes: &mut Vec<Note>) -> SignerId {
    let mut note = |m: String| notes.push(Note::new(0, NoteKind::NotRecognised, m));
    let block = |s: &crate::model::Signer| -> String {
        let mut parts: Vec<&str> = s.authority.iter().map(String::as_str).collect();
        parts.push(&s.position);
        fold(&parts.join(" "))
    };
    let fallback = org.signers.last();
    let Some((name, above)) = lines.split_last() else {
        if let Some(s) = fallback {
            note(format!(
                "văn bản không có phần chữ ký; đã chọn người ký {} ({}).",
                s.full_name, s.position
            ));
        }
        return fallback.map(|s| s.id.clone()).unwrap_or_default();
    };
    let above_folded = fold(&above.join(" "));
    if let Some(s) = org
        .signers
        .iter()
        .find(|s| fold(&s.full_name) == fold(name))
    {
        if !above.is_empty() && block(s) != above_folded {
            note(format!(
                "chức vụ ký trong văn bản (“{}”) khác chức vụ của {} trong danh sách người ký (“{}”); báo cáo in theo danh sách.",
                above.join(" / "),
                s.full_name,
                s.authority
                    .iter()
                    .chain(std::iter::once(&s.position))
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(" / ")
            ));
        }
        return s.id.clone();
    }
    let same_block = org
        .signers
        .iter()
        .find(|s| block(s) == fold(&lines.join(" ")) || block(s) == above_folded);
    match same_block.or(fallback) {
        Some(s) => {
            note(format!(
                "người ký “{name}” không có trong danh sách người ký của đơn vị; đã chọn {} ({}), hãy kiểm tra.",
                s.full_name, s.position
            ));
            s.id.clone()
        }
        None => {
            note(format!(
                "người ký “{name}” không có trong danh sách người ký và đơn vị chưa có người ký nào; hãy thêm người ký."
            ));
            SignerId::new()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::text::recognise;

    const SEED_003: &str = include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/seeds/003_8a9ce08749d756e0.txt"
    ));

    fn q2() -> Period {
        Period::new(2026, PeriodKind::Quarter(2))
    }

    #[test]
    fn the_seed_becomes_a_report_signed_by_the_signer_of_the_same_position() {
        let project = crate::test_support::sample();
        let rec = recognise(SEED_003);
        let (r, notes) = into_report(&rec, "bc-moi".into(), q2(), &project);
        assert_eq!(
            (r.id.as_str(), r.period, r.kind),
            ("bc-moi", q2(), ReportKind::SoKet)
        );
        assert_eq!(r.sections, rec.sections);
        assert_eq!(r.summary, rec.summary);
        assert_eq!(r.distribution, rec.distribution);
        assert_eq!(r.signer, "PCT", "TM. / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH");
        assert!(notes.iter().all(|n| n.line == 0), "{notes:?}");
        let notes: Vec<String> = notes.iter().map(ToString::to_string).collect();
        assert!(
            notes
                .iter()
                .any(|n| n.starts_with("Người ký “Vũ Văn Nguyễn” không có")),
            "{notes:?}"
        );
        assert!(
            notes
                .iter()
                .any(|n| n.contains("“Nam Thanh Miện”") && n.contains("“Bình Minh Hải”")),
            "{notes:?}"
        );
        assert!(
            notes.iter().any(|n| n.contains("Lưu: VT, VHXX")),
            "{notes:?}"
        );
    }

    #[test]
    fn the_signer_is_found_by_name_and_a_missing_distribution_takes_the_defaults() {
        let project = crate::test_support::sample();
        let text = "BÁO CÁO\nTổng kết năm 2026\n\nI. CĂN CỨ\n- Căn cứ\nTrên đây là báo cáo.\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nĐỗ Thị Minh Huyền\n";
        let rec = recognise(text);
        let year = rec.period.unwrap();
        assert_eq!(year, Period::new(2026, PeriodKind::Year));
        let (r, notes) = into_report(&rec, "bc-nam".into(), year, &project);
        assert_eq!(r.kind, ReportKind::TongKet);
        assert_eq!(r.signer, "PCT");
        assert_eq!(r.distribution, project.organisation.default_recipients);
        let notes: Vec<String> = notes.iter().map(ToString::to_string).collect();
        assert!(
            notes
                .iter()
                .any(|n| n.starts_with("Chức vụ ký trong văn bản")),
            "{notes:?}"
        );
        assert!(notes.iter().any(|n| n.contains("Nơi nhận")), "{notes:?}");
    }

    #[test]
    fn without_a_signature_the_last_signer_is_chosen_and_said() {
        let project = crate::test_support::sample();
        let rec = recognise("I. CĂN CỨ\n- Căn cứ\n");
        let (r, notes) = into_report(&rec, "x".into(), q2(), &project);
        assert_eq!(r.signer, "PCT");
        assert!(
            notes
                .iter()
                .any(|n| n.message.contains("không có phần chữ ký"))
        );
        let mut empty = project.clone();
        empty.organisation.signers.clear();
        let (r, _) = into_report(&rec, "x".into(), q2(), &empty);
        assert!(r.signer.is_empty());
    }
}
