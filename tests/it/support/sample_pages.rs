//! A hand-built, layout-like report of about six A4 pages (Decree 30 header, justified
//! body, signature block, recipients), for the export tests and the demo example. It
//! measures text with the real font metrics, so justified lines really fill the width.
//! Shared by `tests/it/pdf_export.rs` and (through `#[path]`) `examples/export_demo.rs`.
#![allow(dead_code)] // each user takes a different part of it
#![allow(clippy::expect_used)] // test support: a broken font is a failed test

use baocao::compose::Meta;
use baocao::layout::{FontStyle, Fonts, Item, LineItem, Page, Pages, RectItem, TextItem};
use baocao::units::Pt;

pub const A4_W: f32 = 595.28;
pub const A4_H: f32 = 841.89;
const MM: f32 = 72.0 / 25.4;
const LEFT: f32 = 30.0 * MM;
const RIGHT: f32 = A4_W - 15.0 * MM;
const TOP: f32 = 20.0 * MM;
const BOTTOM: f32 = A4_H - 20.0 * MM;
const WIDTH: f32 = RIGHT - LEFT;

pub const PARAGRAPHS: [&str; 6] = [
    "Thực hiện Nghị quyết số 57-NQ/TW ngày 22 tháng 12 năm 2024 của Bộ Chính trị về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia, Ủy ban nhân dân xã đã ban hành kế hoạch triển khai, phân công nhiệm vụ cụ thể cho từng cơ quan, đơn vị và cán bộ, công chức phụ trách.",
    "Công tác tuyên truyền được đẩy mạnh trên hệ thống truyền thanh cơ sở, trang thông tin điện tử của xã và các nhóm mạng xã hội; người dân được hướng dẫn cài đặt ứng dụng định danh điện tử, thanh toán không dùng tiền mặt và sử dụng dịch vụ công trực tuyến toàn trình.",
    "Hạ tầng số tiếp tục được đầu tư: toàn bộ các thôn đã có sóng di động băng rộng, tỷ lệ hộ gia đình sử dụng internet cáp quang đạt 92,5%, bộ phận một cửa được trang bị thêm máy tính, máy quét và màn hình tra cứu thủ tục hành chính cho người dân.",
    "Tuy nhiên, việc triển khai còn gặp một số khó khăn, vướng mắc: đội ngũ cán bộ làm công tác chuyển đổi số còn kiêm nhiệm, kỹ năng sử dụng công nghệ của một bộ phận người cao tuổi còn hạn chế, kinh phí bố trí cho ứng dụng công nghệ thông tin chưa đáp ứng yêu cầu.",
    "Trong thời gian tới, Ủy ban nhân dân xã tập trung chỉ đạo hoàn thành các chỉ tiêu đã đề ra; tăng cường kiểm tra, đôn đốc; kịp thời biểu dương những tập thể, cá nhân có cách làm hay, sáng tạo; đồng thời đề nghị cấp trên quan tâm hỗ trợ đào tạo và kinh phí.",
    "Số liệu chi tiết về các chỉ tiêu, nhiệm vụ được tổng hợp tại phụ lục kèm theo báo cáo này; các cơ quan, đơn vị rà soát, cập nhật kết quả thực hiện, gửi về Văn phòng Hội đồng nhân dân và Ủy ban nhân dân xã trước ngày 25 hằng tháng để tổng hợp.",
];

pub fn meta() -> Meta {
    Meta {
        title: "Báo cáo sơ kết tình hình triển khai Nghị quyết số 57-NQ/TW quý I năm 2026".into(),
        author: "Ủy ban nhân dân xã Nam Thanh Miện".into(),
        subject: "Sơ kết tình hình triển khai Nghị quyết số 57-NQ/TW".into(),
        keywords: "báo cáo, Nghị quyết 57, chuyển đổi số".into(),
        language: "vi".into(),
        ..Meta::default()
    }
}

fn fonts() -> &'static Fonts {
    Fonts::bundled().expect("bundled fonts")
}

pub fn text(x: f32, baseline: f32, size: f32, style: FontStyle, s: &str) -> Item {
    Item::Text(TextItem {
        x: Pt(x),
        baseline: Pt(baseline),
        size: Pt(size),
        style,
        text: s.to_string(),
        word_spacing: Pt(0.0),
        width: Pt(fonts().text_width_pt(style, s, size)),
        flagged: false,
    })
}

/// A line of text centred on `centre`.
pub fn centred(centre: f32, baseline: f32, size: f32, style: FontStyle, s: &str) -> Item {
    let w = fonts().text_width_pt(style, s, size);
    text(centre - w / 2.0, baseline, size, style, s)
}

pub fn hline(x0: f32, x1: f32, y: f32) -> Item {
    Item::Line(LineItem {
        x0: Pt(x0),
        y0: Pt(y),
        x1: Pt(x1),
        y1: Pt(y),
        width: Pt(0.5),
    })
}

/// A line justified to `width`: extra space spread over its spaces.
pub fn justified(x: f32, baseline: f32, size: f32, style: FontStyle, s: &str, width: f32) -> Item {
    let natural = fonts().text_width_pt(style, s, size);
    let spaces = s.matches(' ').count().max(1) as f32;
    let ws = ((width - natural) / spaces).max(0.0);
    Item::Text(TextItem {
        x: Pt(x),
        baseline: Pt(baseline),
        size: Pt(size),
        style,
        text: s.to_string(),
        word_spacing: Pt(ws),
        width: Pt(natural + ws * spaces),
        flagged: false,
    })
}

fn blank_page() -> Page {
    Page {
        width: Pt(A4_W),
        height: Pt(A4_H),
        ..Page::default()
    }
}

/// Greedy line breaking on spaces; returns the lines of a paragraph.
fn break_lines(s: &str, size: f32, first_width: f32, width: f32) -> Vec<String> {
    let mut lines = Vec::new();
    let mut cur = String::new();
    for word in s.split(' ') {
        let limit = if lines.is_empty() { first_width } else { width };
        let candidate = if cur.is_empty() {
            word.to_string()
        } else {
            format!("{cur} {word}")
        };
        if fonts().text_width_pt(FontStyle::Regular, &candidate, size) > limit && !cur.is_empty() {
            lines.push(std::mem::take(&mut cur));
            cur = word.to_string();
        } else {
            cur = candidate;
        }
    }
    if !cur.is_empty() {
        lines.push(cur);
    }
    lines
}

struct Flow {
    pages: Vec<Page>,
    y: f32,
}

impl Flow {
    fn page(&mut self) -> &mut Page {
        self.pages.last_mut().expect("a page")
    }

    fn need(&mut self, h: f32) {
        if self.y + h > BOTTOM {
            let n = self.pages.len() + 1;
            let mut p = blank_page();
            p.number_in_part = n;
            // Page number centred in the top margin, 13 pt.
            p.items.push(centred(
                (LEFT + RIGHT) / 2.0,
                35.0,
                13.0,
                FontStyle::Regular,
                &n.to_string(),
            ));
            self.pages.push(p);
            self.y = TOP;
        }
    }

    fn paragraph(&mut self, s: &str) {
        let size = 14.0;
        let lh = fonts().line_height_pt(FontStyle::Regular, size);
        let indent = 12.7 * MM;
        let lines = break_lines(s, size, WIDTH - indent, WIDTH);
        let n = lines.len();
        for (i, line) in lines.iter().enumerate() {
            self.need(lh);
            self.y += lh;
            let x = if i == 0 { LEFT + indent } else { LEFT };
            let w = if i == 0 { WIDTH - indent } else { WIDTH };
            let baseline = self.y - fonts().descent_pt(FontStyle::Regular, size) - 1.0;
            let item = if i + 1 < n {
                justified(x, baseline, size, FontStyle::Regular, line, w)
            } else {
                text(x, baseline, size, FontStyle::Regular, line)
            };
            self.page().items.push(item);
        }
        self.y += 6.0;
    }

    fn heading(&mut self, s: &str) {
        let size = 14.0;
        let lh = fonts().line_height_pt(FontStyle::Bold, size);
        self.need(lh * 3.0);
        self.y += lh;
        let baseline = self.y - fonts().descent_pt(FontStyle::Bold, size) - 1.0;
        self.page()
            .items
            .push(text(LEFT + 12.7 * MM, baseline, size, FontStyle::Bold, s));
        self.y += 6.0;
    }
}

/// The report: header, title, about six pages of body, signature and recipients.
pub fn report(draft: bool) -> Pages {
    let left_c = LEFT + WIDTH * 0.2;
    let right_c = LEFT + WIDTH * 0.7;
    let mut p = blank_page();
    p.number_in_part = 1;
    // The draft marking: framed, below the top margin, above the agency name.
    let top = TOP + if draft { 22.0 } else { 0.0 };
    let it = &mut p.items;
    if draft {
        it.push(text(
            LEFT + 3.0,
            TOP + 13.0,
            13.0,
            FontStyle::Bold,
            "DỰ THẢO",
        ));
        it.push(Item::Rect(RectItem {
            x: Pt(LEFT),
            y: Pt(TOP),
            w: Pt(66.0),
            h: Pt(17.0),
            stroke: Pt(0.5),
        }));
    }
    it.push(centred(
        left_c,
        top + 12.0,
        13.0,
        FontStyle::Bold,
        "ỦY BAN NHÂN DÂN",
    ));
    it.push(centred(
        left_c,
        top + 27.0,
        13.0,
        FontStyle::Bold,
        "XÃ NAM THANH MIỆN",
    ));
    it.push(hline(left_c - 30.0, left_c + 30.0, top + 32.0));
    it.push(centred(
        right_c,
        top + 12.0,
        13.0,
        FontStyle::Bold,
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    ));
    let motto = "Độc lập - Tự do - Hạnh phúc";
    let mw = fonts().text_width_pt(FontStyle::Bold, motto, 14.0);
    it.push(centred(right_c, top + 28.0, 14.0, FontStyle::Bold, motto));
    it.push(hline(right_c - mw / 2.0, right_c + mw / 2.0, top + 32.0));
    it.push(centred(
        left_c,
        top + 52.0,
        13.0,
        FontStyle::Regular,
        "Số: 05/BC-UBND",
    ));
    it.push(centred(
        right_c,
        top + 52.0,
        14.0,
        FontStyle::Italic,
        "Nam Thanh Miện, ngày 05 tháng 02 năm 2026",
    ));
    let mid = (LEFT + RIGHT) / 2.0;
    it.push(centred(mid, top + 90.0, 14.0, FontStyle::Bold, "BÁO CÁO"));
    it.push(centred(
        mid,
        top + 106.0,
        14.0,
        FontStyle::Bold,
        "Sơ kết tình hình triển khai Nghị quyết số 57-NQ/TW",
    ));
    it.push(centred(
        mid,
        top + 122.0,
        14.0,
        FontStyle::Bold,
        "quý I năm 2026",
    ));
    it.push(hline(mid - 50.0, mid + 50.0, top + 127.0));

    let mut flow = Flow {
        pages: vec![p],
        y: top + 140.0,
    };
    let headings = [
        "I. KẾT QUẢ THỰC HIỆN",
        "1. Công tác lãnh đạo, chỉ đạo",
        "2. Hạ tầng số và dịch vụ công trực tuyến",
        "II. KHÓ KHĂN, VƯỚNG MẮC",
        "III. PHƯƠNG HƯỚNG, NHIỆM VỤ QUÝ TIẾP THEO",
    ];
    for (round, h) in headings.iter().enumerate() {
        flow.heading(h);
        for k in 0..10 {
            flow.paragraph(PARAGRAPHS[(round + k) % PARAGRAPHS.len()]);
        }
    }

    // Signature block and recipients.
    flow.need(150.0);
    let y = flow.y + 24.0;
    let page = flow.page();
    let it = &mut page.items;
    it.push(text(LEFT, y, 12.0, FontStyle::BoldItalic, "Nơi nhận:"));
    it.push(centred(
        right_c,
        y,
        14.0,
        FontStyle::Bold,
        "TM. ỦY BAN NHÂN DÂN",
    ));
    it.push(centred(
        right_c,
        y + 16.0,
        14.0,
        FontStyle::Bold,
        "CHỦ TỊCH",
    ));
    it.push(text(
        LEFT,
        y + 14.0,
        11.0,
        FontStyle::Regular,
        "- UBND tỉnh Hải Phòng;",
    ));
    it.push(text(
        LEFT,
        y + 27.0,
        11.0,
        FontStyle::Regular,
        "- Thường trực Đảng ủy xã;",
    ));
    it.push(text(
        LEFT,
        y + 40.0,
        11.0,
        FontStyle::Regular,
        "- Lưu: VT, VP.",
    ));
    it.push(centred(
        right_c,
        y + 100.0,
        14.0,
        FontStyle::Bold,
        "Vũ Văn Nguyễn",
    ));

    Pages {
        pages: flow.pages,
        warnings: Vec::new(),
    }
}
