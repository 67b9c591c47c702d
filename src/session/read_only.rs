//! session: why a project is open for reading (and review comments) only, and the
//! banner that says so.

use crate::storage::LockInfo;

/// Why a project is open for reading only.
#[derive(Clone, Debug, PartialEq)]
pub enum ReadOnlyReason {
    /// Somebody else holds the lock; `stale` when they seem to have gone.
    Held { info: LockInfo, stale: bool },
    /// Another window of this program has the file open.
    OtherWindow,
    /// No lock file could be made here (read-only folder, network trouble).
    CannotLock(String),
    /// Somebody took the file over while it was open here.
    Lost(LockInfo),
}

impl ReadOnlyReason {
    /// The banner shown above the panels, in Vietnamese. Who holds the file is said
    /// in the lock module's words ([`LockInfo::held_by`], [`LockInfo::taken_by`]).
    pub fn message(&self) -> String {
        match self {
            ReadOnlyReason::Held { info, stale } => {
                let mut m = format!("Chỉ xem: {}.", info.held_by());
                if *stale {
                    m.push_str(" Có lẽ chương trình bên đó đã thoát mà không đóng tệp.");
                }
                m.push_str(" Góp ý của anh/chị được ghi vào tệp góp ý riêng để người soạn gộp vào.");
                m
            }
            ReadOnlyReason::OtherWindow => "Chỉ xem: tệp đang được mở để sửa trong một cửa sổ khác của chương trình. Góp ý ở đây được ghi vào tệp góp ý riêng.".to_owned(),
            ReadOnlyReason::CannotLock(why) => format!("Chỉ xem: {why}"),
            ReadOnlyReason::Lost(info) => format!(
                "Chỉ xem: {}. Thay đổi của anh/chị chưa được lưu vào tệp; hãy dùng Lưu thành… để lưu sang tệp khác.",
                info.taken_by()
            ),
        }
    }

    /// Whether review comments can go to a separate review file.
    pub fn takes_review_file(&self) -> bool {
        matches!(
            self,
            ReadOnlyReason::Held { .. } | ReadOnlyReason::OtherWindow
        )
    }
}
