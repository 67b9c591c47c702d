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

    /// A number of the file that is not a figure (NaN, infinity, huge, negative).
    #[error(
        "Tệp dự án có số liệu không hợp lệ ở {place}: giá trị {reason}. Tệp chưa bị thay đổi; hãy sửa số này trong tệp (hoặc mở bản sao lưu .bak).\nTệp: {path}"
    )]
    BadNumber {
        path: PathBuf,
        place: String,
        reason: &'static str,
    },

    #[error(
        "Không lưu được tệp ({reason}). Tệp cũ vẫn còn nguyên; hãy lưu vào thư mục khác.\nTệp: {path}"
    )]
    Write { path: PathBuf, reason: String },

    /// Another program holds the file open (Windows refuses to replace it then); the
    /// replace was tried again for about two seconds.
    #[error(
        "Không lưu được vì tệp đang được một chương trình khác mở hoặc khóa (Word, trình xem PDF, phần mềm diệt virus, đồng bộ OneDrive…); đã thử lại nhiều lần. Tệp cũ vẫn còn nguyên và những gì bạn làm chưa bị mất; hãy đóng chương trình đó rồi lưu lại.\nTệp: {path}"
    )]
    HeldOpen { path: PathBuf },

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

    /// Over [`super::MAX_FILE_BYTES`] when read; `hint` names the `.bak` if there is one.
    #[error("Tệp dự án quá lớn (trên {max_mb} MB) nên không mở được.{hint}\nTệp: {path}")]
    TooLarge {
        path: PathBuf,
        max_mb: u64,
        hint: String,
    },

    /// The project would be written larger than the loader reads back.
    #[error(
        "Không lưu: tệp dự án sẽ nặng {size_mb} MB, quá giới hạn {max_mb} MB nên chương trình không mở lại được. Hãy bỏ bớt phần vừa thêm (ví dụ một bảng quá lớn vừa nhập) rồi lưu lại."
    )]
    TooLargeToSave { size_mb: u64, max_mb: u64 },
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
    // Windows: ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION (the same numbers mean
    // other things elsewhere).
    if cfg!(windows) && matches!(err.raw_os_error(), Some(32 | 33)) {
        return "tệp đang được một chương trình khác mở hoặc khóa (Word, trình xem PDF, phần mềm diệt virus, đồng bộ OneDrive…); hãy đóng chương trình đó rồi thử lại".to_owned();
    }
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
        K::Interrupted | K::TimedOut | K::WouldBlock => "thao tác bị gián đoạn, hãy thử lại",
        K::OutOfMemory => "máy không đủ bộ nhớ",
        K::InvalidInput | K::InvalidFilename => "tên hoặc đường dẫn tệp không hợp lệ",
        K::NotADirectory => "một phần của đường dẫn không phải thư mục",
        K::DirectoryNotEmpty => "thư mục không trống",
        K::CrossesDevices => "không chuyển được tệp sang ổ đĩa khác",
        K::NetworkDown | K::NetworkUnreachable | K::ConnectionReset | K::ConnectionAborted => {
            "mất kết nối tới ổ mạng"
        }
        K::StaleNetworkFileHandle => "ổ mạng đã ngắt kết nối với tệp",
        K::Unsupported => "hệ thống không hỗ trợ thao tác này",
        // The system's own words are English: only its error number is kept.
        _ => {
            return match err.raw_os_error() {
                Some(code) => format!("lỗi hệ thống mã {code}"),
                None => "lỗi hệ thống không rõ".to_owned(),
            };
        }
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
        // `found` is serde's English description ("a string"): not shown.
        E::InvalidValueForType { expected, .. } => {
            format!("giá trị sai kiểu, cần {}", expected_in_words(expected))
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
            part_in_words(outer.as_deref()),
            expected.join(", ")
        ),
        E::MissingStructField { field, outer } => format!(
            "thiếu trường “{field}” trong {}",
            part_in_words(outer.as_deref())
        ),
        E::DuplicateStructField { field, .. } => format!("trường “{field}” xuất hiện hai lần"),
        E::ExceededRecursionLimit => "các mục lồng nhau quá sâu".to_owned(),
        E::Message(m) => translate_serde_message(m),
        // The rest name the parser's internals (raw identifiers, byte strings…).
        _ => "cú pháp không hợp lệ ở đây".to_owned(),
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
    } else if e.contains("sequence") || e.contains("tuple") {
        "một danh sách […]".to_owned()
    } else if e.contains("map") {
        "một bảng {…}".to_owned()
    } else if e.contains("option") {
        "Some(…) hoặc None".to_owned()
    } else if e.contains("char") {
        "một ký tự".to_owned()
    } else {
        "một giá trị khác".to_owned()
    }
}

/// The part of the file a struct of the model stands for, in the clerk's words (the
/// parser names the Rust type).
fn part_in_words(outer: Option<&str>) -> &'static str {
    match outer.unwrap_or_default() {
        "Project" | "ProjectV0" => "tệp dự án",
        "Organisation" | "OrganisationV0" => "thông tin cơ quan",
        "Office" => "đơn vị",
        "Signer" => "người ký",
        "Plan" => "kế hoạch",
        "Group" => "nhóm",
        "Indicator" | "IndicatorV0" => "chỉ tiêu",
        "Task" | "TaskV0" => "nhiệm vụ",
        "PeriodRecord" => "số liệu của kỳ",
        "IndicatorValue" => "kết quả chỉ tiêu",
        "TaskProgress" => "tiến độ nhiệm vụ",
        "Period" => "kỳ báo cáo",
        "Report" => "báo cáo",
        "Section" => "mục của báo cáo",
        "Appendices" => "phần phụ lục",
        "Review" => "phần duyệt",
        "Comment" => "góp ý",
        "Reply" => "trả lời góp ý",
        "Transition" => "lịch sử duyệt",
        "Snapshot" => "bản lưu khi gửi duyệt",
        "PageSetup" => "định dạng trang",
        "ReviewFile" => "tệp góp ý",
        _ => "mục này",
    }
}

/// Serde's own messages (from derived impls and chrono) in Vietnamese where we know them.
fn translate_serde_message(m: &str) -> String {
    // Only the kind of problem is kept: serde's and chrono's words are English.
    if m.contains("input contains invalid characters")
        || m.contains("premature end of input")
        || m.contains("input is out of range")
        || m.contains("trailing input")
        || m.contains("impossible")
        || m.contains("not enough")
    {
        "ngày tháng không hợp lệ (cần dạng \"2026-06-30\" hoặc \"2026-06-30T08:00:00\")".to_owned()
    } else if m.contains("digit") || m.contains("number") || m.contains("overflow") {
        "số không hợp lệ ở đây".to_owned()
    } else if m.contains("unknown variant") {
        "giá trị không nằm trong các giá trị được phép".to_owned()
    } else if m.contains("invalid type") || m.contains("invalid value") {
        "giá trị sai kiểu ở đây".to_owned()
    } else {
        "dữ liệu không hợp lệ ở đây".to_owned()
    }
}
