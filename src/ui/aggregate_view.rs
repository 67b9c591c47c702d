//! ui: Tệp › Tổng hợp nhiều xã…: the city's table of a folder of communes' files
//! (see `crate::aggregate`), in a window over the editor. The folder is read on a
//! thread of its own so the window keeps drawing; the view lists each commune with
//! its statuses and the files not taken, and exports the same workbook as
//! `baocao aggregate`. Drawing only reads the finished table and records commands.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError};

use eframe::egui;

use super::command::Command;
use crate::aggregate::{self, Aggregate, Options};

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
    /// Starts reading `folder` on a thread of its own.
    pub fn start(folder: PathBuf) -> Self {
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
                let result = aggregate::aggregate(&f, &Options::default(), &progress)
                    .map_err(|e| e.to_string());
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

    /// Writes the workbook of the finished table to `path`, as `guard` allows (and
    /// never over a commune's file the table was made from).
    pub fn export(&mut self, path: &Path, guard: crate::storage::OutputGuard) {
        let Some(Ok(agg)) = &self.result else {
            return;
        };
        let files = agg.files_read();
        let guard = guard.reading_all(
            files.iter().map(std::path::PathBuf::as_path),
            "tệp dự án của một xã",
        );
        let written = aggregate::xlsx::write_xlsx(agg, chrono::Local::now().naive_local())
            .map_err(|e| e.to_string())
            .and_then(|bytes| {
                crate::storage::write_output_guarded(path, &bytes, &guard)
                    .map_err(|e| e.to_string())
            });
        self.message = Some(match written {
            Ok(()) => format!("Đã ghi bảng tổng hợp: {}", path.display()),
            Err(e) => e,
        });
    }

    /// The file name offered when exporting.
    pub fn suggested_name(&self) -> String {
        match &self.result {
            Some(Ok(agg)) => format!("TỔNG-HỢP-{}.xlsx", agg.period.code()),
            _ => "TỔNG-HỢP.xlsx".to_owned(),
        }
    }

    /// Draws the window; the buttons record commands.
    pub fn show(&self, ctx: &egui::Context, out: &mut Vec<Command>) {
        let mut open = true;
        egui::Window::new("Tổng hợp nhiều xã, phường")
            .open(&mut open)
            .default_size([1100.0, 600.0])
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
                    (None, Some(Ok(agg))) => table(ui, agg),
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
                    if ui
                        .add_enabled(ready, egui::Button::new("Xuất bảng Excel…"))
                        .clicked()
                    {
                        out.push(Command::ExportAggregate);
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

/// The communes with their statuses, then the files not taken.
fn table(ui: &mut egui::Ui, agg: &Aggregate) {
    ui.label(agg.period_note());
    ui.label(format!(
        "{} xã, phường; {} chỉ tiêu; {} tệp không lấy.",
        agg.communes.len(),
        agg.indicators.len(),
        agg.skipped.len()
    ));
    let headers = [
        "TT",
        "Xã, phường",
        "Chỉ tiêu",
        "Đạt, vượt",
        "Đúng tiến độ",
        "Chưa đạt",
        "Chưa có số liệu",
        "Nhiệm vụ",
        "Hoàn thành",
        "Quá hạn",
        "Lỗi kiểm tra",
    ];
    egui::ScrollArea::vertical()
        .max_height(ui.available_height() - 120.0)
        .auto_shrink([false, true])
        .show(ui, |ui| {
            egui::Grid::new("tong-hop-xa")
                .striped(true)
                .num_columns(headers.len())
                .show(ui, |ui| {
                    for h in headers {
                        ui.strong(h);
                    }
                    ui.end_row();
                    for (i, c) in agg.communes.iter().enumerate() {
                        ui.label((i + 1).to_string());
                        ui.label(&c.name)
                            .on_hover_text(c.file.display().to_string());
                        for n in [
                            c.indicators.len(),
                            c.met,
                            c.on_track,
                            c.not_met,
                            c.no_data,
                            c.tasks.total,
                            c.tasks.done,
                        ] {
                            ui.label(n.to_string());
                        }
                        let overdue = c.tasks.overdue.to_string();
                        if c.tasks.overdue > 0 {
                            ui.colored_label(ui.visuals().warn_fg_color, overdue);
                        } else {
                            ui.label(overdue);
                        }
                        let errors = ui.label(c.errors.to_string());
                        if let Some(first) = &c.first_error {
                            errors.on_hover_text(first);
                        }
                        ui.end_row();
                    }
                });
            if !agg.skipped.is_empty() {
                egui::CollapsingHeader::new(format!("Tệp không lấy ({})", agg.skipped.len()))
                    .default_open(false)
                    .show(ui, |ui| {
                        for s in &agg.skipped {
                            ui.label(format!(
                                "{}: {} — {}",
                                s.file.display(),
                                s.reason.label(),
                                s.detail
                            ));
                        }
                    });
            }
        });
}
