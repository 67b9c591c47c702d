//! Export errors: why laid-out pages could not be turned into a PDF, in Vietnamese for
//! the clerk. Most of them mean a bug upstream (layout produced something impossible),
//! so the messages say so and ask for the report to be sent in.

use crate::layout::FontStyle;

/// Why [`super::write_pdf`] could not produce a PDF.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ExportError {
    /// Layout produced no page at all; a PDF without pages is not a document.
    #[error("Không có trang nào để xuất ra PDF. Hãy kiểm tra báo cáo có nội dung rồi xuất lại.")]
    NoPages,

    /// A page with a width or height that is not a positive finite number.
    #[error(
        "Trang {page} có khổ giấy không hợp lệ ({width_pt} × {height_pt} pt). Đây là lỗi của chương trình; hãy gửi tệp dự án cho người phát triển."
    )]
    PageSize {
        /// 1-based page number.
        page: usize,
        width_pt: f32,
        height_pt: f32,
    },

    /// An item with a position or size that cannot be written (NaN, infinite, a text
    /// size of zero or less).
    #[error(
        "Trang {page}, mục thứ {item}: {reason}. Đây là lỗi của chương trình; hãy gửi tệp dự án cho người phát triển."
    )]
    InvalidItem {
        /// 1-based page number.
        page: usize,
        /// 1-based index of the item on its page.
        item: usize,
        /// What is wrong, in Vietnamese.
        reason: String,
    },

    /// One of the fonts bundled in the program could not be read.
    #[error(
        "Không đọc được phông chữ {} đi kèm chương trình. Hãy cài đặt lại chương trình.",
        crate::layout::fonts::postscript_name(*.0)
    )]
    Font(FontStyle),

    /// The PDF library reported an error while building the document (its own words,
    /// in English, are kept for the developers and not shown).
    #[error(
        "Thư viện tạo PDF báo lỗi khi dựng tài liệu. Đây là lỗi của chương trình; hãy gửi tệp dự án cho người phát triển."
    )]
    Library(String),

    /// The finished document could not be written to bytes (the library's words kept
    /// for the developers).
    #[error(
        "Không tạo được nội dung tệp PDF. Đây là lỗi của chương trình; hãy gửi tệp dự án cho người phát triển."
    )]
    Write(String),

    /// The Word file could not be built (the library's words kept for the developers).
    #[error(
        "Không tạo được tệp Word. Đây là lỗi của chương trình; hãy gửi tệp dự án cho người phát triển."
    )]
    Docx(String),

    /// The signature or seal image could not be drawn.
    #[error("Ảnh {what} không dùng được: {reason}. Hãy chọn tệp PNG khác.")]
    Image {
        /// `chữ ký` or `con dấu`.
        what: &'static str,
        /// Why, in Vietnamese.
        reason: String,
    },
}
