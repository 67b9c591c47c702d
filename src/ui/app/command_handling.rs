//! Carries out the commands the panels recorded: edits through the document's
//! history, review steps, the unsaved-changes and recovery answers, new reports,
//! navigation. What reads or writes files is in `files.rs`.

use super::BaocaoApp;
use crate::compose::SourceRef;
use crate::edit::{Edit, ReviewEdit};
use crate::guide::Step;
use crate::model::{ReportStatus, SectionRole};
use crate::review::Actor;
use crate::session::{now, reports};
use crate::ui::command::{Command, Modal, PathPurpose, PdfKind, RecoverAnswer, StatusLine, Then};
use crate::ui::editor;

impl BaocaoApp {
    pub(super) fn apply(&mut self, c: Command) {
        match c {
            Command::Edit(e) => self.edit(e),
            Command::SealTyping => {
                if let Some(doc) = &mut self.doc {
                    doc.history.seal();
                }
            }
            Command::Undo => self.undo_or_redo(true),
            Command::Redo => self.undo_or_redo(false),
            Command::New => self.guard(Then::New),
            Command::Open => self.guard(Then::Open(None)),
            Command::OpenPath(p) => self.guard(Then::Open(Some(p))),
            Command::Save => {
                self.save(false);
            }
            Command::SaveAs => {
                self.save(true);
            }
            Command::ExportPdf => self.export(PathPurpose::SavePdf(PdfKind::Report)),
            Command::ExportReviewCopy => self.export(PathPurpose::SavePdf(PdfKind::ReviewCopy)),
            Command::Print => self.open_print_dialog(),
            Command::ZoomUi(zoom) => self.ui_zoom = zoom.from(self.ui_zoom).clamp(0.5, 2.0),
            Command::PrintNow => self.print_now(),
            Command::PrintWithViewer => self.print_with_viewer(),
            Command::ExportSignReady => self.export(PathPurpose::SavePdf(PdfKind::SignReady)),
            Command::ChooseSigningImage(image) => self.choose_signing_image(image),
            Command::Quit => self.guard(Then::Quit),
            Command::SelectStep(s) => {
                if s == Step::Duyet
                    && let Some(doc) = &mut self.doc
                {
                    doc.rescan_review_files();
                }
                self.step = s;
                self.focus = self.focus_of_step(s);
                if let Some(doc) = &mut self.doc {
                    doc.history.seal();
                }
            }
            Command::SelectReport(id) => self.report_id = Some(id),
            Command::ShowFind => {
                // Opened again (Ctrl+F in a text box), the cursor goes back to Tìm.
                self.editor.find.get_or_insert_with(Default::default).focus = true;
            }
            Command::SelectAll => self.text_boxes.select_all(),
            Command::Notify(text) => self.status = Some(StatusLine::info(text)),
            Command::ShowText { field, sentence } => self.show_text(&field, &sentence),
            Command::PutBackMoved(words) => self.put_back_moved(words),
            Command::AskNewReport => {
                let today = chrono::Local::now().date_naive();
                let plan_year = self.project().map_or(0, |p| p.plan.year);
                let p = reports::proposed_period(self.report(), plan_year, today);
                let (kind, year) = (p.kind, p.year);
                self.modal = Some(Modal::NewReport {
                    kind,
                    year,
                    from_previous: self.report().is_some(),
                });
            }
            Command::NewReport {
                period,
                from_previous,
            } => self.new_report(period, from_previous),
            Command::AskPlanRevision => {
                if let Some(doc) = &self.doc {
                    self.modal = Some(Modal::PlanRevision(Box::new(
                        crate::ui::plan_revision_dialog::RevisionForm::of(&doc.project),
                    )));
                }
            }
            Command::NewNotice(n) => self.new_notice(n),
            Command::ConfirmRemoveSection(id) => self.modal = Some(Modal::RemoveSection(id)),
            Command::InsertPhrase {
                section,
                cursor,
                phrase,
            } => self.insert_phrase(&section, cursor, &phrase),
            Command::InsertFigure {
                section,
                cursor,
                text,
            } => self.insert_figure(&section, cursor, &text),
            Command::SaveTo(path) => {
                self.save_to(&crate::ui::dialogs::with_extension(path, "ron"));
            }
            Command::ExportTo(path, kind) => {
                self.export_to(&path, PathPurpose::SavePdf(kind), false)
            }
            Command::ExportDocx(kind) => self.export(PathPurpose::SaveDocx(kind)),
            Command::ExportDocxTo(path, kind) => {
                self.export_to(&path, PathPurpose::SaveDocx(kind), false)
            }
            Command::WriteReplacing(path, purpose) => match purpose {
                PathPurpose::SavePdf(_) | PathPurpose::SaveDocx(_) => {
                    self.export_to(&path, purpose, true)
                }
                PathPurpose::SaveAggregate(f) => self.export_aggregate(&path, f, true),
                // Nothing else writes an output: asked as a plain command.
                _ => {}
            },
            Command::ImportTable => {
                if let Some(path) = self.choose(PathPurpose::ImportTable, "") {
                    self.push(Command::ImportFrom { path, kind: None });
                }
            }
            Command::ImportFrom { path, kind } => self.import_preview(path, kind),
            Command::ConfirmImport(preview) => self.confirm_import(*preview),
            Command::ImportPlan => {
                if let Some(path) = self.choose(PathPurpose::PlanDocument, "") {
                    self.push(Command::ImportPlanFrom(path));
                }
            }
            Command::ImportPlanFrom(path) => self.plan_import_preview(path),
            Command::ConfirmPlanImport(import) => self.confirm_plan_import(*import),
            Command::OpenWordReport => {
                if let Some(path) = self.choose(PathPurpose::WordReport, "") {
                    self.push(Command::WordReportFrom(path));
                }
            }
            Command::WordReportFrom(path) => self.word_report_preview(path),
            Command::OpenAggregate => {
                if let Some(folder) = self.choose(PathPurpose::AggregateFolder, "") {
                    self.push(Command::AggregateFrom(folder));
                }
            }
            Command::AggregateFrom(folder) => {
                self.aggregate = Some(crate::ui::aggregate_view::AggregateView::start(folder));
            }
            Command::ExportAggregate(format) => {
                if let Some(view) = &self.aggregate {
                    let suggested = view.suggested_name(format);
                    let purpose = PathPurpose::SaveAggregate(format);
                    // The system's save chooser asked before naming a file there.
                    if let Some(path) = self.choose(purpose, &suggested) {
                        self.push(Command::WriteReplacing(path, purpose));
                    }
                }
            }
            Command::ExportAggregateTo(path, format) => self.export_aggregate(&path, format, false),
            Command::AggregatePeriod(period) => {
                if let Some(view) = &self.aggregate {
                    let folder = view.folder.clone();
                    self.aggregate = Some(crate::ui::aggregate_view::AggregateView::start_with(
                        folder,
                        Some(period),
                    ));
                }
            }
            Command::CloseAggregate => self.aggregate = None,
            Command::ImportWordComments => {
                if let Some(path) = self.choose(PathPurpose::WordComments, "") {
                    self.push(Command::WordCommentsFrom(path));
                }
            }
            Command::WordCommentsFrom(path) => self.word_comments_preview(path),
            Command::Review(edit) => self.review_step(edit),
            Command::AskPreferences => {
                self.modal = Some(Modal::Preferences {
                    name: self.user.name.clone(),
                    role: self.user.role,
                    pending: None,
                });
            }
            Command::SetUser(user) => {
                self.user = user;
                self.status = Some(StatusLine::info(format!(
                    "Người dùng: {} ({}).",
                    self.user.name,
                    crate::ui::comments::role_word(self.user.role)
                )));
            }
            Command::MergeReviewFiles => self.merge_review_files(),
            Command::VerifySigned => self.verify_signed(),
            Command::VerifySignedFrom(pdf) => self.verify_signed_at(&pdf),
            Command::SigningImageFrom { image, path } => self.use_signing_image(image, &path),
            Command::TakeOverLock => self.take_over_lock(),
            Command::Message(text) => {
                self.modal = Some(Modal::Message {
                    title: "Chưa thực hiện được".to_owned(),
                    text,
                });
            }
            Command::ShowMessage { title, text } => {
                self.modal = Some(Modal::Message { title, text });
            }
            Command::AnswerUnsaved(answer) => self.answer_unsaved(answer),
            Command::AnswerRecover(accept) => self.answer_recover(accept),
            Command::ConfirmApprovedEdit(edit) => {
                if let Some(id) = &self.report_id {
                    self.approved_edit_ok.insert(id.clone());
                }
                self.edit(*edit);
            }
            Command::OpenExternally(path) => {
                if let Err(e) = self.dialogs.open_externally(&path) {
                    self.status = Some(StatusLine::error(e.clone()));
                    self.modal = Some(Modal::Message {
                        title: "Không mở được tệp".to_owned(),
                        text: e,
                    });
                }
            }
            Command::CloseModal => self.modal = None,
            Command::Jump(source) => {
                if let Some(step) = self
                    .report()
                    .and_then(|r| crate::render::step_of_source(r, &source))
                {
                    self.step = step;
                }
                self.focus = Some(source);
            }
        }
    }

    /// The user as recorded: the preferences, or the system's user name.
    pub(super) fn actor(&self) -> Actor {
        let mut a = self.user.clone();
        if a.name.trim().is_empty() {
            a.name = crate::storage::lock::this_user();
        }
        a
    }

    /// Applies an edit, asking first when it would change an approved report, and
    /// sends any approved report whose content changed back to Cần sửa.
    fn edit(&mut self, e: Edit) {
        let current = self.report_id.clone().unwrap_or_default();
        let Some(doc) = &mut self.doc else { return };
        if let Some(reason) = &doc.read_only {
            self.status = Some(StatusLine::error(format!(
                "Không sửa được. {}",
                reason.message()
            )));
            return;
        }
        let guarded = doc.project.report(&current).is_some_and(|r| {
            matches!(
                r.review.status,
                ReportStatus::Approved | ReportStatus::Issued
            )
        }) && !self.approved_edit_ok.contains(&current);
        if guarded {
            // Tried on a copy: an edit that changes nothing printed does not ask.
            let mut trial = doc.project.clone();
            let breaks = crate::edit::apply(&mut trial, e.clone()).is_ok()
                && trial.report(&current).is_some_and(|r| {
                    crate::review::approval_of(&trial, r) == crate::review::Approval::Changed
                });
            if breaks {
                self.modal = Some(Modal::EditApproved(Box::new(e)));
                return;
            }
        }
        match doc.apply(e) {
            Ok(true) => self.check_approvals(),
            Ok(false) => {}
            Err(err) => self.status = Some(StatusLine::error(err.to_string())),
        }
    }

    /// After an edit: approved reports whose content changed go back to Cần sửa,
    /// with the change recorded in their history.
    fn check_approvals(&mut self) {
        let actor = self.actor();
        let Some(doc) = &mut self.doc else { return };
        if !doc
            .project
            .reports
            .iter()
            .any(|r| r.review.status == ReportStatus::Approved)
        {
            return;
        }
        let before = doc.project.clone();
        let at = now();
        let mut reverted = Vec::new();
        for r in &mut doc.project.reports {
            if let Some(t) = crate::review::check_after_edit(&before, r, &actor, at) {
                reverted.push(format!("{}: {}", r.period.label(), t.remark));
            }
        }
        if !reverted.is_empty() {
            self.status = Some(StatusLine::error(format!(
                "Báo cáo đã duyệt bị sửa nên chuyển về “Cần sửa” — {}",
                reverted.join("; ")
            )));
        }
    }

    /// A review step by the current user: into the project, or into the user's
    /// review file when the project is open read-only.
    fn review_step(&mut self, edit: ReviewEdit) {
        if self.user.name.trim().is_empty() {
            self.modal = Some(Modal::Preferences {
                name: String::new(),
                role: self.user.role,
                pending: Some(edit),
            });
            return;
        }
        let Some(id) = self.report_id.clone() else {
            return;
        };
        let actor = self.user.clone();
        let at = now();
        let Some(doc) = &mut self.doc else { return };
        let message = match &edit {
            ReviewEdit::Action { kind, .. } => {
                Some(format!("Báo cáo chuyển sang “{}”.", kind.target().label()))
            }
            _ => None,
        };
        if doc.read_only.is_some() {
            match doc.review_as_reader(&id, &actor, at, edit) {
                Ok(()) => {
                    let file = doc
                        .review_file
                        .as_ref()
                        .and_then(|(p, _)| p.file_name())
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default();
                    self.status = Some(StatusLine::info(format!("Đã ghi vào tệp góp ý {file}.")));
                }
                Err(e) => {
                    self.modal = Some(Modal::Message {
                        title: "Không ghi được góp ý".to_owned(),
                        text: e.to_string(),
                    });
                }
            }
            return;
        }
        doc.history.seal();
        let applied = doc.apply(Edit::Review {
            report: id.clone(),
            actor,
            at,
            edit,
        });
        doc.history.seal();
        match applied {
            Ok(_) => {
                if let Some(m) = message {
                    self.approved_edit_ok.remove(&id);
                    // A colleague opening the shared file must see the new status: it is
                    // saved at once when the project has a file; else say it is not.
                    let path = doc.path.clone();
                    let saved = path.is_some_and(|p| self.save_to(&p));
                    self.status = Some(StatusLine::info(if saved {
                        format!("{m} Đã lưu vào tệp để người cùng làm thấy.")
                    } else {
                        format!(
                            "{m} Chưa lưu: người cùng làm chỉ thấy sau khi anh/chị lưu tệp (Ctrl+S)."
                        )
                    }));
                }
            }
            Err(e) => {
                self.modal = Some(Modal::Message {
                    title: "Chưa thực hiện được".to_owned(),
                    text: e.to_string(),
                });
            }
        }
    }

    /// Undoes (or redoes) one step, then goes to what it changed: its step, its section
    /// with the changed words selected, and says what it was.
    fn undo_or_redo(&mut self, undo: bool) {
        let Some(doc) = &mut self.doc else { return };
        let before = doc.project.clone();
        let done = if undo { doc.undo() } else { doc.redo() };
        if !done {
            self.status = Some(StatusLine::info(if undo {
                "Không còn gì để hoàn tác."
            } else {
                "Không còn gì để làm lại."
            }));
            return;
        }
        let Some(id) = self.report_id.clone() else {
            return;
        };
        let Some(place) = crate::session::changed_place(&before, &doc.project, &id) else {
            return;
        };
        self.step = place.step;
        self.focus = self.focus_of_step(place.step);
        if let Some((section, chars)) = place.section {
            self.focus = Some(SourceRef::Section(section.clone()));
            self.editor.select = Some(crate::edit::find::Hit {
                section,
                start: chars.start,
                end: chars.end,
            });
        }
        let verb = if undo {
            "Đã hoàn tác"
        } else {
            "Đã làm lại"
        };
        self.status = Some(StatusLine::info(format!(
            "{verb} thay đổi ở {} (bước {}).",
            place.what,
            place.step.label()
        )));
    }

    /// Merges the review files found beside the project and says what each did.
    fn merge_review_files(&mut self) {
        let Some(doc) = &mut self.doc else { return };
        let lines: Vec<String> = doc
            .merge_review_files()
            .iter()
            .flat_map(|m| m.lines())
            .collect();
        self.modal = Some(Modal::Message {
            title: "Gộp góp ý".to_owned(),
            text: if lines.is_empty() {
                "Không có tệp góp ý nào để gộp.".to_owned()
            } else {
                format!(
                    "{}\n\nTệp góp ý đã gộp sẽ được xóa khi lưu dự án.",
                    lines.join("\n")
                )
            },
        });
    }

    fn take_over_lock(&mut self) {
        let user = self.user.clone();
        let Some(doc) = &mut self.doc else { return };
        match doc.take_over(&user, now()) {
            Ok(()) => self.status = Some(StatusLine::info("Đã nhận quyền sửa tệp.")),
            Err(e) => {
                self.modal = Some(Modal::Message {
                    title: "Không nhận được quyền sửa".to_owned(),
                    text: e.to_string(),
                });
            }
        }
    }

    /// Runs `then` now, or first asks about unsaved changes.
    fn guard(&mut self, then: Then) {
        if self.is_dirty() {
            self.modal = Some(Modal::Unsaved(then));
        } else {
            self.proceed(then);
        }
    }

    fn proceed(&mut self, then: Then) {
        match then {
            Then::New => self.new_project(),
            Then::Open(path) => {
                let path = path.or_else(|| self.choose(PathPurpose::OpenProject, ""));
                if let Some(p) = path {
                    if let Some(doc) = &self.doc {
                        doc.forget_recovery();
                    }
                    self.open_path(&p);
                }
            }
            Then::Quit => {
                if let Some(doc) = &self.doc {
                    doc.forget_recovery();
                }
                self.quit_confirmed = true;
            }
        }
    }

    /// The answer to the unsaved-changes question: save first, discard, or cancel.
    fn answer_unsaved(&mut self, save_first: Option<bool>) {
        let Some(Modal::Unsaved(then)) = self.modal.take() else {
            return;
        };
        match save_first {
            None => {}
            Some(true) if self.save(false) => self.proceed(then),
            Some(true) => {}
            Some(false) => {
                if let Some(doc) = &mut self.doc {
                    doc.forget_recovery();
                    // Discarding: make the document clean so the action proceeds.
                    if let Err(e) = doc.revert_to_disk() {
                        self.status = Some(StatusLine::error(e.to_string()));
                    }
                }
                self.proceed(then);
            }
        }
    }

    /// Restores, keeps both, compares or discards an offered recovery copy. A copy is
    /// never restored over a file that changed since its work began, and the dialog
    /// has no "later": this window's next autosave would replace the copy.
    fn answer_recover(&mut self, answer: RecoverAnswer) {
        let Some(Modal::Recover {
            path,
            project,
            file_changed,
            ..
        }) = self.modal.take()
        else {
            return;
        };
        match answer {
            RecoverAnswer::Restore if !file_changed => {
                if let Some(doc) = &mut self.doc {
                    doc.adopt_recovered(*project);
                }
                self.status = Some(StatusLine::info(
                    "Đã khôi phục bản tự lưu; hãy lưu lại tệp.",
                ));
            }
            // Restoring over a changed file is never done: both are kept instead.
            RecoverAnswer::KeepBoth | RecoverAnswer::Restore => {
                match crate::session::save_recovered_beside(&path, &project, now()) {
                    Ok(saved) => {
                        self.status = Some(StatusLine::info(format!(
                            "Đã lưu bản tự lưu thành {}",
                            saved.display()
                        )));
                        self.modal = Some(Modal::Message {
                            title: "Đã giữ cả hai".to_owned(),
                            text: format!(
                                "Phần việc trong bản tự lưu đã được lưu thành tệp mới:\n{}\n\nTệp {} vẫn giữ nguyên, kể cả những thay đổi mới trong đó. Muốn chép lại phần đã soạn, hãy mở tệp mới bằng Tệp › Mở….",
                                saved.display(),
                                path.display()
                            ),
                        });
                    }
                    Err(e) => {
                        self.modal = Some(Modal::Message {
                            title: "Không lưu được bản tự lưu".to_owned(),
                            text: format!("{e}\n\nBản tự lưu vẫn còn và sẽ được hỏi lại lần sau."),
                        });
                    }
                }
            }
            RecoverAnswer::ShowDifferences => {
                let lines = match crate::storage::load(&path) {
                    Ok(on_disk) => crate::session::differences(&on_disk, &project),
                    Err(e) => vec![e.to_string()],
                };
                self.modal = Some(Modal::Recover {
                    path,
                    project,
                    file_changed,
                    differences: Some(lines),
                });
            }
            RecoverAnswer::Discard => {
                if let Some(doc) = &self.doc
                    && doc.path.as_deref() == Some(path.as_path())
                {
                    doc.forget_recovery();
                }
            }
        }
    }

    /// A new project for the same organisation, with an empty plan and one report
    /// from the skeleton.
    fn new_project(&mut self) {
        let year = chrono::Datelike::year(&chrono::Local::now().date_naive());
        let project = reports::new_project(self.project(), year);
        self.report_id = project.reports.first().map(|r| r.id.clone());
        let mut doc = crate::session::OpenDocument::new(None, project);
        doc.revision += 1; // a new project is unsaved
        self.doc = Some(doc);
        self.derived = None;
        self.step = Step::ThongTin;
        self.status = Some(StatusLine::info("Đã tạo dự án mới; hãy lưu tệp."));
    }

    /// Replaces a section's text as one undo step of its own.
    fn set_section_body(&mut self, section: &str, text: String) {
        let Some(report) = self.report_id.clone() else {
            return;
        };
        let Some(doc) = &mut self.doc else { return };
        doc.history.seal();
        if let Err(e) = doc.apply(Edit::SectionBody {
            report,
            section: section.to_owned(),
            text,
        }) {
            self.status = Some(StatusLine::error(e.to_string()));
        }
        doc.history.seal();
    }

    fn insert_phrase(&mut self, section: &str, cursor: Option<usize>, phrase: &str) {
        let (Some(project), Some(report)) = (self.project(), self.report()) else {
            return;
        };
        let Some(s) = report.section(section) else {
            return;
        };
        let next_tasks = crate::check::step_of_section(report, section) == Step::NhiemVuToi;
        let phrase = crate::session::phrases::fill_known(phrase, project, report, next_tasks);
        let text = editor::insert_line(&s.body, cursor, &phrase);
        self.set_section_body(section, text);
    }

    fn insert_figure(&mut self, section: &str, cursor: Option<usize>, text: &str) {
        let Some(s) = self.report().and_then(|r| r.section(section)) else {
            return;
        };
        let text = editor::insert_at(&s.body, cursor, text);
        self.set_section_body(section, text);
    }

    pub(super) fn focus_of_step(&self, step: Step) -> Option<SourceRef> {
        let report = self.report()?;
        match step {
            Step::ThongTin => Some(SourceRef::Info),
            Step::KyNhan => Some(SourceRef::Signature),
            Step::ChiTieu | Step::NhiemVu | Step::XuatBan => report
                .section_by_role(SectionRole::IndicatorResults)
                .map(|s| SourceRef::section(&s.id)),
            _ => crate::session::steps::step_sections(report, step)
                .first()
                .map(|s| SourceRef::section(&s.id)),
        }
    }
}
