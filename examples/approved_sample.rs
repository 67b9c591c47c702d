//! Writes the bundled sample with its report approved by a leader (as the window's
//! Góp ý và duyệt step records it), for checks outside the Rust test suite that need a
//! final export: the Wine test's `verify` of a signed PDF (packaging/wine/test-cli.sh).
//!
//! `cargo run --example approved_sample -- OUT.ron`

use baocao::model::{ReportStatus, ReviewRole, Transition};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out = std::env::args()
        .nth(1)
        .ok_or("cách dùng: approved_sample TỆP-RA.ron")?;
    let mut project = baocao::storage::parse(
        baocao::session::SAMPLE,
        std::path::Path::new("mau-binh-minh-hai.ron"),
    )?;
    let report = project
        .reports
        .first()
        .ok_or("dự án mẫu không có báo cáo")?;
    let fingerprint = baocao::review::fingerprint(&project, report);
    let approved_at = chrono::NaiveDate::from_ymd_opt(2026, 7, 1)
        .and_then(|d| d.and_hms_opt(9, 0, 0))
        .ok_or("ngày duyệt không hợp lệ")?;
    let review = &mut project.reports[0].review;
    review.status = ReportStatus::Approved;
    review.approved_fingerprint = Some(fingerprint);
    review.history.push(Transition {
        from: ReportStatus::AwaitingReview,
        to: ReportStatus::Approved,
        by: "Đỗ Thị Minh Huyền".into(),
        role: ReviewRole::Reviewer,
        at: approved_at,
        remark: String::new(),
    });
    baocao::storage::save(std::path::Path::new(&out), &project)?;
    println!("Đã ghi dự án mẫu đã duyệt vào {out}");
    Ok(())
}
