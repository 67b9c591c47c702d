//! cli: reading one subcommand's arguments, shared by every `parse_*` of the command
//! line: an option's value, a file named without an option, and the Vietnamese words
//! for what is missing, unknown or too many.

use std::path::PathBuf;

use crate::model::Period;

/// The arguments after a subcommand, read one at a time.
pub(super) struct Args<'a> {
    /// The subcommand, as typed (`export`, `import` …), for the messages.
    command: &'static str,
    rest: std::slice::Iter<'a, String>,
}

impl<'a> Iterator for Args<'a> {
    type Item = &'a String;

    fn next(&mut self) -> Option<&'a String> {
        self.rest.next()
    }
}

impl<'a> Args<'a> {
    pub(super) fn new(command: &'static str, args: &'a [String]) -> Self {
        Self {
            command,
            rest: args.iter(),
        }
    }

    /// The value after an option; `missing` says what should have followed it.
    pub(super) fn value(&mut self, missing: &str) -> Result<&'a String, String> {
        self.rest.next().ok_or_else(|| missing.to_owned())
    }

    /// The value after an option, as a file name.
    pub(super) fn path(&mut self, missing: &str) -> Result<PathBuf, String> {
        self.value(missing).map(PathBuf::from)
    }

    /// The period after `--period` (`2026-Q2`, or a cut-off day `2026-05-15`).
    pub(super) fn period(&mut self, missing: &str) -> Result<Period, String> {
        Ok(Period::parse(self.value(missing)?)?)
    }

    /// The document after `--decided-by` (a plan revision's request).
    pub(super) fn decided_by(&mut self) -> Result<String, String> {
        let d = self.value(
            "Sau --decided-by cần văn bản yêu cầu điều chỉnh, ví dụ “Công văn số 125/UBND-VP ngày 12/6/2026 của UBND Thành phố”.",
        )?;
        Ok(d.trim().to_owned())
    }

    /// The day after `--effective` (from when a plan revision applies), as 2026-07-01.
    pub(super) fn effective(&mut self) -> Result<chrono::NaiveDate, String> {
        let d = self.value("Sau --effective cần ngày áp dụng, ví dụ 2026-07-01.")?;
        chrono::NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d")
            .map_err(|_| format!("Ngày áp dụng “{d}” không đọc được; hãy viết như 2026-07-01."))
    }

    /// An argument no option of the subcommand took: an unknown option is refused; a
    /// file name is added to `files` while they are fewer than `most`, and is one too
    /// many after.
    pub(super) fn file(
        &self,
        arg: &str,
        files: &mut Vec<PathBuf>,
        most: usize,
    ) -> Result<(), String> {
        if arg.starts_with('-') {
            return Err(self.unknown(arg));
        }
        if files.len() >= most {
            return Err(format!("Thừa tham số “{arg}”."));
        }
        files.push(PathBuf::from(arg));
        Ok(())
    }

    /// The refusal of an option this subcommand does not have.
    pub(super) fn unknown(&self, arg: &str) -> String {
        format!("Lệnh {} không có tùy chọn “{arg}”.", self.command)
    }
}
