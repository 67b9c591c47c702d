//! ui: Tệp › Tổng hợp nhiều xã…: the city's table of a folder of communes' files
//! (see `crate::aggregate`), in a window over the editor. The folder is read on a
//! thread of its own so the window keeps drawing; the view shows the indicator table
//! (sortable by any column, with progress counts and totals) or each commune with its
//! statuses, the files not taken, a period chooser, and exports the same workbook,
//! PDF and Word summary as `baocao aggregate`. Drawing only reads the finished table
//! and records commands; the sort and the tab shown are the view's own memory.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError};

use eframe::egui;

use super::command::Command;
use crate::aggregate::{self, Aggregate, Options, SummaryFormat};

/// The reading of a folder, running on its own thread.
struct Job {
    result: Receiver<Result<Aggregate, String>>,
    done: Arc<AtomicUsize>,
    total: Arc<AtomicUsize>,
}

/// The aggregation window's state.
pub struct AggregateView {
    /// The folder read.
    pub folder: PathBuf,
    job: Option<Job>,
    /// The table, or why there is none; `None` while reading.
    pub result: Option<Result<Aggregate, String>>,
    /// The last thing that happened (the workbook written, or why not).
    pub message: Option<String>,
}

impl AggregateView {
    /// Starts reading `folder` on a thread of its own, for the latest period most
    /// files report on.
    pub fn start(folder: PathBuf) -> Self {
        Self::start_with(folder, None)
    }

    /// Starts reading `folder` for `period` (the latest most files have when `None`).
    pub fn start_with(folder: PathBuf, period: Option<crate::model::Period>) -> Self {
        let (send, receive) = std::sync::mpsc::channel();
        let done = Arc::new(AtomicUsize::new(0));
        let total = Arc::new(AtomicUsize::new(0));
        let (d, t, f) = (done.clone(), total.clone(), folder.clone());
        let spawned = std::thread::Builder::new()
            .name("tong-hop".to_owned())
            .spawn(move || {
                let progress = |n: usize, of: usize| {
                    d.store(n, Ordering::Relaxed);
                    t.store(of, Ordering::Relaxed);
                };
                let options = Options {
                    period,
                    ..Options::default()
                };
                let result =
                    aggregate::aggregate(&f, &options, &progress).map_err(|e| e.to_string());
                // The window may have been closed meanwhile; nobody is left to tell.
                let _ = send.send(result);
            });
        let (job, result) = match spawned {
            Ok(_) => (
                Some(Job {
                    result: receive,
                    done,
                    total,
                }),
                None,
            ),
            Err(e) => (
                None,
                Some(Err(format!(
                    "Không bắt đầu được việc tổng hợp ({}).",
                    crate::storage::io_reason(&e)
                ))),
            ),
        };
        Self {
            folder,
            job,
            result,
            message: None,
        }
    }

    /// Takes the table once the thread has finished; true while still reading.
    pub fn poll(&mut self) -> bool {
        let Some(job) = &self.job else {
            return false;
        };
        match job.result.try_recv() {
            Ok(r) => {
                self.result = Some(r);
                self.job = None;
                false
            }
            Err(TryRecvError::Empty) => true,
            Err(TryRecvError::Disconnected) => {
                self.result = Some(Err("Việc tổng hợp dừng giữa chừng; hãy thử lại.".to_owned()));
                self.job = None;
                false
            }
        }
    }

    /// Writes the finished table to `path` as `format` (the workbook, or the summary
    /// report as a draft), as `guard` allows (and never over a commune's file the
    /// table was made from).
    pub fn export(
        &mut self,
        path: &Path,
        guard: crate::storage::OutputGuard,
        format: SummaryFormat,
    ) {
        let Some(Ok(agg)) = &self.result else {
            return;
        };
        let files = agg.files_read();
        let guard = guard.reading_all(
            files.iter().map(std::path::PathBuf::as_path),
            "tệp dự án của một xã",
        );
        let (project, report) = aggregate::document::city_report(agg);
        let written = aggregate::summary_bytes(
            agg,
            (&project, &report),
            format,
            chrono::Local::now().naive_local(),
        )
        .map_err(|e| e.to_string())
        .and_then(|bytes| {
            crate::storage::write_output_guarded(path, &bytes, &guard).map_err(|e| e.to_string())
        });
        self.message = Some(match written {
            Ok(()) if format == SummaryFormat::Xlsx => {
                format!("Đã ghi bảng tổng hợp: {}", path.display())
            }
            Ok(()) => format!("Đã ghi bản tổng hợp (dự thảo): {}", path.display()),
            Err(e) => e,
        });
    }

    /// The file name offered when exporting as `format`.
    pub fn suggested_name(&self, format: SummaryFormat) -> String {
        match &self.result {
            Some(Ok(agg)) => format!("TỔNG-HỢP-{}.{}", agg.period.code(), format.extension()),
            _ => format!("TỔNG-HỢP.{}", format.extension()),
        }
    }

    /// Draws the window; the buttons record commands.
    pub fn show(&self, ctx: &egui::Context, out: &mut Vec<Command>) {
        let mut open = true;
        egui::Window::new("Tổng hợp nhiều xã, phường")
            .open(&mut open)
            .default_size([1300.0, 640.0])
            .max_height(ctx.content_rect().height() - 80.0)
            .collapsible(false)
            .show(ctx, |ui| {
                ui.label(format!("Thư mục: {}", self.folder.display()));
                match (&self.job, &self.result) {
                    (Some(job), _) => {
                        let (n, of) = (
                            job.done.load(Ordering::Relaxed),
                            job.total.load(Ordering::Relaxed),
                        );
                        let share = if of == 0 { 0.0 } else { n as f32 / of as f32 };
                        ui.add(
                            egui::ProgressBar::new(share).text(format!("Đang đọc {n}/{of} tệp…")),
                        );
                    }
                    (None, Some(Ok(agg))) => super::aggregate_tables::tables(ui, agg, out),
                    (None, Some(Err(e))) => {
                        ui.colored_label(ui.visuals().error_fg_color, e);
                    }
                    (None, None) => {}
                }
                if let Some(m) = &self.message {
                    ui.label(m);
                }
                ui.horizontal(|ui| {
                    let ready = matches!(self.result, Some(Ok(_)));
                    for (label, format) in [
                        ("Xuất bảng Excel…", SummaryFormat::Xlsx),
                        ("Xuất bản tổng hợp PDF…", SummaryFormat::Pdf),
                        ("Xuất bản tổng hợp Word…", SummaryFormat::Docx),
                    ] {
                        if ui.add_enabled(ready, egui::Button::new(label)).clicked() {
                            out.push(Command::ExportAggregate(format));
                        }
                    }
                    if ui.button("Chọn thư mục khác…").clicked() {
                        out.push(Command::OpenAggregate);
                    }
                    if ui.button("Đóng").clicked() {
                        out.push(Command::CloseAggregate);
                    }
                });
            });
        if !open {
            out.push(Command::CloseAggregate);
        }
        if self.job.is_some() {
            ctx.request_repaint_after(std::time::Duration::from_millis(100));
        }
    }
}
