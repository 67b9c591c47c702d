//! Storage errors, each naming the file and saying in Vietnamese what went wrong and
//! what to do; the path comes last, as in every message the user sees.

use std::path::PathBuf;

use super::versioned::ReadFailure;

/// Why a project file could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    #[error(
        "Không đọc được tệp ({reason}). Hãy kiểm tra tệp còn đó và bạn có quyền đọc.\nTệp: {path}"
    )]
    Read { path: PathBuf, reason: String },

    #[error(
        "Tệp dự án bị lỗi ở dòng {line}, cột {column}: {message}. Tệp chưa bị thay đổi; hãy mở bản sao lưu (.bak) hoặc sửa dòng này.\nTệp: {path}"
    )]
    Parse {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },

    #[error(
        "Tệp được tạo bởi phiên bản mới hơn của chương trình (dòng {line}, cột {column}: định dạng {found}, phiên bản này đọc được đến {supported}). Hãy cập nhật chương trình; tệp không bị thay đổi.\nTệp: {path}"
    )]
    NewerVersion {
        path: PathBuf,
        line: usize,
        column: usize,
        found: u32,
        supported: u32,
    },

    #[error(
        "Không lưu được tệp ({reason}). Tệp cũ vẫn còn nguyên; hãy lưu vào thư mục khác.\nTệp: {path}"
    )]
    Write { path: PathBuf, reason: String },

    /// An exported document (PDF) could not be written.
    #[error(
        "Không ghi được tệp PDF ({reason}). Hãy chọn thư mục khác hoặc đóng tệp đang mở trong trình xem PDF.\nTệp: {path}"
    )]
    WriteOutput { path: PathBuf, reason: String },

    /// The file was changed by somebody else after we loaded or last saved it.
    #[error(
        "Tệp đã bị người khác hoặc chương trình khác thay đổi sau khi bạn mở hoặc lưu lần cuối. Để không ghi đè lên thay đổi đó, hãy lưu thành tệp khác.\nTệp: {path}"
    )]
    ChangedOnDisk { path: PathBuf },

    #[error("Không tạo được nội dung tệp ({0}).")]
    Serialize(String),
}

impl StorageError {
    /// A project file that could not be read, in the words of a project file.
    pub(super) fn from_failure(path: &std::path::Path, failure: ReadFailure) -> Self {
        let path = path.to_owned();
        match failure {
            ReadFailure::Io(reason) => StorageError::Read { path, reason },
            ReadFailure::Syntax {
                line,
                column,
                message,
            } => StorageError::Parse {
                path,
                line,
                column,
                message,
            },
            ReadFailure::Newer {
                line,
                column,
                found,
                supported,
            } => StorageError::NewerVersion {
                path,
                line,
                column,
                found,
                supported,
            },
        }
    }

    /// The (line, column) of a parse error, for tests and the `check` command.
    pub fn position(&self) -> Option<(usize, usize)> {
        match self {
            StorageError::Parse { line, column, .. }
            | StorageError::NewerVersion { line, column, .. } => Some((*line, *column)),
            _ => None,
        }
    }
}

/// Puts an I/O error in words a clerk understands.
pub(crate) fn io_reason(err: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    let words = match err.kind() {
        K::NotFound => "không tìm thấy tệp hoặc thư mục",
        K::PermissionDenied => "không có quyền truy cập",
        K::AlreadyExists => "tệp đã tồn tại",
        K::ReadOnlyFilesystem => "ổ đĩa chỉ cho phép đọc",
        K::StorageFull => "ổ đĩa đã đầy",
        K::QuotaExceeded => "đã hết dung lượng được cấp",
        K::InvalidData => "nội dung không phải văn bản UTF-8",
        K::IsADirectory => "đây là một thư mục, không phải tệp",
        K::ResourceBusy => "tệp đang được chương trình khác sử dụng",
        K::FileTooLarge => "tệp quá lớn",
        _ => return format!("lỗi hệ thống: {err}"),
    };
    words.to_owned()
}

/// Translates a RON parse error into Vietnamese.
pub(crate) fn ron_message(err: &ron::Error) -> String {
    use ron::Error as E;
    match err {
        E::Eof => "tệp kết thúc đột ngột (có thể bị cắt cụt khi sao chép)".to_owned(),
        E::ExpectedArray => "cần một danh sách […]".to_owned(),
        E::ExpectedArrayEnd => "thiếu dấu ] đóng danh sách".to_owned(),
        E::ExpectedBoolean => "cần giá trị true hoặc false".to_owned(),
        E::ExpectedComma => "thiếu dấu phẩy".to_owned(),
        E::ExpectedFloat | E::ExpectedInteger => "cần một số".to_owned(),
        E::IntegerOutOfBounds => "số quá lớn hoặc không hợp lệ ở đây".to_owned(),
        E::ExpectedOption => "cần Some(…) hoặc None".to_owned(),
        E::ExpectedOptionEnd => "thiếu dấu ) đóng Some(…)".to_owned(),
        E::ExpectedMap => "cần một bảng {…}".to_owned(),
        E::ExpectedMapColon => "thiếu dấu hai chấm trong bảng".to_owned(),
        E::ExpectedMapEnd => "thiếu dấu } đóng bảng".to_owned(),
        E::ExpectedStructLike | E::ExpectedNamedStructLike(_) => {
            "cần một nhóm giá trị (…)".to_owned()
        }
        E::ExpectedStructLikeEnd => "thiếu dấu ) đóng nhóm giá trị".to_owned(),
        E::ExpectedString => "cần một chuỗi văn bản trong dấu ngoặc kép".to_owned(),
        E::ExpectedStringEnd => "chuỗi văn bản chưa có dấu ngoặc kép đóng".to_owned(),
        E::ExpectedIdentifier => "cần tên một trường".to_owned(),
        E::InvalidEscape(_) => "có ký tự thoát (\\) không hợp lệ".to_owned(),
        E::UnclosedBlockComment | E::UnclosedLineComment => "chú thích chưa được đóng".to_owned(),
        E::UnexpectedChar(c) => format!("ký tự “{c}” không đúng chỗ"),
        E::Utf8Error(_) => "nội dung không phải văn bản UTF-8".to_owned(),
        E::TrailingCharacters => "có nội dung thừa sau phần kết thúc của tệp".to_owned(),
        E::InvalidValueForType { expected, found } => {
            format!(
                "giá trị {found} sai kiểu, cần {}",
                expected_in_words(expected)
            )
        }
        E::NoSuchEnumVariant {
            expected, found, ..
        } => format!(
            "giá trị “{found}” không hợp lệ; các giá trị được phép: {}",
            expected.join(", ")
        ),
        E::NoSuchStructField {
            expected,
            found,
            outer,
        } => format!(
            "trường “{found}” không có trong {}; các trường hợp lệ: {}",
            outer.as_deref().unwrap_or("mục này"),
            expected.join(", ")
        ),
        E::MissingStructField { field, outer } => format!(
            "thiếu trường “{field}” trong {}",
            outer.as_deref().unwrap_or("mục này")
        ),
        E::DuplicateStructField { field, .. } => format!("trường “{field}” xuất hiện hai lần"),
        E::ExceededRecursionLimit => "các mục lồng nhau quá sâu".to_owned(),
        E::Message(m) => translate_serde_message(m),
        other => format!("cú pháp không hợp lệ ({other})"),
    }
}

fn expected_in_words(expected: &str) -> String {
    let e = expected.to_lowercase();
    if e.contains("string") {
        "một chuỗi văn bản".to_owned()
    } else if e.contains("integer") || e.contains("u32") || e.contains("i32") || e.contains("u8") {
        "một số nguyên".to_owned()
    } else if e.contains("float") || e.contains("f64") {
        "một số".to_owned()
    } else if e.contains("bool") {
        "true hoặc false".to_owned()
    } else if e.contains("sequence") {
        "một danh sách […]".to_owned()
    } else {
        expected.to_owned()
    }
}

/// Serde's own messages (from derived impls and chrono) in Vietnamese where we know them.
fn translate_serde_message(m: &str) -> String {
    if m.contains("input contains invalid characters")
        || m.contains("premature end of input")
        || m.contains("input is out of range")
        || m.contains("trailing input")
    {
        format!("ngày tháng không hợp lệ (cần dạng \"2026-06-30\"): {m}")
    } else {
        format!("dữ liệu không hợp lệ: {m}")
    }
}
