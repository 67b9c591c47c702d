//! Why a review step was refused, in words the clerk or the leader can act on.
//! A refused step leaves the report unchanged.

/// A review step that could not be taken.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ReviewError {
    /// The action is not possible from the report's current status (for anyone).
    #[error("Không thể “{action}” khi báo cáo đang ở trạng thái “{status}”.")]
    NotAllowed {
        action: &'static str,
        status: &'static str,
    },

    /// The action is possible now, but not for the acting role.
    #[error("Chỉ {allowed} mới được “{action}”; bạn đang ở vai trò {role}.")]
    WrongRole {
        action: &'static str,
        allowed: &'static str,
        role: &'static str,
    },

    /// Every recorded step names its author; `doing` says what was attempted.
    #[error("Hãy nhập họ tên của bạn trong Tùy chọn trước khi {doing}.")]
    NoName { doing: &'static str },

    #[error("Hãy nhập số văn bản (lớn hơn 0) và ngày ban hành trước khi ban hành báo cáo.")]
    IssueDataMissing,

    #[error(
        "Nội dung báo cáo đã thay đổi sau khi được duyệt nên chưa ban hành được; hãy gửi duyệt lại."
    )]
    ChangedSinceApproval,

    /// Issuing a report marked approved without the fingerprint of what was approved.
    #[error("Chưa ban hành được. {}", super::UNBOUND_APPROVAL)]
    ApprovalUnbound,

    #[error("Nội dung góp ý đang để trống; hãy viết góp ý trước khi gửi.")]
    EmptyComment,

    #[error("Nội dung trả lời đang để trống; hãy viết câu trả lời trước khi gửi.")]
    EmptyReply,

    #[error("Không tìm thấy mục “{0}” trong báo cáo; có thể mục này đã bị xóa.")]
    NoSection(String),

    /// `paragraph` is 1-based, as the user counts.
    #[error("Mục “{section}” chỉ có {count} đoạn, không có đoạn {paragraph}.")]
    NoParagraph {
        section: String,
        paragraph: usize,
        count: usize,
    },

    #[error("Không tìm thấy góp ý “{0}”; có thể góp ý đã bị xóa.")]
    NoComment(String),

    #[error("Góp ý này đã được đánh dấu là đã xử lý.")]
    AlreadyResolved,

    #[error("Góp ý này chưa được đánh dấu là đã xử lý nên không cần mở lại.")]
    NotResolved,

    #[error("Tệp góp ý dành cho báo cáo “{0}”, báo cáo này không có trong dự án đang mở.")]
    NoReport(String),

    #[error("Không tìm thấy đề xuất sửa “{0}”; có thể đề xuất đã được xử lý.")]
    NoProposed(String),

    /// The paragraph a proposed change is about no longer reads as it did.
    #[error(
        "Không áp dụng được đề xuất sửa ở {place}: đoạn “{old}” không còn như lúc đọc tệp Word (đã bị sửa sau đó). Hãy sửa tay hoặc bỏ qua đề xuất."
    )]
    ProposedStale { place: String, old: String },
}
