//! The app, long work: a command that reads or writes a file (export, print, import,
//! verification) is announced first — “Đang …” with a spinner in the status bar —
//! and carried out in the next frame, so the window has drawn the message before it
//! blocks; its result message then replaces the announcement.

use std::path::Path;

use super::BaocaoApp;
use crate::ui::command::{Command, PathPurpose, PdfKind, StatusLine};

/// The file name of `path`, quoted, for a message.
fn named(path: &Path) -> String {
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    format!("“{name}”")
}

/// What an export of `kind` makes, for messages.
pub(super) fn pdf_words(kind: PdfKind) -> &'static str {
    match kind {
        PdfKind::Report => "PDF",
        PdfKind::ReviewCopy => "bản xem xét",
        PdfKind::SignReady => "bản ký số (kèm nguồn báo cáo)",
    }
}

/// The message of a file written: what, its name, then its folder (paths last).
pub(super) fn written(what: &str, path: &Path) -> String {
    let folder = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .map(|p| format!(" vào thư mục {}", p.display()))
        .unwrap_or_default();
    format!("Đã xuất {what} {}{folder}", named(path))
}

/// The “Đang …” message of `c` when it may take a while; `None` for quick commands.
fn announcement(c: &Command) -> Option<String> {
    let text = match c {
        Command::ExportTo(path, kind)
        | Command::WriteReplacing(path, PathPurpose::SavePdf(kind)) => {
            format!("Đang xuất {} {}…", pdf_words(*kind), named(path))
        }
        Command::ExportDocxTo(path, _)
        | Command::WriteReplacing(path, PathPurpose::SaveDocx(_)) => {
            format!("Đang xuất tệp Word {}…", named(path))
        }
        Command::ExportAggregateTo(path, format)
        | Command::WriteReplacing(path, PathPurpose::SaveAggregate(format)) => {
            let what = match format {
                crate::aggregate::SummaryFormat::Xlsx => "bảng tổng hợp",
                crate::aggregate::SummaryFormat::Pdf | crate::aggregate::SummaryFormat::Docx => {
                    "báo cáo tổng hợp"
                }
            };
            format!("Đang ghi {what} {}…", named(path))
        }
        Command::PrintNow => "Đang chuẩn bị bản in và gửi tới máy in…".to_owned(),
        Command::PrintWithViewer => "Đang chuẩn bị bản in…".to_owned(),
        Command::WordReportFrom(path) | Command::WordCommentsFrom(path) => {
            format!("Đang đọc tệp Word {}…", named(path))
        }
        Command::ImportPlanFrom(path) => format!("Đang đọc kế hoạch {}…", named(path)),
        Command::ImportFrom { path, .. } => format!("Đang đọc bảng số liệu {}…", named(path)),
        Command::VerifySignedFrom(path) => format!("Đang kiểm tra bản đã ký {}…", named(path)),
        _ => return None,
    };
    Some(text)
}

impl BaocaoApp {
    /// Applies the queued commands. A long one is announced and held for the next
    /// frame with the commands after it; the one announced last frame runs first.
    pub fn apply_pending(&mut self) {
        if let Some(c) = self.announced.take() {
            let said = self.status.clone();
            self.apply(c);
            if self.status.is_some() && self.status == said {
                // Nothing was done (a question was asked instead): no stale “Đang …”.
                self.status = None;
            }
        }
        // Commands the applied ones queue run in this frame too (a chooser's answer
        // becomes the command that writes), so that their announcement is not late.
        let mut queue: std::collections::VecDeque<Command> =
            std::mem::take(&mut self.pending).into();
        while let Some(c) = queue.pop_front() {
            if let Some(text) = announcement(&c) {
                self.status = Some(StatusLine::busy(text));
                self.announced = Some(c);
                queue.extend(std::mem::take(&mut self.pending));
                self.pending = queue.into();
                return;
            }
            self.apply(c);
            queue.extend(std::mem::take(&mut self.pending));
        }
    }

    /// Follows the aggregation running on its own thread: a spinner while it reads,
    /// then what came of it.
    pub(super) fn follow_aggregate(&mut self) {
        let Some(view) = &mut self.aggregate else {
            self.aggregating = false;
            return;
        };
        let reading = view.poll();
        if reading && !self.aggregating {
            self.status = Some(StatusLine::busy(format!(
                "Đang tổng hợp các tệp trong thư mục {}…",
                view.folder.display()
            )));
        } else if !reading && self.aggregating {
            self.status = Some(match &view.result {
                Some(Err(e)) => StatusLine::error(format!("Chưa tổng hợp được: {e}")),
                _ => StatusLine::info(format!(
                    "Đã tổng hợp các tệp trong thư mục {}",
                    view.folder.display()
                )),
            });
        }
        self.aggregating = reading;
    }

    /// Whether a long command waits for the next frame (which must then be drawn).
    pub(super) fn has_announced(&self) -> bool {
        self.announced.is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    #[test]
    fn a_written_file_is_named_before_its_folder() {
        let m = written("PDF", Path::new("/tmp/bao cao/BC-Q3.pdf"));
        assert_eq!(m, "Đã xuất PDF “BC-Q3.pdf” vào thư mục /tmp/bao cao");
        assert_eq!(
            written("tệp Word", Path::new("a.docx")),
            "Đã xuất tệp Word “a.docx”"
        );
    }

    #[test]
    fn file_work_is_announced_and_quick_commands_are_not() {
        let export = Command::ExportTo(PathBuf::from("/x/y.pdf"), PdfKind::SignReady);
        let said = announcement(&export).unwrap();
        assert!(
            said.starts_with("Đang xuất bản ký số") && said.contains("“y.pdf”"),
            "{said}"
        );
        assert!(announcement(&Command::Undo).is_none());
        assert!(announcement(&Command::Notify("x".into())).is_none());
        assert!(
            announcement(&Command::WriteReplacing(
                PathBuf::from("a.ron"),
                PathPurpose::SaveProject
            ))
            .is_none()
        );
    }
}
