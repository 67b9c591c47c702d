//! session: recording a revision of the plan (what changed, when, by which document)
//! and drafting the Thông báo of the adjustments it made (issue 25).
//!
//! Used by the window (Kế hoạch › Điều chỉnh kế hoạch…, Tệp › Soạn thông báo điều
//! chỉnh…) and the command line (`import --decided-by`, `new-notice`); both go through
//! an [`Edit`] so that the change is undoable.

use chrono::{Datelike, NaiveDate};

use crate::edit::Edit;
use crate::model::{
    ChildNumbering, DocumentType, Indicator, Period, PeriodKind, Plan, PlanRevision, Project,
    Report, Section, SectionRole, Task, new_id, quarter_of, rich, target_label,
};

/// Why a revision or a notice cannot be made.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum RevisionError {
    #[error("Chưa ghi văn bản yêu cầu điều chỉnh (ví dụ: Công văn số …/UBND-VP ngày … của …).")]
    NoDocument,
    #[error("Chỉ tiêu, nhiệm vụ của kế hoạch không thay đổi gì: không có gì để ghi là điều chỉnh.")]
    NothingChanged,
    #[error(
        "Kế hoạch chưa có lần điều chỉnh nào: hãy ghi điều chỉnh kế hoạch (kèm văn bản yêu cầu) trước khi soạn thông báo."
    )]
    NoRevision,
    #[error("Kế hoạch không có lần điều chỉnh thứ {0} (có {1} lần).")]
    NoSuchRevision(usize, usize),
}

/// The edit recording `after` as a revision of `project`'s plan, asked for by
/// `decided_by` and in force from `effective`: the plan becomes `after` and the
/// revision lists what changed (compared by id).
pub fn revise(
    project: &Project,
    after: Plan,
    decided_by: &str,
    effective: Option<NaiveDate>,
) -> Result<Edit, RevisionError> {
    let decided_by = decided_by.trim();
    if decided_by.is_empty() {
        return Err(RevisionError::NoDocument);
    }
    let changes = PlanRevision::between(&project.plan, &after);
    if changes.is_empty() {
        return Err(RevisionError::NothingChanged);
    }
    let mut plan = after;
    plan.revisions = project.plan.revisions.clone();
    plan.revisions.push(PlanRevision {
        effective,
        decided_by: decided_by.to_owned(),
        changes,
    });
    Ok(Edit::RevisePlan(Box::new(plan)))
}

/// Picks revision `number` (1-based, as the clerk counts them; the latest when `None`).
pub fn revision_index(project: &Project, number: Option<usize>) -> Result<usize, RevisionError> {
    let count = project.plan.revisions.len();
    if count == 0 {
        return Err(RevisionError::NoRevision);
    }
    match number {
        None => Ok(count - 1),
        Some(n) if (1..=count).contains(&n) => Ok(n - 1),
        Some(n) => Err(RevisionError::NoSuchRevision(n, count)),
    }
}

/// The Thông báo of the adjustments of revision `number` (1-based; the latest when
/// `None`), with a new id, ready for [`Edit::AddReport`].
pub fn notice(project: &Project, number: Option<usize>) -> Result<Report, RevisionError> {
    let index = revision_index(project, number)?;
    let rev = project
        .plan
        .revisions
        .get(index)
        .ok_or(RevisionError::NoRevision)?;
    let org = &project.organisation;
    let issuer = if org.full_name.trim().is_empty() {
        org.issuing_body.join(" ")
    } else {
        org.full_name.trim().to_owned()
    };
    let plan = &project.plan;
    let plan_name = plan_name(plan);
    let effective = rev.effective;
    let year = effective.map_or(plan.year, |d| d.year());
    let period = match effective {
        Some(d) => Period::new(d.year(), PeriodKind::Quarter(quarter_of(d))),
        None => Period::new(year, PeriodKind::Year),
    };

    let mut bases = vec![format!("Căn cứ {plan_name} của {issuer};")];
    bases.push(format!("Căn cứ {};", strip_end(&rev.decided_by)));
    bases.push("Xét tình hình triển khai thực tế tại địa phương,".to_owned());

    let from = effective
        .map(|d| format!(", áp dụng từ ngày {}", crate::vi::date_short(d)))
        .unwrap_or_default();
    let decision = format!(
        "{issuer} thông báo điều chỉnh, bổ sung một số chỉ tiêu, nhiệm vụ của {plan_name}{from}, cụ thể như sau:"
    );
    let ind = rev.indicator_changes();
    let tasks = rev.task_changes();
    let mut children = Vec::new();
    let mut appendix_no = 0;
    if !ind.is_empty() {
        appendix_no += 1;
        let mut s = Section::new("tb-chi-tieu", "Về chỉ tiêu");
        s.role = Some(SectionRole::NoticeIndicators);
        let mut lines: Vec<String> = ind
            .iter()
            .filter_map(|(b, a)| indicator_line(*b, *a))
            .collect();
        lines.push(format!(
            "(Chi tiết tại Phụ lục số {appendix_no:02} kèm theo)"
        ));
        s.body = lines.join("\n");
        children.push(s);
    }
    if !tasks.is_empty() {
        appendix_no += 1;
        let mut s = Section::new("tb-nhiem-vu", "Về nhiệm vụ");
        s.role = Some(SectionRole::NoticeTasks);
        let mut lines: Vec<String> = tasks
            .iter()
            .filter_map(|(b, a)| task_line(project, *b, *a))
            .collect();
        lines.push(format!(
            "(Chi tiết tại Phụ lục số {appendix_no:02} kèm theo)"
        ));
        s.body = lines.join("\n");
        children.push(s);
    }
    let mut carry_out = Section::new("tb-to-chuc", "Tổ chức thực hiện");
    carry_out.role = Some(SectionRole::NoticeImplementation);
    carry_out.body = [
        "Các phòng, ban, đơn vị được giao chủ trì, phối hợp căn cứ các nội dung điều chỉnh, bổ sung nêu trên cập nhật vào chương trình, kế hoạch công tác của đơn vị mình, bố trí nguồn lực và tổ chức thực hiện bảo đảm đúng tiến độ; kết quả thực hiện được tổng hợp, đánh giá theo chỉ tiêu, nhiệm vụ đã điều chỉnh trong các báo cáo định kỳ.".to_owned(),
        format!("Các nội dung khác của {plan_name} không thay đổi và tiếp tục được thực hiện."),
    ]
    .join("\n");
    children.push(carry_out);

    let mut bases_section = Section::new("tb-can-cu", "");
    bases_section.role = Some(SectionRole::NoticeBases);
    bases_section.body = bases
        .iter()
        .map(|l| rich::escape(l))
        .collect::<Vec<_>>()
        .join("\n");
    let mut decision_section = Section::new("tb-noi-dung", "");
    decision_section.role = Some(SectionRole::NoticeDecision);
    decision_section.body = rich::escape(&decision);
    decision_section.numbering = ChildNumbering::Arabic;
    decision_section.children = children;

    let mut distribution = org.default_recipients.clone();
    let everyone = format!("Các phòng, ban, đơn vị thuộc {}", unit_word(org));
    if !distribution
        .iter()
        .any(|d| crate::vi::nfc(d).to_lowercase().contains("các phòng"))
    {
        distribution.push(everyone);
    }
    let taken: Vec<&str> = project.reports.iter().map(|r| r.id.as_str()).collect();
    Ok(Report {
        id: new_id(&format!("tb-{year}-"), taken),
        kind: Default::default(),
        period,
        number: None,
        date: None,
        summary: format!("Về việc điều chỉnh, bổ sung các chỉ tiêu, nhiệm vụ của {plan_name}"),
        recipients: Vec::new(),
        opening: String::new(),
        sections: vec![bases_section, decision_section],
        closing: String::new(),
        distribution,
        signer: org.signers.last().map(|s| s.id.clone()).unwrap_or_default(),
        appendices: crate::model::Appendices {
            indicators: !ind.is_empty(),
            tasks: !tasks.is_empty(),
        },
        review: Default::default(),
        proofing: Default::default(),
        carried: Vec::new(),
        document_words: None,
        document: DocumentType::ThongBao { revision: index },
        summary_tables: Vec::new(),
    })
}

/// The plan as named in a sentence: its reference (`Kế hoạch số 15/KH-UBND ngày
/// 20/01/2026`), else its title, else `Kế hoạch năm 2026`.
fn plan_name(plan: &Plan) -> String {
    let reference = strip_end(&plan.reference);
    if !reference.is_empty() {
        return reference.to_owned();
    }
    let title = strip_end(&plan.title);
    if !title.is_empty() {
        return title.to_owned();
    }
    format!("Kế hoạch năm {}", plan.year)
}

fn strip_end(s: &str) -> &str {
    s.trim().trim_end_matches([';', '.', ',']).trim()
}

/// One list line of the indicator part: what was done to it.
fn indicator_line(before: Option<&Indicator>, after: Option<&Indicator>) -> Option<String> {
    let line = match (before, after) {
        (Some(b), Some(a)) if target_label(b) != target_label(a) => format!(
            "- Điều chỉnh chỉ tiêu “{}” từ {} thành {}.",
            a.name.trim(),
            target_label(b),
            target_label(a)
        ),
        (Some(_), Some(a)) => format!("- Điều chỉnh nội dung chỉ tiêu “{}”.", a.name.trim()),
        (None, Some(a)) => format!(
            "- Bổ sung chỉ tiêu “{}”, mục tiêu {}.",
            a.name.trim(),
            target_label(a)
        ),
        (Some(b), None) => format!("- Thôi thực hiện chỉ tiêu “{}”.", b.name.trim()),
        (None, None) => return None,
    };
    Some(rich::escape(&line))
}

/// `xã`, `phường` or `thị trấn`: what the organisation's name calls the commune.
fn unit_word(org: &crate::model::Organisation) -> &'static str {
    let name = crate::vi::fold(&format!("{} {}", org.full_name, org.short_name));
    if name.contains("phuong ") {
        "phường"
    } else if name.contains("thi tran ") {
        "thị trấn"
    } else {
        "xã"
    }
}

/// What changed in a task, each from its old to its new wording: `thời hạn từ Tháng
/// 12/2026 thành Tháng 9/2026; đơn vị chủ trì từ … thành …`.
pub fn task_change_words(org: &crate::model::Organisation, b: &Task, a: &Task) -> String {
    let offices = |ids: &[String]| {
        let names: Vec<String> = ids.iter().map(|o| org.office_label(o)).collect();
        if names.is_empty() {
            "(không có)".to_owned()
        } else {
            names.join(", ")
        }
    };
    let mut parts = Vec::new();
    if b.name.trim() != a.name.trim() {
        parts.push(format!("nội dung từ “{}”", b.name.trim()));
    }
    if b.deadline != a.deadline || b.deadline_text() != a.deadline_text() {
        parts.push(format!(
            "thời hạn từ {} thành {}",
            b.deadline_text(),
            a.deadline_text()
        ));
    }
    if b.lead != a.lead {
        parts.push(format!(
            "đơn vị chủ trì từ {} thành {}",
            offices(&b.lead),
            offices(&a.lead)
        ));
    }
    if b.coordinating != a.coordinating {
        parts.push(format!(
            "đơn vị phối hợp từ {} thành {}",
            offices(&b.coordinating),
            offices(&a.coordinating)
        ));
    }
    if b.output.trim() != a.output.trim() {
        parts.push(format!(
            "sản phẩm từ “{}” thành “{}”",
            b.output.trim(),
            a.output.trim()
        ));
    }
    if b.directing.trim() != a.directing.trim() {
        parts.push(format!(
            "chủ trì chỉ đạo từ “{}” thành “{}”",
            b.directing.trim(),
            a.directing.trim()
        ));
    }
    if parts.is_empty() {
        "điều chỉnh".to_owned()
    } else {
        parts.join("; ")
    }
}

/// One list line of the task part.
fn task_line(project: &Project, before: Option<&Task>, after: Option<&Task>) -> Option<String> {
    let org = &project.organisation;
    let line = match (before, after) {
        (Some(b), Some(a)) => format!(
            "- Điều chỉnh nhiệm vụ “{}”: {}.",
            a.name.trim(),
            task_change_words(org, b, a)
        ),
        (None, Some(a)) => {
            let lead: Vec<String> = a.lead.iter().map(|o| org.office_label(o)).collect();
            let lead = if lead.is_empty() {
                String::new()
            } else {
                format!(", giao {} chủ trì", lead.join(", "))
            };
            format!(
                "- Bổ sung nhiệm vụ “{}”{lead}, thời hạn: {}.",
                a.name.trim(),
                a.deadline.label()
            )
        }
        (Some(b), None) => format!("- Thôi thực hiện nhiệm vụ “{}”.", b.name.trim()),
        (None, None) => return None,
    };
    Some(rich::escape(&line))
}

/// The plan after an imported table (see [`crate::import::preview`]): a row whose
/// name is that of an indicator (task) of the plan changes its target, unit and lead
/// (deadline, offices and output) where the row gives them; the other rows are added,
/// with the groups the preview found.
pub fn revised_by_import(project: &Project, preview: &crate::import::ImportPreview) -> Plan {
    let key = |s: &str| crate::vi::nfc(s.trim()).to_lowercase();
    let mut plan = project.plan.clone();
    match preview.kind {
        crate::import::ImportKind::Indicators => {
            plan.indicator_groups.extend(preview.groups.iter().cloned())
        }
        crate::import::ImportKind::Tasks => plan.task_groups.extend(preview.groups.iter().cloned()),
    }
    for new in &preview.indicators {
        match plan
            .indicators
            .iter_mut()
            .find(|i| key(&i.name) == key(&new.name))
        {
            Some(old) => {
                old.target = new.target.clone();
                old.target_as_written = new.target_as_written.clone();
                if !new.unit.trim().is_empty() {
                    old.unit = new.unit.clone();
                }
                if !new.lead.is_empty() {
                    old.lead = new.lead.clone();
                }
            }
            None => plan.indicators.push(new.clone()),
        }
    }
    for new in &preview.tasks {
        match plan
            .tasks
            .iter_mut()
            .find(|t| key(&t.name) == key(&new.name))
        {
            Some(old) => {
                old.deadline = new.deadline.clone();
                if !new.lead.is_empty() {
                    old.lead = new.lead.clone();
                }
                if !new.coordinating.is_empty() {
                    old.coordinating = new.coordinating.clone();
                }
                if !new.output.trim().is_empty() {
                    old.output = new.output.clone();
                }
            }
            None => plan.tasks.push(new.clone()),
        }
    }
    plan
}

/// What `rev` changed, one line each, as the window and the command line list it.
pub fn describe(project: &Project, rev: &PlanRevision) -> Vec<String> {
    let org = &project.organisation;
    let mut out: Vec<String> = rev
        .indicator_changes()
        .into_iter()
        .filter_map(|(b, a)| {
            let name = a.or(b)?.name.trim().to_owned();
            Some(format!(
                "Chỉ tiêu “{name}”: {} (nay: {})",
                crate::compose::notice::indicator_note(b, a),
                a.map_or("—".to_owned(), target_label)
            ))
        })
        .collect();
    out.extend(rev.task_changes().into_iter().filter_map(|(b, a)| {
        let name = a.or(b)?.name.trim().to_owned();
        let what = match (b, a) {
            (Some(b), Some(a)) => task_change_words(org, b, a),
            _ => crate::compose::notice::task_note(org, b, a),
        };
        Some(format!("Nhiệm vụ “{name}”: {what}"))
    }));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_changed_task_is_described_from_its_old_to_its_new_wording_with_names_as_written() {
        let mut org = crate::model::Organisation {
            full_name: "Ủy ban nhân dân phường Hồng Bàng".into(),
            ..Default::default()
        };
        org.offices.push(crate::model::Office {
            id: "VP".into(),
            name: "Văn phòng HĐND & UBND phường".into(),
            ..Default::default()
        });
        let b = Task {
            name: "Số hóa hồ sơ".into(),
            deadline_as_written: "Tháng 12/2026".into(),
            ..Default::default()
        };
        let a = Task {
            deadline_as_written: "Tháng 9/2026".into(),
            lead: vec!["VP".into()],
            ..b.clone()
        };
        assert_eq!(
            task_change_words(&org, &b, &a),
            "thời hạn từ Tháng 12/2026 thành Tháng 9/2026; đơn vị chủ trì từ (không có) thành Văn phòng HĐND & UBND phường"
        );
        assert_eq!(unit_word(&org), "phường");
        org.full_name = "Ủy ban nhân dân xã An Lãm".into();
        assert_eq!(unit_word(&org), "xã");
    }

    fn revised() -> Project {
        let mut p = crate::test_support::sample();
        let mut after = p.plan.clone();
        if let Some(i) = after.indicators.first_mut() {
            i.target = crate::model::Target::Number {
                cmp: crate::model::Comparison::AtLeast,
                value: 99.0,
            };
            i.target_as_written.clear();
        }
        let Ok(edit) = revise(
            &p,
            after,
            "Công văn số 9/UBND",
            NaiveDate::from_ymd_opt(2026, 7, 1),
        ) else {
            panic!("a changed target is a revision")
        };
        crate::edit::apply(&mut p, edit).ok();
        p
    }

    #[test]
    fn a_revision_needs_its_document_and_a_change() {
        let p = crate::test_support::sample();
        assert_eq!(
            revise(&p, p.plan.clone(), "Công văn số 1", None),
            Err(RevisionError::NothingChanged)
        );
        assert_eq!(
            revise(&p, p.plan.clone(), "  ", None),
            Err(RevisionError::NoDocument)
        );
    }

    #[test]
    fn a_notice_is_refused_while_the_plan_has_no_revision() {
        let p = crate::test_support::sample();
        let err = notice(&p, None).map(|r| r.id);
        assert_eq!(err, Err(RevisionError::NoRevision));
        assert!(
            RevisionError::NoRevision
                .to_string()
                .contains("chưa có lần điều chỉnh")
        );
    }

    #[test]
    fn the_notice_lists_the_changed_target_and_has_only_the_indicator_appendix() {
        let p = revised();
        let Ok(n) = notice(&p, None) else {
            panic!("the plan has a revision")
        };
        assert_eq!(n.document, DocumentType::ThongBao { revision: 0 });
        assert!(n.appendices.indicators && !n.appendices.tasks);
        let text: String = n.all_sections().iter().map(|s| s.body.clone()).collect();
        let now = target_label(&p.plan.indicators[0]);
        assert!(now.contains("99"), "{now}");
        assert!(text.contains(&now), "{text}");
        assert!(text.contains("Công văn số 9/UBND"));
        assert_eq!(
            notice(&p, Some(2)).map(|r| r.id),
            Err(RevisionError::NoSuchRevision(2, 1))
        );
    }
}
