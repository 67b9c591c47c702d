//! Writes a copy of the bundled sample part-way through a review round, to look at the
//! reviewer's view and the review copy as a leader would: sent for review, two
//! comments and a request for changes, Hạn chế edited and one comment answered, sent
//! again.
//!
//! ```text
//! cargo run --example review_demo -- OUT.ron
//! cargo run -- OUT.ron            # the window on it
//! cargo run -- export OUT.ron --review-copy -o xem-xet.pdf
//! ```

use std::path::PathBuf;
use std::process::ExitCode;

use baocao::edit::{Edit, ReviewEdit, apply};
use baocao::model::ReviewRole;
use baocao::review::{ActionKind, Actor};
use baocao::storage;
/// The sample project's file in the source tree.
const SAMPLE_PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/mau-binh-minh-hai.ron");
use chrono::NaiveDate;

fn main() -> ExitCode {
    let Some(out) = std::env::args().nth(1).map(PathBuf::from) else {
        eprintln!("Cách dùng: cargo run --example review_demo -- TỆP.ron");
        return ExitCode::from(2);
    };
    match run(&out) {
        Ok(()) => {
            println!("Đã ghi {}", out.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(1)
        }
    }
}

fn run(out: &std::path::Path) -> Result<(), String> {
    let mut project =
        storage::load(std::path::Path::new(SAMPLE_PATH)).map_err(|e| e.to_string())?;
    let report = project
        .reports
        .last()
        .ok_or("Mẫu không có báo cáo.")?
        .id
        .clone();
    let drafter = Actor::new("Trần Thị Hoa", ReviewRole::Drafter);
    let reviewer = Actor::new("Lê Văn Nam", ReviewRole::Reviewer);
    let at = |d: u32, h: u32, m: u32| {
        NaiveDate::from_ymd_opt(2026, 11, d)
            .and_then(|d| d.and_hms_opt(h, m, 0))
            .ok_or("ngày không hợp lệ")
    };
    let step = |project: &mut baocao::model::Project, actor: &Actor, when, edit| {
        apply(
            project,
            Edit::Review {
                report: report.clone(),
                actor: actor.clone(),
                at: when,
                edit,
            },
        )
        .map_err(|e| e.to_string())
    };
    let action = |kind, remark: &str| ReviewEdit::Action {
        kind,
        issue: None,
        remark: remark.to_owned(),
    };
    step(
        &mut project,
        &drafter,
        at(18, 8, 30)?,
        action(ActionKind::SendForReview, ""),
    )?;
    step(
        &mut project,
        &reviewer,
        at(19, 9, 15)?,
        ReviewEdit::Comment {
            section: "han-che".into(),
            paragraph: Some(1),
            text: "Nêu rõ đơn vị chủ trì của từng nhiệm vụ quá hạn và thời gian hoàn thành mới."
                .into(),
        },
    )?;
    step(
        &mut project,
        &reviewer,
        at(19, 9, 20)?,
        ReviewEdit::Comment {
            section: "kien-nghi".into(),
            paragraph: None,
            text: "Kiến nghị về kinh phí cần ghi số tiền dự kiến.".into(),
        },
    )?;
    step(
        &mut project,
        &reviewer,
        at(19, 9, 25)?,
        action(ActionKind::RequestChanges, "Bổ sung theo hai góp ý."),
    )?;
    let body = project
        .report(&report)
        .and_then(|r| r.section("han-che"))
        .map(|s| s.body.clone())
        .ok_or("Mẫu không có mục Hạn chế.")?;
    apply(
        &mut project,
        Edit::SectionBody {
            report: report.clone(),
            section: "han-che".into(),
            text: format!(
                "{body}\n- Các nhiệm vụ quá hạn do Phòng Văn hóa - Xã hội và Văn phòng HĐND và UBND xã chủ trì; dự kiến hoàn thành trong quý III năm 2026."
            ),
        },
    )
    .map_err(|e| e.to_string())?;
    let first = project
        .report(&report)
        .and_then(|r| r.review.comments.first())
        .map(|c| c.id.clone())
        .ok_or("Không có góp ý.")?;
    step(
        &mut project,
        &drafter,
        at(20, 14, 0)?,
        ReviewEdit::Reply {
            comment: first.clone(),
            text: "Đã bổ sung đơn vị chủ trì và thời hạn mới.".into(),
        },
    )?;
    step(
        &mut project,
        &drafter,
        at(20, 14, 1)?,
        ReviewEdit::Resolve { comment: first },
    )?;
    step(
        &mut project,
        &drafter,
        at(20, 14, 5)?,
        action(ActionKind::SendForReview, "Đã sửa mục Hạn chế."),
    )?;
    storage::save(out, &project).map_err(|e| e.to_string())
}
