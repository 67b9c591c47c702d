//! import, text: what follows the signature (a Phụ lục and its tables) has no place in
//! a report's text; it is quoted whole in the notes, every row and every cell, so that
//! no word of it is lost, and a table that looks like a plan's task table points the
//! clerk to the plan import (`baocao import-plan`, Tệp › Nhập kế hoạch…).

use super::{Note, NoteKind};
use crate::vi::fold;

/// The note on a table that looks like a plan's task table.
pub(crate) const PLAN_TABLE: &str = "bảng này giống bảng phân công nhiệm vụ của một kế hoạch (STT, Nhiệm vụ, Chủ trì, Phối hợp, Sản phẩm, Thời hạn); để nhập các nhiệm vụ vào kế hoạch của dự án, dùng Tệp › Nhập kế hoạch… (hoặc lệnh baocao import-plan) với tệp này.";

/// Whether the header cells `headers` are those of a plan's task table: a task column
/// and at least two of the lead unit, the partners, the product and the deadline.
pub(crate) fn looks_like_plan_tasks<'a>(headers: impl IntoIterator<Item = &'a str>) -> bool {
    let folded: Vec<String> = headers.into_iter().map(fold).collect();
    let has = |keys: &[&str]| folded.iter().any(|h| keys.iter().any(|k| h.contains(k)));
    let task = has(&["nhiem vu", "noi dung cong viec", "ten nhiem vu"]);
    let others = [
        has(&["chu tri"]),
        has(&["phoi hop"]),
        has(&["san pham", "ket qua"]),
        has(&["thoi han", "thoi gian", "tien do"]),
    ]
    .into_iter()
    .filter(|b| *b)
    .count();
    task && others >= 2
}

/// Notes quoting a table found after the signature (section text format in `table`,
/// the table as read from `line`): a heading note, then one note per row with every
/// cell, and the plan note when its header looks like a plan's task table.
pub(crate) fn quote_table(line: usize, table: &str, notes: &mut Vec<Note>) {
    // The delimiter row under the header is the format's, not the table's.
    let rows: Vec<&str> = table
        .lines()
        .enumerate()
        .filter(|(i, l)| !(l.trim().is_empty() || (*i == 1 && is_delimiter(l))))
        .map(|(_, l)| l)
        .collect();
    let columns = rows.first().map_or(0, |r| cells(r).len());
    notes.push(Note::new(
        line,
        NoteKind::NotRecognised,
        format!(
            "bảng {} hàng × {columns} cột nằm sau phần ký (phụ lục), không thuộc nội dung báo cáo; chưa nhập, chép nguyên văn từng hàng dưới đây (dán vào một mục nếu cần in kèm).",
            rows.len()
        ),
    ));
    if let Some(header) = rows.first()
        && looks_like_plan_tasks(cells(header))
    {
        notes.push(Note::new(
            line,
            NoteKind::NotRecognised,
            PLAN_TABLE.to_owned(),
        ));
    }
    for (i, row) in rows.iter().enumerate() {
        notes.push(Note::new(
            line,
            NoteKind::NotRecognised,
            format!("bảng phụ lục, hàng {}: {}", i + 1, row.trim()),
        ));
    }
}

/// The note on a tab-separated line after the signature that reads like the header of
/// a plan's task table, if it does.
pub(crate) fn plan_header_note(line: usize, text: &str) -> Option<Note> {
    let pieces: Vec<&str> = text.split('\t').filter(|p| !p.trim().is_empty()).collect();
    (pieces.len() >= 3 && looks_like_plan_tasks(pieces.iter().copied())).then(|| {
        Note::new(
            line,
            NoteKind::NotRecognised,
            format!(
                "“{}”: {PLAN_TABLE}",
                crate::vi::shorten(&text.replace('\t', " | "), 60)
            ),
        )
    })
}

fn is_delimiter(row: &str) -> bool {
    let t = row.trim();
    t.starts_with('|') && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' '))
}

/// The cells of a row of the section text format (`| a | b |`), trimmed.
fn cells(row: &str) -> Vec<&str> {
    let t = row.trim();
    let t = t.strip_prefix('|').unwrap_or(t);
    let t = t.strip_suffix('|').unwrap_or(t);
    t.split('|').map(str::trim).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plan_task_header_is_recognised_and_an_indicator_header_is_not() {
        assert!(looks_like_plan_tasks([
            "STT",
            "Nhiệm vụ",
            "Đơn vị chủ trì",
            "Đơn vị phối hợp",
            "Sản phẩm đầu ra",
            "Thời gian thực hiện/ hoàn thành"
        ]));
        assert!(looks_like_plan_tasks([
            "TT",
            "Nhiệm vụ",
            "Đơn vị chủ trì, theo dõi",
            "Kết quả/sản phẩm",
            "Thời hạn"
        ]));
        assert!(!looks_like_plan_tasks([
            "TT",
            "Chỉ tiêu",
            "Kế hoạch",
            "Kết quả",
            "Tỷ lệ"
        ]));
        assert!(!looks_like_plan_tasks(["Nhiệm vụ", "Ghi chú"]));
        assert!(!looks_like_plan_tasks(std::iter::empty()));
    }

    #[test]
    fn a_table_after_the_signature_is_quoted_row_by_row_with_every_cell() {
        let table = "| STT | Nhiệm vụ | Chủ trì | Phối hợp | Thời hạn |\n|-|--|-|-|-|\n| I. NHIỆM VỤ TRỌNG TÂM |\n| 1 | Số hóa hồ sơ | Văn phòng | Các phòng | Quý IV |";
        let mut notes = Vec::new();
        quote_table(7, table, &mut notes);
        assert!(notes.iter().all(|n| n.line == 7));
        let text: Vec<&str> = notes.iter().map(|n| n.message.as_str()).collect();
        assert!(text[0].contains("3 hàng × 5 cột"), "{text:?}");
        assert!(text[1].contains("baocao import-plan") && text[1].contains("Nhập kế hoạch"));
        assert!(text[2].ends_with("| STT | Nhiệm vụ | Chủ trì | Phối hợp | Thời hạn |"));
        assert!(text[3].ends_with("| I. NHIỆM VỤ TRỌNG TÂM |"));
        assert!(text[4].ends_with("| 1 | Số hóa hồ sơ | Văn phòng | Các phòng | Quý IV |"));
        assert_eq!(notes.len(), 5);
    }

    #[test]
    fn an_empty_or_ordinary_table_gets_no_plan_note() {
        let mut notes = Vec::new();
        quote_table(1, "", &mut notes);
        assert_eq!(notes.len(), 1);
        quote_table(
            1,
            "| Nội dung | Số |\n|---|---|\n| Hồ sơ | 12 |",
            &mut notes,
        );
        assert!(!notes.iter().any(|n| n.message.contains("import-plan")));
        assert!(plan_header_note(3, "Nội dung\tSố lượng\tGhi chú").is_none());
        let n = plan_header_note(3, "TT\tNhiệm vụ\tChủ trì\tPhối hợp\tThời hạn").expect("note");
        assert!(n.message.contains("Nhập kế hoạch"));
    }
}
