//! cli: the usage text (`baocao --help`, `baocao SUBCOMMAND --help`, and after a
//! wrong command), whole or one subcommand's lines of it.

/// Arguments the program cannot run with: `main` prints the message with the usage of
/// the command and ends with status 2.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);

/// Usage text shown by `baocao --help` and after a wrong command.
pub const USAGE: &str = "Cách dùng:
  baocao                      mở cửa sổ với dự án mẫu
  baocao TỆP.ron              mở cửa sổ với tệp dự án
  baocao check TỆP.ron        kiểm tra tệp dự án và liệt kê các lỗi
  baocao check THƯ-MỤC        kiểm tra mọi tệp dự án trong thư mục (cả thư mục con), mỗi tệp
                              một dòng; mã thoát khác 0 nếu có tệp không dùng được
  baocao export TỆP.ron [--report MÃ | --period KỲ] [--final | --review-copy] [--format pdf|docx] -o BÁO-CÁO.pdf
                              [--final --signature-image PNG --seal-image PNG --blank-number]
                              xuất báo cáo ra PDF (mặc định: bản dự thảo của báo cáo cuối cùng)
                              --format docx: xuất ra tệp Word (.docx); bản xem xét kèm góp ý
                              dưới dạng chú thích (comment) của Word
                              --period: báo cáo của kỳ 2026-Q2, 2026-6T, 2026-9T, 2026-NAM,
                              hoặc báo cáo chuyên đề tính đến ngày 2026-05-15
                              --final: bản chính thức, không có dấu DỰ THẢO (chỉ khi đã duyệt
                              hoặc đã ban hành); --review-copy: bản xem xét, tức bản dự thảo
                              kèm danh sách góp ý chưa xử lý và số trang của từng góp ý
                              --final --signature-image CHỮ-KÝ.png --seal-image DẤU.png: bản ký số
                              kèm ảnh chữ ký (màu xanh, nền trong suốt) và ảnh con dấu (màu đỏ,
                              đúng kích thước), đặt theo Phụ lục I Nghị định 30; bản --final luôn
                              kèm nguồn báo cáo (.ron) để mở lại hoặc đối chiếu bằng verify;
                              --blank-number: để trống số và ngày cho hệ thống văn bản điền khi ban hành
                              --force: thay tệp kết quả đã có (tệp cũ giữ thành .bak); không bao giờ
                              ghi đè tệp dự án, tệp đang đọc hay tệp góp ý
  baocao export THƯ-MỤC --out THƯ-MỤC-ĐÍCH [các tùy chọn như trên]
                              xuất báo cáo của mọi tệp dự án trong thư mục (song song)
  baocao aggregate THƯ-MỤC [--period 2026-Q2] [--mapping TÊN.csv] [--write-mapping TÊN.csv] [--project TỔNG-HỢP.ron] -o TỔNG-HỢP.xlsx|.pdf|.docx [--force]
                              tổng hợp báo cáo của nhiều xã, phường: từng chỉ tiêu (số xã đạt, đúng
                              tiến độ, tổng cộng, nhỏ nhất, trung vị, lớn nhất), từng xã (chỉ tiêu
                              đạt, nhiệm vụ quá hạn) và các tệp không lấy (kể cả tệp còn lỗi khi
                              kiểm tra); mặc định lấy kỳ gần nhất mà đa số tệp có; --write-mapping
                              ghi bảng đối chiếu tên chỉ tiêu để sửa, --mapping đọc lại; --project
                              lưu bản tổng hợp thành tệp dự án của cơ quan (người ký, số, nơi nhận,
                              mở đầu, đánh giá) để duyệt và xuất bản cuối bằng baocao export --final
  baocao import TỆP.ron BẢNG.csv|BẢNG.xlsx [--kind chi-tieu|nhiem-vu] [--yes]
                              nhập chỉ tiêu hoặc nhiệm vụ từ bảng (hỏi trước khi ghi, trừ khi có --yes)
  baocao import TỆP.ron BÁO-CÁO.txt [--period 2026-Q2] [--yes]
                              thêm một báo cáo mới từ văn bản thuần (dán từ Word, lưu .txt UTF-8);
                              kỳ báo cáo: 2026-Q1…Q4, 2026-6T, 2026-9T, 2026-NAM (mặc định: kỳ ghi
                              trong trích yếu, nếu không có thì kỳ gần nhất của dự án)
  baocao import TỆP.ron BÁO-CÁO.docx [--period 2026-Q2] [--yes]
                              thêm một báo cáo mới từ tệp Word (.docx): đề mục, ý liệt kê, chữ đậm,
                              bảng, số, ngày, nơi nhận và người ký lấy theo tệp
  baocao import TỆP.ron GÓP-Ý.docx --comments [--report MÃ] [--yes]
                              nhập các góp ý trong tệp Word thành góp ý của báo cáo, và các đoạn
                              lãnh đạo đã sửa (gõ lại hoặc Theo dõi thay đổi) thành đề xuất sửa
                              để chấp nhận hoặc bỏ qua ở bước Góp ý và duyệt
  baocao import TỆP.ron GÓP-Ý.docx --compare [--report MÃ] [--yes]
                              so sánh tệp Word với báo cáo: chỉ nhập các đoạn đã sửa, thêm, xóa
                              thành đề xuất sửa (báo cáo chưa đổi cho đến khi chấp nhận)
  baocao import-plan TỆP.ron KẾ-HOẠCH.docx|KẾ-HOẠCH.txt [--yes]
                              nhập kế hoạch (số, ngày, tên; bảng nhiệm vụ của Phụ lục; các chỉ tiêu
                              có con số) vào kế hoạch của dự án; nếu TỆP.ron chưa có, tạo dự án mới
                              từ kế hoạch (xã, phường, đơn vị, người ký)
  baocao import-plan TỆP.ron KẾ-HOẠCH.docx|.txt --decided-by \"Công văn số …\" [--effective 2026-07-01] [--yes]
                              ghi văn bản kế hoạch là một lần điều chỉnh kế hoạch của dự án: nhiệm vụ,
                              chỉ tiêu đã có đổi theo văn bản (thời hạn, đơn vị, sản phẩm, chỉ tiêu),
                              dòng mới được bổ sung; sau đó soạn thông báo bằng new-notice
  baocao import TỆP.ron BẢNG.csv|BẢNG.xlsx --kind chi-tieu|nhiem-vu --decided-by \"Công văn số …\" [--effective 2026-07-01] [--yes]
                              ghi là điều chỉnh kế hoạch: dòng trùng tên chỉ tiêu, nhiệm vụ đã có thì
                              sửa (mục tiêu, thời hạn, đơn vị), dòng mới thì bổ sung; báo cáo của kỳ
                              kết thúc từ ngày áp dụng (mặc định: hôm nay) trở đi đánh giá theo kế
                              hoạch đã điều chỉnh
  baocao new-notice TỆP.ron [--revision N]
                              soạn Thông báo điều chỉnh, bổ sung chỉ tiêu, nhiệm vụ từ lần điều chỉnh
                              thứ N (mặc định: lần gần nhất), in mã của thông báo để xuất bằng export
  baocao new-report TỆP.ron [--from MÃ] [--period 2026-Q3]
                              thêm báo cáo kỳ sau từ một báo cáo trước (mặc định: báo cáo gần
                              nhất, kỳ ngay sau nó), chuyển các cụm từ chỉ kỳ (quý II → quý III,
                              30/6 → 30/9) và in danh sách các chỗ đã chuyển
  baocao print TỆP.ron [--report MÃ | --period KỲ] [--final] [--printer TÊN] [--pages 2-3] [--copies N] [--two-sided]
                              in báo cáo ra máy in (mặc định: máy in mặc định, mọi trang, 1 bản);
                              --pages: các trang như “1-3, 7”; --two-sided: in hai mặt
  baocao print --printers     liệt kê các máy in của máy này
  baocao verify BẢN-ĐÃ-KÝ.pdf [TỆP.ron]
                              liệt kê chữ ký số trong tệp PDF và cho biết nội dung đã ký có khớp
                              bản đã duyệt không (so với dự án, hoặc với nguồn đính kèm trong PDF);
                              chỉ ra các mục, các trang khác nhau; mã thoát 0 chỉ khi khớp
  baocao TỆP.pdf              mở cửa sổ với báo cáo khôi phục từ PDF do chương trình xuất
  baocao --help               hiện hướng dẫn này";

/// The lines of [`USAGE`] about one subcommand (`export`, `import` …), each with the
/// lines that explain it; `None` for a word that is no subcommand.
pub fn usage_of(command: &str) -> Option<String> {
    let head = format!("  baocao {command} ");
    let mut out = String::from("Cách dùng:\n");
    let mut inside = false;
    let mut found = false;
    for line in USAGE.lines().skip(1) {
        if line.starts_with("  baocao") {
            inside = line.starts_with(&head);
            found |= inside;
        }
        if inside {
            out.push_str(line);
            out.push('\n');
        }
    }
    found.then(|| out.trim_end().to_owned())
}

/// The usage to show after a wrong command: that subcommand's lines when the first
/// argument names one, else the whole usage.
pub fn usage_for(args: &[String]) -> String {
    args.first()
        .and_then(|cmd| usage_of(cmd))
        .unwrap_or_else(|| USAGE.to_owned())
}
