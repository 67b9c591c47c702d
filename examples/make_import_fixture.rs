//! Writes `tests/fixtures/import/nhiem-vu.xlsx`, the task table the import tests read:
//! a merged title, a two-row header with merged cells, group rows, an empty row, a
//! row without a task name and a deadline stored as a date cell.
//!
//! Run `cargo run --example make_import_fixture` after changing it; the output is the
//! same bytes every time (fixed creation date), so the committed file can be checked.

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, FormatAlign, Workbook, XlsxError};

fn main() -> Result<(), XlsxError> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import/nhiem-vu.xlsx");
    let mut book = Workbook::new();
    let created = ExcelDateTime::from_ymd(2026, 1, 23)?;
    book.set_properties(&DocProperties::new().set_creation_datetime(&created));
    let bold = Format::new().set_bold().set_align(FormatAlign::Center);
    let plain = Format::new();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    let sheet = book.add_worksheet();
    sheet.set_name("Nhiệm vụ")?;
    sheet.merge_range(0, 0, 0, 5, "PHỤ LỤC II. DANH MỤC NHIỆM VỤ NĂM 2026", &bold)?;
    // Two-row header: STT, Nhiệm vụ, Sản phẩm and Thời gian span both rows;
    // "Đơn vị thực hiện" spans Chủ trì | Phối hợp.
    sheet.merge_range(1, 0, 2, 0, "STT", &bold)?;
    sheet.merge_range(1, 1, 2, 1, "Nhiệm vụ", &bold)?;
    sheet.merge_range(1, 2, 1, 3, "Đơn vị thực hiện", &bold)?;
    sheet.write_string_with_format(2, 2, "Chủ trì", &bold)?;
    sheet.write_string_with_format(2, 3, "Phối hợp", &bold)?;
    sheet.merge_range(1, 4, 2, 4, "Sản phẩm đầu ra", &bold)?;
    sheet.merge_range(1, 5, 2, 5, "Thời gian thực hiện", &bold)?;
    // Row 4: a group row merged across the table.
    sheet.merge_range(3, 0, 3, 5, "I. NHIỆM VỤ TRỌNG TÂM", &bold)?;
    let task = |sheet: &mut rust_xlsxwriter::Worksheet,
                row: u32,
                n: f64,
                cells: [&str; 5]|
     -> Result<(), XlsxError> {
        sheet.write_number(row, 0, n)?;
        for (i, text) in cells.iter().enumerate() {
            if !text.is_empty() {
                sheet.write_string_with_format(row, i as u16 + 1, *text, &plain)?;
            }
        }
        Ok(())
    };
    task(
        sheet,
        4,
        1.0,
        [
            "Xây dựng Kế hoạch chuyển đổi số xã năm 2026",
            "Phòng VH-XH",
            "Các phòng, đơn vị",
            "Kế hoạch",
            "Tháng 3/2026",
        ],
    )?;
    task(
        sheet,
        5,
        2.0,
        [
            "Triển khai phong trào “Bình dân học vụ số” năm 2026",
            "Phòng Văn hóa - Xã hội",
            "Công an xã, Trung tâm Phục vụ hành chính công",
            "Báo cáo",
            "Quý II/2026",
        ],
    )?;
    // Row 7 stays empty; row 8 has no task name.
    task(
        sheet,
        7,
        3.0,
        ["", "Phòng Kinh tế", "", "Báo cáo", "Tháng 6/2026"],
    )?;
    sheet.merge_range(8, 0, 8, 5, "II. NHIỆM VỤ THƯỜNG XUYÊN", &bold)?;
    task(
        sheet,
        9,
        4.0,
        [
            "Tuyên truyền Nghị quyết số 57-NQ/TW trên hệ thống truyền thanh xã",
            "Phòng VH-XH",
            "Đài truyền thanh xã",
            "Tin, bài",
            "Thường xuyên",
        ],
    )?;
    task(
        sheet,
        10,
        5.0,
        [
            "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính",
            "TT PVHCC",
            "",
            "Báo cáo",
            "",
        ],
    )?;
    sheet.write_datetime_with_format(10, 5, ExcelDateTime::from_ymd(2026, 9, 30)?, &date)?;
    sheet.merge_range(11, 0, 11, 5, "III. Nhiệm vụ phát sinh", &bold)?;
    task(
        sheet,
        12,
        6.0,
        [
            "Thí điểm trợ lý ảo trả lời thủ tục hành chính",
            "Văn phòng HĐND và UBND",
            "Đài truyền thanh xã",
            "Mô hình thí điểm",
            "Tháng 12",
        ],
    )?;
    sheet.set_column_width(1, 60)?;
    book.save(&path)?;
    println!("{}", path.display());
    Ok(())
}
