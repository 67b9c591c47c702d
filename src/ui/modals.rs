//! Dialogs over the window: unsaved changes, recovery after a crash, messages, the
//! result of an export, removing a sub-section, a new report.

use eframe::egui;

use super::command::{Command, Modal, PathPurpose, PdfKind};
use crate::layout::ImageKind;
use crate::model::{Period, PeriodKind, Report, ReportStatus};
use crate::session::OpenDocument;

/// Shows `modal`: its widgets edit its fields, its buttons record commands in `out`.
/// Returns true when it should close now. Nothing here reads or writes a file.
pub fn show(
    ctx: &egui::Context,
    modal: &mut Modal,
    doc: Option<&OpenDocument>,
    report_id: Option<&str>,
    out: &mut Vec<Command>,
) -> bool {
    let report: Option<&Report> = doc.zip(report_id).and_then(|(d, id)| d.project.report(id));
    if let Modal::Import {
        path,
        preview,
        rows,
    } = modal
    {
        return super::import_dialog::show(ctx, path, preview, rows, out);
    }
    if let Modal::PlanImport { path, import } = modal {
        return super::plan_import::show(ctx, path, import, doc.map(|d| &d.project), out);
    }
    if let Modal::Print(form) = modal {
        return super::print_dialog::show(ctx, form, out);
    }
    if let Modal::PlanRevision(form) = modal {
        return super::plan_revision_dialog::show(ctx, form, doc.map(|d| &d.project), out);
    }
    if let Some(close) = super::word_dialog::show(ctx, modal, doc.map(|d| &d.project), report, out)
    {
        return close;
    }
    let mut close = false;
    egui::Modal::new(egui::Id::unique("hop-thoai")).show(ctx, |ui| {
        ui.set_max_width(480.0);
        match modal {
            // Shown above, in its own wider window.
            Modal::Import { .. }
            | Modal::PlanImport { .. }
            | Modal::WordReport(_)
            | Modal::WordComments { .. }
            | Modal::PlanRevision(_)
            | Modal::Print(_) => {}
            Modal::Preferences { name, role, pending } => {
                ui.heading("Người dùng");
                if pending.is_some() {
                    ui.label("Hãy nhập họ tên của anh/chị: tên được ghi vào góp ý và lịch sử duyệt.");
                }
                egui::Grid::new("nguoi-dung").num_columns(2).show(ui, |ui| {
                    ui.label("Họ và tên:");
                    ui.add(egui::TextEdit::singleline(name).desired_width(280.0))
                        .accessible_name("Họ và tên");
                    ui.end_row();
                    ui.label("Vai trò:");
                    ui.horizontal(|ui| {
                        ui.radio_value(role, crate::model::ReviewRole::Drafter, "Người soạn");
                        ui.radio_value(role, crate::model::ReviewRole::Reviewer, "Người duyệt");
                    });
                    ui.end_row();
                });
                ui.horizontal(|ui| {
                    let name = crate::vi::nfc(name.trim());
                    if ui.add_enabled(!name.is_empty(), egui::Button::new("Lưu")).clicked() {
                        out.push(Command::SetUser(crate::review::Actor { name, role: *role }));
                        if let Some(p) = pending.take() {
                            out.push(Command::Review(p));
                        }
                        close = true;
                    }
                    if ui.button("Hủy").clicked() {
                        close = true;
                    }
                });
            }
            Modal::EditApproved(edit) => {
                let issued = report.is_some_and(|r| r.review.status == ReportStatus::Issued);
                ui.heading(if issued { "Sửa báo cáo đã ban hành?" } else { "Sửa báo cáo đã duyệt?" });
                ui.label(if issued {
                    "Báo cáo này đã ban hành. Nếu sửa nội dung, bản trong tệp sẽ khác bản đã ký và chỉ còn xuất được bản DỰ THẢO."
                } else {
                    "Báo cáo này đã được lãnh đạo duyệt. Nếu sửa nội dung, báo cáo sẽ trở về trạng thái “Cần sửa” và phải gửi duyệt lại."
                });
                ui.horizontal(|ui| {
                    if ui.button("Vẫn sửa").clicked() {
                        out.push(Command::ConfirmApprovedEdit(edit.clone()));
                        close = true;
                    }
                    if ui.button("Không sửa").clicked() {
                        close = true;
                    }
                });
            }
            Modal::Locked(reason) => {
                ui.heading("Tệp đang được người khác sửa");
                ui.label(reason.message());
                ui.horizontal(|ui| {
                    if ui.button("Xem và góp ý").clicked() {
                        close = true;
                    }
                    let stale = matches!(reason, crate::session::ReadOnlyReason::Held { stale: true, .. });
                    if stale && ui.button("Nhận quyền sửa").on_hover_text("Chỉ nên chọn khi chắc người kia không còn mở tệp.").clicked() {
                        out.push(Command::TakeOverLock);
                        close = true;
                    }
                });
            }
            Modal::Unsaved(_) => {
                ui.heading("Lưu thay đổi?");
                ui.label("Tệp có thay đổi chưa lưu. Bạn có muốn lưu trước không?");
                ui.horizontal(|ui| {
                    // The answer takes the question (and what follows it) from the app.
                    if ui.button("Lưu").clicked() {
                        out.push(Command::AnswerUnsaved(Some(true)));
                    }
                    if ui.button("Không lưu").clicked() {
                        out.push(Command::AnswerUnsaved(Some(false)));
                    }
                    if ui.button("Hủy").clicked() {
                        out.push(Command::AnswerUnsaved(None));
                    }
                });
            }
            Modal::Recover { path, file_changed, differences, .. } => {
                let discard_asked = egui::Id::unique("bo-ban-tu-luu-hoi-lai");
                ui.heading("Khôi phục bản tự lưu?");
                ui.label(format!(
                    "Lần trước chương trình đóng khi còn thay đổi chưa lưu. Có một bản tự lưu của tệp:\n{}",
                    path.display()
                ));
                if *file_changed {
                    ui.colored_label(
                        ui.visuals().warn_fg_color,
                        "Tệp này đã được thay đổi (bởi chương trình khác hoặc người khác) sau khi phần việc trong bản tự lưu bắt đầu. Khôi phục đè lên tệp sẽ làm mất những thay đổi đó, nên chương trình giữ cả hai: lưu bản tự lưu thành một tệp mới bên cạnh.",
                    );
                }
                if let Some(lines) = differences {
                    ui.separator();
                    ui.strong("Khác nhau giữa tệp và bản tự lưu:");
                    egui::ScrollArea::vertical().max_height(200.0).show(ui, |ui| {
                        if lines.is_empty() {
                            ui.label("Không thấy khác biệt.");
                        }
                        for l in lines.iter() {
                            ui.label(format!("• {l}"));
                        }
                    });
                }
                ui.horizontal_wrapped(|ui| {
                    use super::command::RecoverAnswer as A;
                    if !*file_changed && ui.button("Khôi phục").clicked() {
                        out.push(Command::AnswerRecover(A::Restore));
                    }
                    if ui.button("Giữ cả hai (lưu thành tệp mới)").clicked() {
                        out.push(Command::AnswerRecover(A::KeepBoth));
                    }
                    if differences.is_none() && ui.button("Xem khác biệt").clicked() {
                        out.push(Command::AnswerRecover(A::ShowDifferences));
                    }
                    if ui.button("Bỏ bản tự lưu").clicked() {
                        ui.data_mut(|d| d.insert_temp(discard_asked, true));
                    }
                });
                // Discarding deletes unsaved work for good: asked a second time.
                if ui.data(|d| d.get_temp::<bool>(discard_asked)).unwrap_or(false) {
                    ui.colored_label(
                        ui.visuals().warn_fg_color,
                        "Bỏ bản tự lưu sẽ xóa hẳn phần việc chưa lưu trong đó, không lấy lại được. Chắc chắn bỏ?",
                    );
                    ui.horizontal(|ui| {
                        if ui.button("Bỏ hẳn bản tự lưu").clicked() {
                            ui.data_mut(|d| d.remove::<bool>(discard_asked));
                            out.push(Command::AnswerRecover(super::command::RecoverAnswer::Discard));
                        }
                        if ui.button("Không bỏ").clicked() {
                            ui.data_mut(|d| d.remove::<bool>(discard_asked));
                        }
                    });
                }
            }
            Modal::Message { title, text } => {
                ui.heading(title.as_str());
                ui.label(text.as_str());
                if ui.button("Đóng").clicked() {
                    close = true;
                }
            }
            Modal::Exported { path } => {
                let word = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("docx"));
                ui.heading(if word { "Đã xuất tệp Word" } else { "Đã xuất PDF" });
                ui.label(path.display().to_string());
                ui.horizontal(|ui| {
                    if ui.button(if word { "Mở tệp Word" } else { "Mở tệp PDF" }).clicked() {
                        out.push(Command::OpenExternally(path.clone()));
                        close = true;
                    }
                    if ui.button("Mở thư mục").clicked() {
                        if let Some(dir) = path.parent() {
                            out.push(Command::OpenExternally(dir.to_owned()));
                        }
                        close = true;
                    }
                    if ui.button("Đóng").clicked() {
                        close = true;
                    }
                });
            }
            Modal::RemoveSection(id) => {
                let title = report
                    .and_then(|r| r.section(id))
                    .map(|s| s.title.clone())
                    .unwrap_or_default();
                ui.heading("Xóa mục?");
                ui.label(format!("Xóa mục “{title}” cùng nội dung và các mục con của nó? Có thể hoàn tác bằng Ctrl+Z."));
                ui.horizontal(|ui| {
                    if ui.button("Xóa").clicked() {
                        if let Some(r) = report {
                            let report = r.id.clone();
                            out.push(Command::Edit(crate::edit::Edit::RemoveSection { report, section: id.clone() }));
                        }
                        close = true;
                    }
                    if ui.button("Hủy").clicked() {
                        close = true;
                    }
                });
            }
            Modal::AskPath { purpose, text } => {
                let (title, action) = match purpose {
                    PathPurpose::OpenProject => ("Mở tệp dự án", "Mở"),
                    PathPurpose::SaveProject => ("Lưu tệp dự án", "Lưu"),
                    PathPurpose::SavePdf(PdfKind::Report) => ("Xuất báo cáo ra PDF", "Xuất"),
                    PathPurpose::SavePdf(PdfKind::ReviewCopy) => ("Xuất bản xem xét (kèm góp ý)", "Xuất"),
                    PathPurpose::SavePdf(PdfKind::SignReady) => ("Xuất bản ký số", "Xuất"),
                    PathPurpose::SaveDocx(PdfKind::Report | PdfKind::SignReady) => ("Xuất báo cáo ra tệp Word", "Xuất"),
                    PathPurpose::SaveDocx(PdfKind::ReviewCopy) => ("Xuất bản xem xét ra tệp Word (kèm góp ý)", "Xuất"),
                    PathPurpose::ImportTable => ("Nhập chỉ tiêu, nhiệm vụ từ bảng", "Đọc bảng"),
                    PathPurpose::PlanDocument => ("Nhập kế hoạch", "Đọc kế hoạch"),
                    PathPurpose::WordReport => ("Mở báo cáo Word", "Đọc tệp"),
                    PathPurpose::WordComments => ("Nhập góp ý từ tệp Word", "Đọc tệp"),
                    PathPurpose::AggregateFolder => ("Tổng hợp nhiều xã, phường", "Tổng hợp"),
                    PathPurpose::SaveAggregate(f) => (aggregate_title(*f), "Xuất"),
                    PathPurpose::SignedPdf => ("Kiểm tra bản đã ký", "Kiểm tra"),
                    PathPurpose::SigningImage(ImageKind::Signature) => ("Chọn ảnh chữ ký (PNG)", "Chọn"),
                    PathPurpose::SigningImage(ImageKind::Seal) => ("Chọn ảnh con dấu (PNG)", "Chọn"),
                };
                ui.heading(title);
                ui.label(if *purpose == PathPurpose::AggregateFolder {
                    "Máy này không mở được hộp chọn thư mục. Hãy gõ đường dẫn đầy đủ của thư mục chứa tệp của các xã, phường:"
                } else {
                    "Máy này không mở được hộp chọn tệp. Hãy gõ đường dẫn đầy đủ của tệp:"
                });
                ui.add(
                    egui::TextEdit::singleline(text)
                        .desired_width(440.0)
                        .id_salt("duong-dan"),
                )
                .accessible_name("Đường dẫn tệp");
                // Writing over a file that is there asks first: the button says so.
                let saving = matches!(
                    purpose,
                    PathPurpose::SaveProject
                        | PathPurpose::SavePdf(_)
                        | PathPurpose::SaveDocx(_)
                        | PathPurpose::SaveAggregate(_)
                );
                // What is written is the typed name with its extension added.
                let written = |ext| crate::ui::dialogs::with_extension(text.trim().into(), ext);
                let target = match purpose {
                    PathPurpose::SaveProject => written("ron"),
                    PathPurpose::SavePdf(_) => written("pdf"),
                    PathPurpose::SaveDocx(_) => written("docx"),
                    PathPurpose::SaveAggregate(f) => written(f.extension()),
                    _ => text.trim().into(),
                };
                let exists = saving && !text.trim().is_empty() && target.is_file();
                let action = if exists {
                    ui.colored_label(
                        egui::Color32::from_rgb(0xd0, 0x7a, 0x00),
                        "Tệp này đã có; bấm “Ghi đè” để thay tệp cũ bằng tệp mới.",
                    );
                    "Ghi đè"
                } else {
                    action
                };
                ui.horizontal(|ui| {
                    if ui.button(action).clicked() && !text.trim().is_empty() {
                        let path = std::path::PathBuf::from(text.trim());
                        out.push(match *purpose {
                            // “Ghi đè” clicked: the clerk agreed to replace the file.
                            purpose @ (PathPurpose::SavePdf(_) | PathPurpose::SaveDocx(_) | PathPurpose::SaveAggregate(_))
                                if exists => Command::WriteReplacing(target, purpose),
                            PathPurpose::OpenProject => Command::OpenPath(path),
                            PathPurpose::SaveProject => Command::SaveTo(path),
                            PathPurpose::SavePdf(kind) => Command::ExportTo(path, kind),
                            PathPurpose::SaveDocx(kind) => Command::ExportDocxTo(path, kind),
                            PathPurpose::ImportTable => Command::ImportFrom { path, kind: None },
                            PathPurpose::PlanDocument => Command::ImportPlanFrom(path),
                            PathPurpose::WordReport => Command::WordReportFrom(path),
                            PathPurpose::WordComments => Command::WordCommentsFrom(path),
                            PathPurpose::AggregateFolder => Command::AggregateFrom(path),
                            PathPurpose::SaveAggregate(f) => Command::ExportAggregateTo(path, f),
                            PathPurpose::SignedPdf => Command::VerifySignedFrom(path),
                            PathPurpose::SigningImage(image) => Command::SigningImageFrom { image, path },
                        });
                        close = true;
                    }
                    if ui.button("Hủy").clicked() {
                        close = true;
                    }
                });
            }
            Modal::NewReport { kind, year, from_previous } => {
                ui.heading("Báo cáo mới");
                egui::Grid::new("bao-cao-moi").num_columns(2).show(ui, |ui| {
                    ui.label("Kỳ báo cáo:");
                    egui::ComboBox::from_id_salt("ky-moi")
                        .selected_text(Period::new(*year, *kind).short_label())
                        .show_ui(ui, |ui| {
                            for k in [
                                PeriodKind::Quarter(1),
                                PeriodKind::Quarter(2),
                                PeriodKind::Quarter(3),
                                PeriodKind::Quarter(4),
                                PeriodKind::FirstHalf,
                                PeriodKind::NineMonths,
                                PeriodKind::Year,
                            ] {
                                ui.selectable_value(kind, k, Period::new(*year, k).short_label());
                            }
                        })
                        .response
                        .accessible_name("Kỳ báo cáo");
                    ui.end_row();
                    ui.label("Năm:");
                    ui.add(egui::DragValue::new(year).range(2000..=2100)).accessible_name("Năm");
                    ui.end_row();
                });
                ui.radio_value(from_previous, false, "Bắt đầu từ khung báo cáo trống");
                ui.radio_value(from_previous, true, "Sao chép từ báo cáo kỳ trước (cập nhật kỳ, bỏ số và ngày)");
                ui.horizontal(|ui| {
                    if ui.button("Tạo báo cáo").clicked() {
                        out.push(Command::NewReport { period: Period::new(*year, *kind), from_previous: *from_previous });
                        close = true;
                    }
                    if ui.button("Hủy").clicked() {
                        close = true;
                    }
                });
            }
        }
    });
    close
}

/// The title of the box asking where the city's summary goes.
fn aggregate_title(format: crate::aggregate::SummaryFormat) -> &'static str {
    match format {
        crate::aggregate::SummaryFormat::Xlsx => "Xuất bảng tổng hợp ra Excel",
        crate::aggregate::SummaryFormat::Pdf => "Xuất bản tổng hợp ra PDF",
        crate::aggregate::SummaryFormat::Docx => "Xuất bản tổng hợp ra Word",
    }
}
