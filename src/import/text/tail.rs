//! import, text: the end of a report: the closing sentence (`Trên đây là …`), `Nơi
//! nhận` with its entries and the archive line, and the signature block (`TM.`,
//! `KT.`, the position, the name). Word pastes the last two side by side, so a line
//! is read piece by piece, split at tabs.

use super::appendix;
use super::front::{clean_entry, first_piece};
use super::lines::{self, Hint, Line, all_caps};
use super::{Note, NoteKind, Recognised};
use crate::vi::fold_start;

/// The heading of the review copy's comment list (`Ý KIẾN GÓP Ý CHƯA XỬ LÝ`, see
/// `compose::review`), folded: the part it starts is the program's, not the report's.
const REVIEW_PART: &str = "y kien gop y chua xu ly";

/// Where the closing sentence and the end block start in `lines[from..]`: the last
/// `Trên đây là …` paragraph before the end block, and the first line of the end
/// block (`lines.len()` when there is none).
pub(crate) fn find(lines: &[Line], from: usize) -> (Option<usize>, usize) {
    let end_block = (from..lines.len()).find(|&i| starts_end_block(first_piece(&lines[i].text)));
    let search_to = end_block.unwrap_or(lines.len());
    let closing = (from..search_to)
        .rev()
        .find(|&i| is_closing(&lines[i].text));
    let end_block = end_block.or_else(|| {
        // No `Nơi nhận` and no `TM.`: the signer's position in capitals after the
        // closing sentence starts the signature.
        let after = closing? + 1;
        (after..lines.len()).find(|&i| {
            let t = lines[i].text.as_str();
            all_caps(t) && t.chars().count() <= 60 && lines::heading_number(t).is_none()
        })
    });
    (closing, end_block.unwrap_or(lines.len()))
}

fn is_closing(text: &str) -> bool {
    lines::bullet(text).is_none() && fold_start(text, 16).starts_with("tren day la")
}

fn is_distribution_label(piece: &str) -> bool {
    fold_start(piece, 12).starts_with("noi nhan")
}

/// `TM. ỦY BAN NHÂN DÂN`, `KT. CHỦ TỊCH`, `TL.`, `TUQ.`, `Q.`, `T/M`, `K/T`.
fn is_authority(piece: &str) -> bool {
    const PREFIXES: [&str; 8] = ["TM.", "KT.", "TL.", "TUQ.", "Q.", "T/M", "K/T", "T/L"];
    PREFIXES.iter().any(|p| {
        piece.strip_prefix(p).is_some_and(|rest| {
            rest.trim_start()
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
        })
    })
}

fn starts_end_block(piece: &str) -> bool {
    is_distribution_label(piece) || is_authority(piece)
}

/// A person's name: two to six words, each starting with a capital, not all capitals.
fn is_name(piece: &str) -> bool {
    let words: Vec<&str> = piece.split_whitespace().collect();
    (2..=6).contains(&words.len())
        && words
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
        && piece.chars().any(char::is_lowercase)
        && !piece
            .chars()
            .any(|c| c.is_ascii_digit() || c == ':' || c == '(')
}

/// The closing sentence(s): one paragraph per line.
pub(crate) fn closing(lines: &[Line]) -> String {
    let kept: Vec<String> = lines
        .iter()
        .filter(|l| !l.is_blank())
        .map(|l| l.text.replace('\t', " "))
        .collect();
    kept.join("\n")
}

/// Reads `Nơi nhận`, its entries, the archive line and the signature block into `rec`.
/// Lines after the signer's name are noted, not kept.
pub(crate) fn read(lines: &[Line], rec: &mut Recognised, notes: &mut Vec<Note>) {
    let mut in_distribution = false;
    let mut signer_started = false;
    let mut signer_done = false;
    let mut after: Vec<&Line> = Vec::new();
    for line in lines {
        if line.is_blank() {
            continue;
        }
        if fold_start(&line.text, 30).starts_with(REVIEW_PART) {
            notes.push(Note::new(
                line.no,
                NoteKind::Skipped,
                format!(
                    "phần “{}” từ dòng {} là danh sách góp ý do chương trình in kèm bản xem xét, không phải nội dung báo cáo; bỏ qua. Góp ý trong tệp Word nhập bằng Góp ý › Nhập góp ý từ tệp Word….",
                    line.text.trim(),
                    line.no
                ),
            ));
            break;
        }
        if let Hint::Table(table) = &line.hint {
            // A table of a Phụ lục: quoted whole, every row and cell.
            appendix::quote_table(line.no, table, notes);
            continue;
        }
        if let Some(note) = appendix::plan_header_note(line.no, &line.text) {
            notes.push(note);
        }
        if lines::is_rule(&line.text) {
            notes.push(Note::new(
                line.no,
                NoteKind::Skipped,
                format!("đường kẻ “{}”; bỏ qua.", crate::vi::shorten(&line.text, 20)),
            ));
            continue;
        }
        let mut left_over = false;
        for piece in line
            .text
            .split('\t')
            .map(str::trim)
            .filter(|p| !p.is_empty())
        {
            if is_distribution_label(piece) {
                in_distribution = true;
                if let Some((_, rest)) = piece.split_once(':') {
                    entry(rest, rec);
                }
                continue;
            }
            if let Some(item) = lines::bullet(piece).filter(|_| !signer_done) {
                entry(item.text, rec);
                continue;
            }
            if !signer_done
                && (fold_start(piece, 6).starts_with("luu ") || piece.starts_with("Lưu:"))
            {
                entry(piece, rec);
                continue;
            }
            let signer_like = is_authority(piece) || all_caps(piece) || piece.starts_with('(');
            if !signer_done && (signer_started || signer_like) {
                rec.signer_lines.push(piece.to_owned());
                signer_started = true;
                signer_done = is_name(piece);
                continue;
            }
            if in_distribution && !signer_started {
                entry(piece, rec);
                continue;
            }
            if !signer_done && is_name(piece) {
                rec.signer_lines.push(piece.to_owned());
                signer_started = true;
                signer_done = true;
                continue;
            }
            left_over = true;
        }
        if left_over {
            after.push(line);
        }
    }
    if let (Some(first), Some(last)) = (after.first(), after.last()) {
        notes.push(Note::new(
            first.no,
            NoteKind::NotRecognised,
            format!(
                "các dòng {}–{} nằm sau phần ký (có thể là phụ lục), không thuộc báo cáo; chưa nhập, từng dòng được ghi lại dưới đây.",
                first.no, last.no
            ),
        ));
        for line in after {
            notes.push(Note::new(
                line.no,
                NoteKind::NotRecognised,
                format!("chưa nhập: “{}”", line.text.replace('\t', " | ")),
            ));
        }
    }
}

/// One `Nơi nhận` entry, or the archive line (`Lưu: VT, VH-XH.`).
fn entry(text: &str, rec: &mut Recognised) {
    let text = text.trim();
    if fold_start(text, 6).starts_with("luu ") || fold_start(text, 6) == "luu" {
        let rest = text.split_once(':').map_or_else(
            || text.chars().skip(3).collect::<String>(),
            |(_, r)| r.to_owned(),
        );
        let archive = clean_entry(&rest);
        if !archive.is_empty() {
            // A second archive line is kept beside the first.
            rec.archive = Some(match rec.archive.take() {
                Some(first) => format!("{first}, {archive}"),
                None => archive,
            });
        }
        return;
    }
    let e = clean_entry(text);
    if !e.is_empty() {
        rec.distribution.push(e);
    }
}
