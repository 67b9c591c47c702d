//! aggregate: the city's table as an Excel workbook (rust_xlsxwriter), one sheet per
//! view: indicators, each commune's value per indicator, communes, files not taken.
//! Header rows frozen, numbers as numbers with formats, names in Vietnamese order.
//! Deterministic: the creation date is a parameter, the package has fixed timestamps.

use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError,
};

use super::{Aggregate, IndicatorRow};

/// The sheets' names, in order.
pub const SHEETS: [&str; 4] = [
    "Chỉ tiêu",
    "Chi tiết chỉ tiêu",
    "Xã phường",
    "Tệp không lấy",
];

/// Rows above each sheet's table: the title, the period note, then the column headers.
pub const HEADER_ROW: u32 = 2;

/// Why the workbook could not be made.
#[derive(Debug, thiserror::Error)]
#[error("Không tạo được tệp Excel: {0}.")]
pub struct XlsxWriteError(String);

impl From<XlsxError> for XlsxWriteError {
    fn from(e: XlsxError) -> Self {
        // The library's own words are English; they are said in Vietnamese by kind.
        XlsxWriteError(match e {
            XlsxError::TempFileError(..) | XlsxError::IoError(_) => {
                "không ghi được tệp tạm (hãy kiểm tra thư mục tạm còn chỗ và cho phép ghi)"
                    .to_owned()
            }
            other => format!(
                "dữ liệu vượt giới hạn của định dạng XLSX ({})",
                format!("{other:?}").chars().take(60).collect::<String>()
            ),
        })
    }
}

/// Excel refuses longer texts in a cell.
const MAX_CELL_CHARS: usize = 32_000;

fn fit(text: &str) -> String {
    text.chars().take(MAX_CELL_CHARS).collect()
}

struct Formats {
    title: Format,
    header: Format,
    text: Format,
    integer: Format,
    decimal: Format,
    percent: Format,
    percent_decimal: Format,
}

impl Formats {
    fn new() -> Self {
        let cell = Format::new()
            .set_border(FormatBorder::Thin)
            .set_align(FormatAlign::Top);
        Formats {
            title: Format::new().set_bold().set_font_size(13),
            header: cell
                .clone()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter)
                .set_background_color(0xDDEBF7),
            text: cell.clone().set_text_wrap(),
            integer: cell.clone().set_num_format("#,##0"),
            decimal: cell.clone().set_num_format("#,##0.0#"),
            percent: cell.clone().set_num_format("0%"),
            percent_decimal: cell.set_num_format("0.0#%"),
        }
    }
}

/// A value in its unit: a percentage as a fraction with a percent format, other
/// numbers with a thousands separator; whole numbers without decimals.
fn write_value(
    ws: &mut Worksheet,
    f: &Formats,
    row: u32,
    col: u16,
    value: f64,
    unit: &str,
) -> Result<(), XlsxError> {
    let whole = (value - value.round()).abs() < 1e-9;
    if unit.trim() == "%" {
        let format = if whole {
            &f.percent
        } else {
            &f.percent_decimal
        };
        ws.write_number_with_format(row, col, value / 100.0, format)?;
    } else {
        let format = if whole { &f.integer } else { &f.decimal };
        ws.write_number_with_format(row, col, value, format)?;
    }
    Ok(())
}

fn header(
    ws: &mut Worksheet,
    f: &Formats,
    title: &str,
    note: &str,
    columns: &[(&str, f64)],
) -> Result<(), XlsxError> {
    ws.write_string_with_format(0, 0, fit(title), &f.title)?;
    ws.write_string(1, 0, fit(note))?;
    for (i, (name, width)) in columns.iter().enumerate() {
        let col = i as u16;
        ws.write_string_with_format(HEADER_ROW, col, *name, &f.header)?;
        ws.set_column_width(col, *width)?;
    }
    ws.set_row_height(HEADER_ROW, 45)?;
    ws.set_freeze_panes(HEADER_ROW + 1, 2)?;
    ws.set_repeat_rows(HEADER_ROW, HEADER_ROW)?;
    ws.set_landscape();
    Ok(())
}

fn filter(ws: &mut Worksheet, rows: usize, columns: usize) -> Result<(), XlsxError> {
    if rows > 0 && columns > 0 {
        ws.autofilter(HEADER_ROW, 0, HEADER_ROW + rows as u32, columns as u16 - 1)?;
    }
    Ok(())
}

/// The share `part / whole`, written as a percentage; nothing when `whole` is 0.
fn write_share(
    ws: &mut Worksheet,
    f: &Formats,
    row: u32,
    col: u16,
    part: usize,
    whole: usize,
) -> Result<(), XlsxError> {
    if whole > 0 {
        ws.write_number_with_format(row, col, part as f64 / whole as f64, &f.percent_decimal)?;
    } else {
        ws.write_blank(row, col, &f.text)?;
    }
    Ok(())
}

fn write_count(
    ws: &mut Worksheet,
    f: &Formats,
    row: u32,
    col: u16,
    n: usize,
) -> Result<(), XlsxError> {
    ws.write_number_with_format(row, col, n as f64, &f.integer)?;
    Ok(())
}

fn indicators_sheet(ws: &mut Worksheet, f: &Formats, agg: &Aggregate) -> Result<(), XlsxError> {
    let columns = [
        ("TT", 5.0),
        ("Chỉ tiêu", 55.0),
        ("Đơn vị tính", 11.0),
        ("Số xã, phường có chỉ tiêu", 12.0),
        ("Có số liệu", 10.0),
        ("Đạt, vượt", 10.0),
        ("Đúng tiến độ", 10.0),
        ("Chưa đạt", 10.0),
        ("Chưa có số liệu", 10.0),
        ("Tỷ lệ đạt", 10.0),
        ("Nhỏ nhất", 11.0),
        ("Trung vị", 11.0),
        ("Lớn nhất", 11.0),
        ("Tỷ lệ đạt hoặc đúng tiến độ", 12.0),
        ("Tổng", 12.0),
        ("Số xã, phường cộng", 10.0),
        ("Tổng tử số", 12.0),
        ("Tổng mẫu số", 12.0),
    ];
    header(
        ws,
        f,
        &format!(
            "TỔNG HỢP KẾT QUẢ THỰC HIỆN CHỈ TIÊU {}",
            agg.period.label().to_uppercase()
        ),
        &format!(
            "{} {} xã, phường. {ON_COURSE_NOTE} {}",
            agg.period_note(),
            agg.communes.len(),
            super::totals::TOTAL_NOTE
        ),
        &columns,
    )?;
    for (i, r) in agg.indicators.iter().enumerate() {
        let row = HEADER_ROW + 1 + i as u32;
        write_count(ws, f, row, 0, i + 1)?;
        ws.write_string_with_format(row, 1, fit(&r.name), &f.text)?;
        ws.write_string_with_format(row, 2, fit(&r.unit), &f.text)?;
        for (col, n) in [
            r.communes(),
            r.with_data(),
            r.met,
            r.on_track,
            r.not_met,
            r.no_data,
        ]
        .into_iter()
        .enumerate()
        {
            write_count(ws, f, row, 3 + col as u16, n)?;
        }
        write_share(ws, f, row, 9, r.met, r.communes())?;
        write_stats(ws, f, row, r)?;
        write_share(ws, f, row, 13, r.on_course(), r.communes())?;
        write_total(ws, f, row, r)?;
    }
    filter(ws, agg.indicators.len(), columns.len())
}

/// Said under the indicator table: which rule judges progress.
pub const ON_COURSE_NOTE: &str = "“Đúng tiến độ” theo cùng quy tắc với báo cáo của xã, phường: chỉ tiêu tính lũy kế cả năm, chưa đạt mục tiêu năm nhưng đã đạt phần của kỳ tính theo thời gian đã qua; các chỉ tiêu được xếp theo tỷ lệ xã, phường đạt hoặc đúng tiến độ.";

/// The total, how many communes it sums, and for a rate its numerator and denominator.
fn write_total(
    ws: &mut Worksheet,
    f: &Formats,
    row: u32,
    r: &IndicatorRow,
) -> Result<(), XlsxError> {
    let Some(t) = r.total else {
        for col in 14..18 {
            ws.write_blank(row, col, &f.text)?;
        }
        return Ok(());
    };
    write_value(ws, f, row, 14, t.value, &r.unit)?;
    write_count(ws, f, row, 15, t.communes)?;
    match t.parts {
        Some((num, den)) => {
            write_value(ws, f, row, 16, num, "")?;
            write_value(ws, f, row, 17, den, "")?;
        }
        None => {
            ws.write_blank(row, 16, &f.text)?;
            ws.write_blank(row, 17, &f.text)?;
        }
    }
    Ok(())
}

fn write_stats(
    ws: &mut Worksheet,
    f: &Formats,
    row: u32,
    r: &IndicatorRow,
) -> Result<(), XlsxError> {
    match r.stats {
        Some(s) => {
            for (col, v) in [(10, s.min), (11, s.median), (12, s.max)] {
                write_value(ws, f, row, col, v, &r.unit)?;
            }
        }
        None => {
            for col in 10..13 {
                ws.write_blank(row, col, &f.text)?;
            }
        }
    }
    Ok(())
}

fn details_sheet(ws: &mut Worksheet, f: &Formats, agg: &Aggregate) -> Result<(), XlsxError> {
    let columns = [
        ("TT", 6.0),
        ("Chỉ tiêu", 45.0),
        ("Xã, phường", 22.0),
        ("Tên chỉ tiêu trong tệp", 45.0),
        ("Đơn vị tính", 10.0),
        ("Mục tiêu", 14.0),
        ("Kết quả", 12.0),
        ("Kết quả (như báo cáo ghi)", 16.0),
        ("Đánh giá", 14.0),
    ];
    header(
        ws,
        f,
        &format!(
            "KẾT QUẢ TỪNG XÃ, PHƯỜNG THEO CHỈ TIÊU {}",
            agg.period.label().to_uppercase()
        ),
        &agg.period_note(),
        &columns,
    )?;
    let mut row = HEADER_ROW;
    let mut n = 0;
    for r in &agg.indicators {
        for (ci, ei) in &r.entries {
            let (Some(c), Some((e, _))) = (
                agg.communes.get(*ci),
                agg.communes.get(*ci).and_then(|c| c.indicators.get(*ei)),
            ) else {
                continue;
            };
            row += 1;
            n += 1;
            write_count(ws, f, row, 0, n)?;
            for (col, text) in [
                (1, &r.name),
                (2, &c.name),
                (3, &e.name),
                (4, &e.unit),
                (5, &e.target),
            ] {
                ws.write_string_with_format(row, col, fit(text), &f.text)?;
            }
            match e.value {
                Some(v) => write_value(ws, f, row, 6, v, &e.unit)?,
                None => {
                    ws.write_blank(row, 6, &f.text)?;
                }
            }
            ws.write_string_with_format(row, 7, fit(&e.value_label), &f.text)?;
            ws.write_string_with_format(row, 8, e.status.label(), &f.text)?;
        }
    }
    filter(ws, n, columns.len())
}

fn communes_sheet(ws: &mut Worksheet, f: &Formats, agg: &Aggregate) -> Result<(), XlsxError> {
    let columns = [
        ("TT", 5.0),
        ("Xã, phường", 24.0),
        ("Tệp", 24.0),
        ("Số chỉ tiêu", 9.0),
        ("Đạt, vượt", 9.0),
        ("Đúng tiến độ", 9.0),
        ("Chưa đạt", 9.0),
        ("Chưa có số liệu", 9.0),
        ("Tỷ lệ chỉ tiêu đạt", 9.0),
        ("Số nhiệm vụ", 9.0),
        ("Hoàn thành", 9.0),
        ("Quá hạn", 9.0),
        ("Đang thực hiện", 9.0),
        ("Chưa triển khai", 9.0),
        ("Dừng thực hiện", 9.0),
    ];
    header(
        ws,
        f,
        &format!(
            "TỔNG HỢP THEO XÃ, PHƯỜNG {}",
            agg.period.label().to_uppercase()
        ),
        &agg.period_note(),
        &columns,
    )?;
    for (i, c) in agg.communes.iter().enumerate() {
        let row = HEADER_ROW + 1 + i as u32;
        write_count(ws, f, row, 0, i + 1)?;
        ws.write_string_with_format(row, 1, fit(&c.name), &f.text)?;
        ws.write_string_with_format(row, 2, fit(&c.file.display().to_string()), &f.text)?;
        let t = &c.tasks;
        for (col, n) in [
            (3, c.indicators.len()),
            (4, c.met),
            (5, c.on_track),
            (6, c.not_met),
            (7, c.no_data),
            (9, t.total),
            (10, t.done),
            (11, t.overdue.len()),
            (12, t.in_progress),
            (13, t.not_started),
            (14, t.dropped),
        ] {
            write_count(ws, f, row, col, n)?;
        }
        write_share(ws, f, row, 8, c.met, c.indicators.len())?;
    }
    filter(ws, agg.communes.len(), columns.len())
}

fn skipped_sheet(ws: &mut Worksheet, f: &Formats, agg: &Aggregate) -> Result<(), XlsxError> {
    let columns = [
        ("TT", 5.0),
        ("Tệp", 40.0),
        ("Lý do", 22.0),
        ("Chi tiết", 80.0),
    ];
    header(
        ws,
        f,
        "CÁC TỆP KHÔNG ĐƯỢC TỔNG HỢP",
        &format!("{} tệp không lấy. {}", agg.skipped.len(), agg.period_note()),
        &columns,
    )?;
    for (i, s) in agg.skipped.iter().enumerate() {
        let row = HEADER_ROW + 1 + i as u32;
        write_count(ws, f, row, 0, i + 1)?;
        ws.write_string_with_format(row, 1, fit(&s.file.display().to_string()), &f.text)?;
        ws.write_string_with_format(row, 2, s.reason.label(), &f.text)?;
        ws.write_string_with_format(row, 3, fit(&s.detail), &f.text)?;
    }
    filter(ws, agg.skipped.len(), columns.len())
}

/// Writes one sheet.
type SheetWriter = fn(&mut Worksheet, &Formats, &Aggregate) -> Result<(), XlsxError>;

/// The workbook's bytes. `created` is written as its creation date (UTC).
pub fn write_xlsx(
    agg: &Aggregate,
    created: chrono::NaiveDateTime,
) -> Result<Vec<u8>, XlsxWriteError> {
    let f = Formats::new();
    let mut wb = Workbook::new();
    let when = ExcelDateTime::from_timestamp(created.and_utc().timestamp())?;
    wb.set_properties(
        &DocProperties::new()
            .set_title(format!("Tổng hợp báo cáo {}", agg.period.label()))
            .set_creation_datetime(&when),
    );
    let writers: [SheetWriter; 4] = [
        indicators_sheet,
        details_sheet,
        communes_sheet,
        skipped_sheet,
    ];
    for (name, write) in SHEETS.iter().zip(writers) {
        let ws = wb.add_worksheet_with_constant_memory()?;
        ws.set_name(*name)?;
        write(ws, &f, agg)?;
    }
    Ok(wb.save_to_buffer()?)
}
