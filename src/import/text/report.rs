//! import, text: a recognised text made into a report of a project. Where the text's
//! header or signature (agency, place, signer, `Lưu:`) says something else than the
//! project, the report prints the text's words (kept in the report's document words)
//! and a note says so; the clerk may choose the project's instead.

use super::{Note, NoteKind, Recognised};
use crate::model::{
    Appendices, DocumentWords, Organisation, Period, PeriodKind, Project, Report, ReportId,
    ReportKind, Review, SignerId,
};
use crate::vi::fold;

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
    // Where the document's own header and signature words differ from the project's,
    // the report prints the document's (what the clerk pasted is what they wrote), and
    // the difference is listed for the choice (issue 23).
    let mut words = DocumentWords::default();
    let keep = " — báo cáo in theo văn bản; có thể chọn in theo thông tin của dự án.";

    if let Some(place) = &rec.place
        && fold(place) != fold(&org.place)
    {
        note(format!(
            "địa danh: văn bản ghi “{place}”, dự án ghi “{}”{keep}",
            org.place
        ));
        words.place = Some(place.clone());
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
                "tên cơ quan: văn bản ghi “{}”, dự án ghi “{}”{keep}",
                rec.organisation_lines.join(" / "),
                printed.join(" / ")
            ));
            match rec.organisation_lines.split_first() {
                Some((parent, rest)) if !rest.is_empty() => {
                    words.parent_body = Some(parent.clone());
                    words.issuing_body = Some(rest.to_vec());
                }
                _ => {
                    words.parent_body = Some(String::new());
                    words.issuing_body = Some(rec.organisation_lines.clone());
                }
            }
        }
    }
    if let Some(archive) = &rec.archive
        && fold(archive) != fold(&org.archive)
    {
        note(format!(
            "nơi lưu: văn bản ghi “Lưu: {archive}”, dự án ghi “Lưu: {}”{keep}",
            org.archive
        ));
        words.archive = Some(archive.clone());
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
    let mut signer_notes = Vec::new();
    let signer = pick_signer(&rec.signer_lines, org, &mut signer_notes);
    match document_signer(&rec.signer_lines, org.signer(&signer)) {
        Some((doc, project_block)) => {
            notes.push(Note::new(
                0,
                NoteKind::NotRecognised,
                format!(
                    "người ký: văn bản ghi “{}”, dự án ghi “{project_block}”{keep}",
                    rec.signer_lines.join(" / ")
                ),
            ));
            words.signer = Some(doc);
        }
        None => notes.append(&mut signer_notes),
    }

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
        document_words: (!words.is_empty()).then_some(words),
        document: Default::default(),
        summary_tables: Vec::new(),
    };
    (report, notes)
}

/// The signer as the document's signature block writes it, when it differs from the
/// project's signer chosen for it (`project`), with that signer's block in words.
fn document_signer(
    lines: &[String],
    project: Option<&crate::model::Signer>,
) -> Option<(crate::model::Signer, String)> {
    let (name, above) = lines.split_last()?;
    let (position, authority) = match above.split_last() {
        Some((p, a)) => (p.clone(), a.to_vec()),
        None => (String::new(), Vec::new()),
    };
    let doc = crate::model::Signer {
        id: SignerId::new(),
        authority,
        position,
        full_name: name.clone(),
    };
    let block = |s: &crate::model::Signer| {
        fold(
            &s.authority
                .iter()
                .chain([&s.position, &s.full_name])
                .map(String::as_str)
                .collect::<Vec<_>>()
                .join(" "),
        )
    };
    match project {
        Some(p) if block(p) == block(&doc) => None,
        Some(p) => Some((
            doc,
            p.authority
                .iter()
                .chain([&p.position, &p.full_name])
                .filter(|l| !l.trim().is_empty())
                .cloned()
                .collect::<Vec<_>>()
                .join(" / "),
        )),
        None => Some((doc, "(chưa có người ký)".to_owned())),
    }
}

/// The differences between what `report` prints of its imported document's header and
/// signature and what the project holds: (what, the document's words, the project's).
pub fn document_differences(report: &Report, project: &Project) -> Vec<(String, String, String)> {
    let org = &project.organisation;
    let Some(w) = &report.document_words else {
        return Vec::new();
    };
    let mut out = Vec::new();
    if w.parent_body.is_some() || w.issuing_body.is_some() {
        let doc: Vec<String> = w
            .parent_body
            .iter()
            .chain(w.issuing_body.iter().flatten())
            .filter(|l| !l.trim().is_empty())
            .cloned()
            .collect();
        let proj: Vec<String> = std::iter::once(&org.parent_body)
            .chain(&org.issuing_body)
            .filter(|l| !l.trim().is_empty())
            .cloned()
            .collect();
        out.push(("Tên cơ quan".to_owned(), doc.join(" / "), proj.join(" / ")));
    }
    if let Some(p) = &w.place {
        out.push(("Địa danh".to_owned(), p.clone(), org.place.clone()));
    }
    if let Some(s) = &w.signer {
        let line = |s: &crate::model::Signer| {
            s.authority
                .iter()
                .chain([&s.position, &s.full_name])
                .filter(|l| !l.trim().is_empty())
                .cloned()
                .collect::<Vec<_>>()
                .join(" / ")
        };
        out.push((
            "Người ký".to_owned(),
            line(s),
            org.signer(&report.signer).map(line).unwrap_or_default(),
        ));
    }
    if let Some(a) = &w.archive {
        out.push((
            "Nơi lưu".to_owned(),
            format!("Lưu: {a}"),
            format!("Lưu: {}", org.archive),
        ));
    }
    out
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
        // The document's own words print, and each difference names both.
        let said = |what: &str, doc: &str, proj: &str| {
            assert!(
                notes
                    .iter()
                    .any(|n| n.contains(what) && n.contains(doc) && n.contains(proj)),
                "{what}: {notes:?}"
            );
        };
        said("Người ký", "Vũ Văn Nguyễn", "Đỗ Thị Minh Huyền");
        said("Địa danh", "“Nam Thanh Miện”", "“Bình Minh Hải”");
        said("Nơi lưu", "Lưu: VT, VHXX", "Lưu: VT");
        let words = r.document_words.clone().unwrap();
        assert_eq!(
            words.signer.map(|s| s.full_name),
            Some("Vũ Văn Nguyễn".to_owned())
        );
        assert_eq!(words.place.as_deref(), Some("Nam Thanh Miện"));
        let mut p = project.clone();
        p.reports.push(r.clone());
        let printed = crate::edit::find::printed_texts(&p, &r);
        let all: Vec<&str> = printed.iter().map(|(_, t)| t.as_str()).collect();
        assert!(all.contains(&"Vũ Văn Nguyễn") && all.contains(&"Nam Thanh Miện"));
        // The seed leaves its agency lines blank: signer, place and archive differ.
        assert_eq!(
            crate::import::text::document_differences(&r, &project).len(),
            3
        );
        // The project's words, when chosen.
        let mut theirs = r.clone();
        theirs.document_words = None;
        let printed = crate::edit::find::printed_texts(&project, &theirs);
        assert!(printed.iter().any(|(_, t)| t == "Đỗ Thị Minh Huyền"));
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
            notes.iter().any(|n| n.starts_with(
                "Người ký: văn bản ghi “TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH / Đỗ Thị Minh Huyền”"
            )),
            "{notes:?}"
        );
        assert_eq!(
            r.document_words.and_then(|w| w.signer).map(|s| s.position),
            Some("CHỦ TỊCH".to_owned()),
            "the block prints as the document wrote it"
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
