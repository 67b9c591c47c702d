//! session: the autosave copy found when a project is opened after a crash: whether
//! the file changed since the work in the copy began (another program imported into
//! it, a colleague saved it), what differs between the two, and keeping both.

use std::path::{Path, PathBuf};

use crate::model::Project;
use crate::storage::{self, StorageError};

/// An autosave copy worth offering for a project file.
#[derive(Clone, Debug, PartialEq)]
pub struct RecoveryOffer {
    /// The work in the copy.
    pub project: Project,
    /// The file on disk is no longer the version the work started from (or the copy
    /// does not say which it was): restoring over it would lose what changed there.
    pub file_changed: bool,
}

/// The autosave copy of `path`, when there is one that reads and differs from the
/// file. A copy equal to the file is removed (nothing to recover).
pub fn recovery_offer(path: &Path) -> Option<RecoveryOffer> {
    let rec = storage::recovery_path(path);
    if !rec.is_file() {
        return None;
    }
    let (recovered, base) = storage::read_recovery(&rec).ok()?;
    let current = storage::load(path);
    if current.as_ref().is_ok_and(|c| *c == recovered) {
        // The same as the file: nothing to offer; a copy that stays is offered again.
        std::fs::remove_file(&rec).ok();
        return None;
    }
    let file_changed = match base {
        Some(key) => current.is_err() || !storage::content_is(path, &key),
        None => true,
    };
    Some(RecoveryOffer {
        project: recovered,
        file_changed,
    })
}

/// What differs between the project file (`on_disk`) and the autosave copy
/// (`recovered`), one line each, in Vietnamese.
pub fn differences(on_disk: &Project, recovered: &Project) -> Vec<String> {
    let mut out = Vec::new();
    let ids = |p: &Project| -> Vec<(String, String)> {
        p.plan
            .indicators
            .iter()
            .map(|i| (i.id.clone(), i.name.clone()))
            .chain(p.plan.tasks.iter().map(|t| (t.id.clone(), t.name.clone())))
            .collect()
    };
    let (disk_items, rec_items) = (ids(on_disk), ids(recovered));
    for (id, name) in &disk_items {
        if !rec_items.iter().any(|(i, _)| i == id) {
            out.push(format!("Chỉ có trong tệp: {id} {name}"));
        }
    }
    for (id, name) in &rec_items {
        if !disk_items.iter().any(|(i, _)| i == id) {
            out.push(format!("Chỉ có trong bản tự lưu: {id} {name}"));
        }
    }
    for r in &recovered.reports {
        let Some(d) = on_disk.report(&r.id) else {
            out.push(format!(
                "Báo cáo {} chỉ có trong bản tự lưu",
                r.period.label()
            ));
            continue;
        };
        let numbers = crate::compose::section_numbers(r);
        for s in r.all_sections() {
            let old = d.section(&s.id);
            let differs = old.is_none_or(|ds| ds.body != s.body || ds.title != s.title);
            if differs {
                let words = old.map_or_else(
                    || "chỉ có trong bản tự lưu".to_owned(),
                    |ds| changed_words(&ds.body, &s.body),
                );
                out.push(format!(
                    "Báo cáo {}, mục {} {}: {words}",
                    r.period.label(),
                    numbers.get(&s.id).map_or("", String::as_str),
                    s.title.trim()
                ));
            }
        }
        if (&d.summary, &d.opening, &d.closing) != (&r.summary, &r.opening, &r.closing) {
            out.push(format!(
                "Báo cáo {}: trích yếu, đoạn mở đầu hoặc câu kết khác",
                r.period.label()
            ));
        }
    }
    for d in &on_disk.reports {
        if recovered.report(&d.id).is_none() {
            out.push(format!("Báo cáo {} chỉ có trong tệp", d.period.label()));
        }
    }
    if on_disk.periods != recovered.periods {
        out.push("Số liệu các kỳ (chỉ tiêu, tiến độ nhiệm vụ) khác nhau".to_owned());
    }
    if on_disk.organisation != recovered.organisation || on_disk.page_setup != recovered.page_setup
    {
        out.push("Thông tin cơ quan hoặc định dạng trang khác nhau".to_owned());
    }
    if out.is_empty() && on_disk != recovered {
        out.push("Khác nhau ở các thông tin khác (góp ý, lịch sử duyệt…)".to_owned());
    }
    out
}

/// The words the autosave copy adds to and takes from a text, as the clerk reads
/// them: `bản tự lưu thêm “…”; bỏ “…”` (each run cut at 120 letters, at most three of
/// each kind named).
fn changed_words(on_disk: &str, recovered: &str) -> String {
    use crate::review::Span;
    let spans = crate::review::diff_words(on_disk, recovered);
    let quote = |pick: fn(&Span) -> Option<&str>| -> Vec<String> {
        spans
            .iter()
            .filter_map(pick)
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(|t| format!("“{}”", crate::vi::shorten(t, 120)))
            .collect()
    };
    let list = |mut runs: Vec<String>| {
        let extra = runs.len().saturating_sub(3);
        runs.truncate(3);
        let mut text = runs.join(", ");
        if extra > 0 {
            text.push_str(&format!(" và {extra} chỗ khác"));
        }
        text
    };
    let added = quote(|s| match s {
        Span::Added(t) => Some(t),
        _ => None,
    });
    let removed = quote(|s| match s {
        Span::Removed(t) => Some(t),
        _ => None,
    });
    match (added.is_empty(), removed.is_empty()) {
        (true, true) => "tên mục khác".to_owned(),
        (false, true) => format!("bản tự lưu thêm {}", list(added)),
        (true, false) => format!("bản tự lưu bỏ {}", list(removed)),
        (false, false) => format!("bản tự lưu thêm {}; bỏ {}", list(added), list(removed)),
    }
}

/// Keeps both: writes the recovered work beside the project as a new file
/// (`TÊN-khoi-phuc-NGÀY-GIỜ.ron`, never over an existing file) and removes the
/// autosave copy, whose work is now safe. Returns the new file.
pub fn save_recovered_beside(
    path: &Path,
    recovered: &Project,
    at: chrono::NaiveDateTime,
) -> Result<PathBuf, StorageError> {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "du-an".to_owned());
    let base = format!("{stem}-khoi-phuc-{}", at.format("%Y%m%d-%H%M"));
    let target = (1..)
        .map(|n| {
            let name = if n == 1 {
                format!("{base}.ron")
            } else {
                format!("{base}-{n}.ron")
            };
            path.with_file_name(name)
        })
        .find(|p| !p.exists())
        .unwrap_or_else(|| path.with_file_name(format!("{base}.ron")));
    storage::save(&target, recovered)?;
    let rec = storage::recovery_path(path);
    if rec.exists() {
        // The work is in the new file; a copy left behind would only be offered again.
        std::fs::remove_file(rec).ok();
    }
    Ok(target)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::sample;

    fn at() -> chrono::NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2026, 11, 30)
            .and_then(|d| d.and_hms_opt(8, 5, 0))
            .unwrap_or_default()
    }

    #[test]
    fn a_file_changed_since_the_autosave_began_is_said_so() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.ron");
        storage::save(&path, &sample()).unwrap();
        let base = storage::stamp(&path).unwrap();
        let mut work = sample();
        work.reports[0].summary.push_str(" (đang sửa)");
        storage::write_recovery(&storage::recovery_path(&path), &work, Some(&base)).unwrap();
        let offer = recovery_offer(&path).unwrap();
        assert!(
            !offer.file_changed,
            "the file is the one the work began from"
        );

        // Another program adds an indicator to the file.
        let mut newer = sample();
        let mut extra = newer.plan.indicators[0].clone();
        extra.id = "CT99".into();
        extra.name = "Chỉ tiêu nhập từ bảng".into();
        newer.plan.indicators.push(extra);
        storage::save(&path, &newer).unwrap();
        let offer = recovery_offer(&path).unwrap();
        assert!(offer.file_changed);
        let diff = differences(&newer, &offer.project);
        assert!(
            diff.iter()
                .any(|l| l == "Chỉ có trong tệp: CT99 Chỉ tiêu nhập từ bảng"),
            "{diff:?}"
        );
        assert!(diff.iter().any(|l| l.contains("trích yếu")), "{diff:?}");
    }

    #[test]
    fn the_differences_name_the_words_the_autosave_adds_and_takes_away() {
        let disk = sample();
        let mut work = sample();
        let section = work.reports[0]
            .sections
            .iter_mut()
            .find(|s| s.body.contains(' '))
            .unwrap();
        section.body = section.body.replacen(' ', " Đoạn mới gõ thêm ", 1);
        let diff = differences(&disk, &work);
        assert!(
            diff.iter()
                .any(|l| l.contains("bản tự lưu thêm “Đoạn mới gõ thêm”")),
            "{diff:?}"
        );
        assert!(
            !diff.iter().any(|l| l.contains("nội dung khác")),
            "{diff:?}"
        );
        assert_eq!(changed_words("Một hai ba", "Một ba"), "bản tự lưu bỏ “hai”");
        assert_eq!(
            changed_words("a b c d e", "a x b y c z d w e"),
            "bản tự lưu thêm “x”, “y”, “z” và 1 chỗ khác"
        );
    }

    #[test]
    fn a_copy_that_does_not_say_where_it_began_is_treated_as_changed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.ron");
        storage::save(&path, &sample()).unwrap();
        let mut work = sample();
        work.reports[0].summary.push('!');
        storage::write_recovery(&storage::recovery_path(&path), &work, None).unwrap();
        assert!(recovery_offer(&path).unwrap().file_changed);
    }

    #[test]
    fn keeping_both_writes_a_new_file_and_never_overwrites_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.ron");
        storage::save(&path, &sample()).unwrap();
        let before = std::fs::read(&path).unwrap();
        let mut work = sample();
        work.reports[0].summary.push('!');
        storage::write_recovery(&storage::recovery_path(&path), &work, None).unwrap();
        let first = save_recovered_beside(&path, &work, at()).unwrap();
        assert_eq!(first.file_name().unwrap(), "p-khoi-phuc-20261130-0805.ron");
        let second = save_recovered_beside(&path, &work, at()).unwrap();
        assert_eq!(
            second.file_name().unwrap(),
            "p-khoi-phuc-20261130-0805-2.ron"
        );
        assert_eq!(storage::load(&first).unwrap(), work);
        assert_eq!(
            std::fs::read(&path).unwrap(),
            before,
            "the project is untouched"
        );
        assert!(!storage::recovery_path(&path).exists());
    }
}
