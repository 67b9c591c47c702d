//! Unit tests of the plan import on small plans written here.

use super::*;
use crate::model::Deadline;

const PLAN: &str = "Số: 15/KH-UBND\n\
Tân Lập, ngày 20 tháng 01 năm 2026\n\
KẾ HOẠCH\n\
Thực hiện Nghị quyết số 57-NQ/TW năm 2026\n\
I. MỤC TIÊU\n\
- Tỷ lệ hồ sơ xử lý trực tuyến đạt 90%.\n\
TM. ỦY BAN NHÂN DÂN\n\
CHỦ TỊCH\n\
Trần Văn B\n\
PHỤ LỤC\n\
STT\tNhiệm vụ\tĐơn vị chủ trì\tĐơn vị phối hợp\tSản phẩm\tThời hạn\n\
I. NHIỆM VỤ TRỌNG TÂM\t\t\t\t\t\n\
1\tSố hóa hồ sơ\tPhòng Văn hoá - Xã hội\tĐảng ủy, HĐND, UBND\tBáo cáo\tQuý II/2026\n\
2\tXây dựng kho dữ liệu dùng chung của\tVăn phòng\tCác phòng, ban, đơn vị\tKho dữ\tTháng 9/2026\n\
\txã\t\t\tliệu\t\n\
\n\
2\n\
\n\
STT\tNhiệm vụ\tĐơn vị chủ trì\tĐơn vị phối hợp\tSản phẩm\tThời hạn\n\
II. NHIỆM VỤ THƯỜNG XUYÊN\t\t\t\t\t\n\
1\tTuyên truyền chuyển đổi số\tPhòng Văn hóa - Xã hội\t\tTin bài\tThường xuyên\n\
2\tBan hành quy chế\tVăn phòng\t\tQuy chế\tSau khi có hướng dẫn của Thành phố\n";

#[test]
fn a_plan_split_over_pages_with_continued_rows_reads_every_task() {
    let doc = read_text(PLAN);
    let (project, import) = new_project(&doc);
    let plan = &project.plan;
    assert_eq!(plan.reference, "Kế hoạch số 15/KH-UBND ngày 20/01/2026");
    assert_eq!(plan.year, 2026);
    assert_eq!(plan.tasks.len(), 4, "{:#?}", import.notes);
    assert_eq!(plan.task_groups.len(), 2);
    let second = &plan.tasks[1];
    assert_eq!(second.name, "Xây dựng kho dữ liệu dùng chung của xã");
    assert_eq!(second.output, "Kho dữ liệu");
    // “Đảng ủy, HĐND, UBND” are three offices; “Các phòng, ban, đơn vị” one.
    assert_eq!(plan.tasks[0].coordinating.len(), 3);
    assert_eq!(second.coordinating.len(), 1);
    // “Phòng Văn hoá” and “Phòng Văn hóa” are the same office.
    assert_eq!(plan.tasks[0].lead, plan.tasks[2].lead);
    assert_eq!(
        plan.tasks[0].deadline,
        Deadline::Quarter {
            year: 2026,
            quarter: 2
        }
    );
    assert_eq!(plan.tasks[0].deadline_as_written, "Quý II/2026");
    assert!(is_conditional(&plan.tasks[3].deadline));
    assert_eq!(plan.indicators.len(), 1);
    assert_eq!(project.organisation.signers[0].full_name, "Trần Văn B");
    assert_eq!(project.organisation.place, "Tân Lập");
    assert!(import.notes.iter().any(|n| n.message.contains("số trang")));
    assert!(import.notes.iter().any(|n| n.message.contains("viết tiếp")));
}

#[test]
fn a_text_without_a_table_or_a_number_says_what_it_lacked() {
    let doc = read_text("KẾ HOẠCH\nTổ chức hội nghị\nI. NỘI DUNG\n- Họp dân.\n");
    let import = preview(&doc, &Project::default());
    assert!(import.tasks.is_empty());
    let said: Vec<String> = import.notes.iter().map(|n| n.message.clone()).collect();
    for lack in [
        "không có bảng nhiệm vụ",
        "chưa có số",
        "57-NQ/TW",
        "chỉ tiêu có con số",
    ] {
        assert!(said.iter().any(|m| m.contains(lack)), "{lack}: {said:?}");
    }
}

#[test]
fn a_report_is_not_taken_for_a_plan_but_a_plan_is() {
    let plan = crate::import::text::recognise("Số: 15/KH-UBND\nKẾ HOẠCH\nThực hiện việc A\n");
    assert!(looks_like_plan(&plan));
    let report = crate::import::text::recognise("Số: 15/BC-UBND\nBÁO CÁO\nKết quả việc A\n");
    assert!(!looks_like_plan(&report));
}

#[test]
fn a_table_of_task_contents_with_a_directing_leader_column_reads_as_tasks() {
    let text = "KẾ HOẠCH\nThực hiện Nghị quyết 57-NQ/TW\nPHỤ LỤC\n\
TT\tNội dung nhiệm vụ\tChủ trì chỉ đạo\tCơ quan chủ trì\tThời gian hoàn thành\n\
1\tRà soát thủ tục\tPhó Chủ tịch UBND\tCông chức Tư pháp - Hộ tịch\tQuý III/2026\n";
    let import = preview(&read_text(text), &Project::default());
    assert_eq!(import.tasks.len(), 1, "{:#?}", import.notes);
    assert_eq!(import.tasks[0].name, "Rà soát thủ tục");
    assert_eq!(
        import.office_name(&Project::default(), &import.tasks[0].lead[0]),
        "Công chức Tư pháp - Hộ tịch"
    );
    // The directing leader is kept with the task, not quoted as a column without a field.
    assert_eq!(import.tasks[0].directing, "Phó Chủ tịch UBND");
    assert!(
        !import
            .notes
            .iter()
            .any(|n| n.message.contains("Phó Chủ tịch UBND")),
        "{:#?}",
        import.notes
    );
}
