//! import, text: the front of a report: the header block (agency, national title and
//! motto, number, place and date), the title `BÁO CÁO`, the summary (trích yếu) and
//! `Kính gửi`. All of it is metadata; none of it becomes section text.

use chrono::NaiveDate;

use super::lines::{self, Hint, Line, all_caps, ends_sentence, is_rule};
use super::{Note, NoteKind, Recognised};
use crate::vi::fold_start;

/// How far down the title `BÁO CÁO` is looked for.
const TITLE_SEARCH_LINES: usize = 80;

/// Reads the front of `lines` into `rec`; returns the index of the first line after it.
pub(crate) fn read(lines: &[Line], rec: &mut Recognised, notes: &mut Vec<Note>) -> usize {
    let mut pos = match find_title(lines) {
        Some(t) => {
            for line in &lines[..t] {
                header_line(line, rec, notes, true);
            }
            let title_line = &lines[t];
            let (title, rest) = split_title(&title_line.text);
            rec.title = Some(title.to_owned());
            if fold_start(title, 10) != "bao cao" {
                notes.push(Note::new(
                    title_line.no,
                    NoteKind::NotRecognised,
                    format!("tên loại văn bản là “{title}”, không phải “BÁO CÁO”; nội dung vẫn được nhập như một báo cáo."),
                ));
            }
            let mut summary: Vec<(usize, String)> = Vec::new();
            if !rest.is_empty() {
                notes.push(Note::new(
                    title_line.no,
                    NoteKind::Changed,
                    format!("sau “{title}” cùng dòng là trích yếu; đã tách ra làm trích yếu."),
                ));
                summary.push((title_line.no, lines::sentence_case(rest)));
            }
            let pos = read_summary(lines, t + 1, &mut summary, notes);
            if summary.len() > 1 {
                notes.push(Note::new(
                    summary[0].0,
                    NoteKind::Changed,
                    format!(
                        "trích yếu viết trên {} dòng; đã nối thành một dòng.",
                        summary.len()
                    ),
                ));
            }
            let joined: Vec<String> = summary.into_iter().map(|(_, s)| s).collect();
            rec.summary = joined.join(" ");
            pos
        }
        None => {
            let mut pos = 0;
            while let Some(line) = lines.get(pos) {
                if !line.is_blank() && !is_header_line(line) {
                    break;
                }
                header_line(line, rec, notes, false);
                pos += 1;
            }
            pos
        }
    };
    pos = skip_rules(lines, pos, notes);
    read_recipients(lines, pos, rec)
}

/// The index of the title line, looked for above the first heading: `BÁO CÁO`, or
/// a short line in capitals right after the date line (`KẾ HOẠCH`, `THÔNG BÁO`).
fn find_title(lines: &[Line]) -> Option<usize> {
    let mut after_date = false;
    for (i, line) in lines.iter().enumerate().take(TITLE_SEARCH_LINES) {
        if line.is_blank() {
            continue;
        }
        let first = first_piece(&line.text);
        if let Some(n) = lines::heading_number(first)
            && matches!(n.number, lines::Number::Roman(_))
            && lines::heading_like(n.text, &n.number)
        {
            return None;
        }
        let f = fold_start(first, 40);
        if f == "bao cao" || (f.starts_with("bao cao ") && all_caps(first)) {
            return Some(i);
        }
        if matches!(line.hint, Hint::Heading(_) | Hint::Table(_)) {
            return None;
        }
        if after_date
            && all_caps(first)
            && first.split_whitespace().count() <= 4
            && lines::heading_number(first).is_none()
        {
            return Some(i);
        }
        after_date = line
            .text
            .split('\t')
            .any(|p| matches!(classify(p.trim()), HeaderPiece::PlaceDate(..)));
    }
    None
}

/// `BÁO CÁO` (or another kind's name) and what follows it on the same line.
fn split_title(text: &str) -> (&str, &str) {
    let t = text.trim();
    if fold_start(t, 10).starts_with("bao cao") {
        // "BÁO CÁO" is seven characters whatever the case (the text is NFC).
        let end = t.char_indices().nth(7).map_or(t.len(), |(i, _)| i);
        return (t[..end].trim(), t[end..].trim());
    }
    (t, "")
}

/// The summary lines after the title, in `out`; returns the index after them.
fn read_summary(
    lines: &[Line],
    from: usize,
    out: &mut Vec<(usize, String)>,
    notes: &mut Vec<Note>,
) -> usize {
    let mut pos = from;
    if out.is_empty() {
        while let Some(l) = lines.get(pos).filter(|_| pos < from + 3) {
            if is_rule(&l.text) {
                notes.push(rule_note(l.no, &l.text));
            } else if !l.is_blank() {
                break;
            }
            pos += 1;
        }
    }
    while let Some(line) = lines.get(pos) {
        let text = line.text.as_str();
        let stop = line.is_blank()
            || line.hint != Hint::None
            || is_rule(text)
            || lines::bullet(text).is_some()
            || lines::heading_number(text).is_some_and(|n| lines::heading_like(n.text, &n.number))
            || fold_start(text, 12).starts_with("kinh gui")
            || out.len() >= 4;
        if stop {
            break;
        }
        if let Some((_, prev)) = out.last() {
            let continues = lines::starts_lowercase(text)
                || text.starts_with(|c: char| c.is_ascii_digit() || c == '(')
                || (!ends_sentence(prev) && !text.ends_with(':') && text.chars().count() < 300);
            if !continues {
                break;
            }
        }
        out.push((line.no, text.replace('\t', " ")));
        pos += 1;
    }
    pos
}

/// Skips blank and ruled lines (`-----` under the summary), noting the rules.
fn skip_rules(lines: &[Line], mut pos: usize, notes: &mut Vec<Note>) -> usize {
    while let Some(line) = lines.get(pos) {
        if line.is_blank() {
            pos += 1;
        } else if is_rule(&line.text) {
            notes.push(rule_note(line.no, &line.text));
            pos += 1;
        } else {
            break;
        }
    }
    pos
}

fn rule_note(line: usize, text: &str) -> Note {
    Note::new(
        line,
        NoteKind::Skipped,
        format!(
            "đường kẻ “{}” do chương trình tự in; bỏ qua.",
            crate::vi::shorten(text, 20)
        ),
    )
}

/// `Kính gửi: …` and the recipients listed under it; returns the index after them.
fn read_recipients(lines: &[Line], pos: usize, rec: &mut Recognised) -> usize {
    let Some(line) = lines.get(pos) else {
        return pos;
    };
    if !fold_start(&line.text, 12).starts_with("kinh gui") {
        return pos;
    }
    let rest = line.text.split_once(':').map_or_else(
        || line.text.chars().skip(8).collect::<String>(),
        |(_, r)| r.to_owned(),
    );
    let rest = clean_entry(&rest);
    let had_rest = !rest.is_empty();
    if had_rest {
        rec.recipients.push(rest);
    }
    let mut next = pos + 1;
    while lines.get(next).is_some_and(Line::is_blank) && next < pos + 3 {
        next += 1;
    }
    let mut end = pos + 1;
    while let Some(l) = lines.get(next) {
        match lines::bullet(&l.text) {
            Some(item) => {
                rec.recipients.push(clean_entry(item.text));
                next += 1;
                end = next;
            }
            None if !had_rest && rec.recipients.is_empty() && !l.is_blank() => {
                let is_heading = lines::heading_number(&l.text).is_some();
                if is_heading {
                    break;
                }
                rec.recipients.push(clean_entry(&l.text));
                next += 1;
                end = next;
            }
            None => break,
        }
    }
    end
}

/// A distribution or recipient entry without its marker and final `;` `.` `,`.
pub(crate) fn clean_entry(text: &str) -> String {
    text.replace('\t', " ")
        .trim()
        .trim_end_matches([';', '.', ','])
        .trim()
        .to_owned()
}

/// The first tab-separated piece of a line (the left cell of a pasted table).
pub(super) fn first_piece(text: &str) -> &str {
    text.split('\t')
        .find(|p| !p.trim().is_empty())
        .unwrap_or("")
        .trim()
}

/// What a piece of a header line is.
#[derive(Clone, Debug, PartialEq)]
enum HeaderPiece {
    NationalTitle,
    Motto,
    /// `DỰ THẢO` (the draft's box, `DỰ THẢO lần 2`): the program prints it itself.
    DraftMark,
    Rule,
    Number(Option<u32>, String),
    PlaceDate(String, Option<NaiveDate>, Option<i32>, bool),
    Agency,
    Unknown,
}

fn classify(piece: &str) -> HeaderPiece {
    let f = fold_start(piece, 60);
    if f.starts_with("cong hoa xa hoi chu nghia viet nam") {
        return HeaderPiece::NationalTitle;
    }
    if f == "doc lap tu do hanh phuc" {
        return HeaderPiece::Motto;
    }
    if f == "du thao" || (f.starts_with("du thao lan ") && piece.chars().count() <= 20) {
        return HeaderPiece::DraftMark;
    }
    if is_rule(piece) {
        return HeaderPiece::Rule;
    }
    if let Some((n, code)) = number_line(piece) {
        return HeaderPiece::Number(n, code);
    }
    if let Some((place, date, year, valid)) = place_date(piece) {
        return HeaderPiece::PlaceDate(place, date, year, valid);
    }
    if all_caps(piece) && piece.chars().count() <= 80 {
        return HeaderPiece::Agency;
    }
    HeaderPiece::Unknown
}

/// Whether every piece of `line` is something a header holds.
fn is_header_line(line: &Line) -> bool {
    if line.hint != Hint::None {
        return false;
    }
    if lines::heading_number(&line.text).is_some() || lines::bullet(&line.text).is_some() {
        return false;
    }
    line.text
        .split('\t')
        .filter(|p| !p.trim().is_empty())
        .all(|p| classify(p.trim()) != HeaderPiece::Unknown)
}

/// Reads one line of the header block into `rec`. `before_title`: an unknown piece
/// there is noted rather than kept.
fn header_line(line: &Line, rec: &mut Recognised, notes: &mut Vec<Note>, before_title: bool) {
    for piece in line
        .text
        .split('\t')
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        match classify(piece) {
            HeaderPiece::NationalTitle | HeaderPiece::Motto => notes.push(Note::new(
                line.no,
                NoteKind::Skipped,
                format!("“{piece}” do chương trình tự in ở đầu văn bản; bỏ qua."),
            )),
            HeaderPiece::DraftMark => notes.push(Note::new(
                line.no,
                NoteKind::Skipped,
                format!("dấu “{piece}” của bản dự thảo; bỏ qua (chương trình tự in dấu này trên bản dự thảo)."),
            )),
            HeaderPiece::Rule => notes.push(rule_note(line.no, piece)),
            HeaderPiece::Number(n, code) => {
                rec.number = n;
                let (kind, org) = code.split_once('-').unwrap_or(("", code.as_str()));
                if !org.trim().is_empty() {
                    rec.doc_code = Some(org.trim().to_owned());
                }
                if !kind.is_empty() && !kind.eq_ignore_ascii_case("BC") {
                    notes.push(Note::new(
                        line.no,
                        NoteKind::NotRecognised,
                        format!("số văn bản “{piece}” có loại “{kind}”, không phải báo cáo (BC); báo cáo sẽ mang số loại BC."),
                    ));
                }
            }
            HeaderPiece::PlaceDate(place, date, year, valid) => {
                if !place.is_empty() {
                    rec.place = Some(place);
                }
                rec.date = date;
                rec.year = year;
                if !valid {
                    notes.push(Note::new(
                        line.no,
                        NoteKind::NotRecognised,
                        format!("ngày trong “{piece}” không có thật; báo cáo để trống ngày."),
                    ));
                }
            }
            HeaderPiece::Agency => rec.organisation_lines.push(piece.to_owned()),
            HeaderPiece::Unknown => {
                let where_ = if before_title {
                    "ở phần đầu văn bản, trước “BÁO CÁO”"
                } else {
                    "ở phần đầu văn bản"
                };
                notes.push(Note::new(
                    line.no,
                    NoteKind::NotRecognised,
                    format!("“{piece}” {where_}, không nhận ra; chưa nhập."),
                ));
            }
        }
    }
}

/// `Số: 05/BC-UBND` → (Some(5), "BC-UBND"); `Số: /BC-UBND` → (None, "BC-UBND").
fn number_line(text: &str) -> Option<(Option<u32>, String)> {
    let f = fold_start(text, 4);
    if !f.starts_with("so") {
        return None;
    }
    let (_, rest) = text.split_once(':')?;
    let head: String = text.chars().take_while(|&c| c != ':').collect();
    if fold_start(&head, 10) != "so" {
        return None;
    }
    let (num, code) = rest.split_once('/')?;
    let num = num.trim();
    let n = if num.is_empty() {
        None
    } else {
        Some(num.parse::<u32>().ok()?)
    };
    Some((n, code.trim().to_owned()))
}

/// `Nam Thanh Miện, ngày 15 tháng 6 năm 2026` → place, date, year, and whether the
/// date written exists; day and month may be blank on a draft.
fn place_date(text: &str) -> Option<(String, Option<NaiveDate>, Option<i32>, bool)> {
    if text.chars().count() > 120 {
        return None;
    }
    let at = ["ngày", "Ngày", "NGÀY"]
        .iter()
        .filter_map(|w| text.find(w))
        .min()?;
    let place = text[..at].trim().trim_end_matches(',').trim().to_owned();
    let lower = text[at..].to_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    let month_at = words.iter().position(|w| *w == "tháng")?;
    let year_at = words.iter().position(|w| *w == "năm")?;
    if month_at >= year_at {
        return None;
    }
    let number = |ws: &[&str]| -> Option<u32> {
        let s: String = ws.concat();
        s.trim_end_matches([',', '.']).parse().ok()
    };
    let day = number(&words[1..month_at]);
    let month = number(&words[month_at + 1..year_at]);
    let year = number(&words[year_at + 1..]).and_then(|y| i32::try_from(y).ok())?;
    if !(1900..=2200).contains(&year) {
        return None;
    }
    let (date, valid) = match (day, month) {
        (Some(d), Some(m)) => match NaiveDate::from_ymd_opt(year, m, d) {
            Some(date) => (Some(date), true),
            None => (None, false),
        },
        _ => (None, true),
    };
    Some((place, date, Some(year), valid))
}
