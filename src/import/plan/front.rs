//! import, plan: the plan's own details: its number (`Số: 97/KH-UBND`), date, issuer
//! and title, from the report recogniser's reading of the header and signature, and
//! the reference the project keeps (`Kế hoạch số 97/KH-UBND ngày 28/02/2026`).

use chrono::{Datelike, NaiveDate};

use super::source::Row;
use crate::import::text::Recognised;
use crate::model::{Organisation, Signer};
use crate::vi::fold;

/// What the plan says about itself.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Head {
    /// The number (`97`); `None` while blank (a draft).
    pub number: Option<String>,
    /// The code after the number (`KH-UBND`).
    pub code: String,
    pub date: Option<NaiveDate>,
    pub year: Option<i32>,
    /// Place of the date line (`Hà Bắc`).
    pub place: String,
    /// `xã`, `phường` or `thị trấn`, as the text names the commune.
    pub unit: String,
    /// Issuing body, one entry per printed line (`ỦY BAN NHÂN DÂN`, `XÃ HÀ BẮC`).
    pub issuing_body: Vec<String>,
    /// The body above it (`UBND THÀNH PHỐ HẢI PHÒNG`), when the header names one.
    pub parent_body: String,
    /// `Ủy ban nhân dân xã Hà Bắc`.
    pub issuer: String,
    /// `Kế hoạch thực hiện Nghị quyết số 57-NQ/TW … năm 2026`.
    pub title: String,
    /// `Kế hoạch số 97/KH-UBND ngày 28/02/2026`.
    pub reference: String,
    /// Title `KẾ HOẠCH` or a `KH` number.
    pub is_plan: bool,
    /// Names Resolution 57-NQ/TW.
    pub resolution57: bool,
    pub signer: Option<Signer>,
    /// `Nơi nhận` entries and the archive line.
    pub distribution: Vec<String>,
    pub archive: String,
}

/// Whether a title is `KẾ HOẠCH`.
pub fn is_plan_title(title: &str) -> bool {
    let f = fold(title);
    f == "ke hoach" || f.starts_with("ke hoach ")
}

/// `PHỤ LỤC`, `Phụ lục số 02 …` alone on a line.
pub fn is_appendix_title(row: &Row) -> bool {
    !row.tabular && fold(&row.cells.join(" ")).starts_with("phu luc")
}

/// (number, code) of a `Số: 97/KH-UBND` line: `(Some("97"), "KH-UBND")`.
fn number_line(line: &str) -> Option<(Option<String>, String)> {
    let line = line.trim();
    let (head, rest) = line.split_once(':')?;
    if fold(head) != "so" {
        return None;
    }
    let (num, code) = rest.split_once('/')?;
    let num = num.trim();
    let number = (!num.is_empty() && num.chars().all(|c| c.is_ascii_digit() || c == '.'))
        .then(|| num.to_owned());
    let code = code.split_whitespace().next().unwrap_or("").to_owned();
    (!code.is_empty()).then_some((number, code))
}

/// The plan's details from its rows and the recogniser's reading.
pub fn read(rows: &[Row], rec: &Recognised) -> Head {
    let number = rows
        .iter()
        .take(40)
        .flat_map(|r| r.cells.iter())
        .flat_map(|c| c.lines())
        .find_map(number_line);
    let (number, code) = number.unwrap_or_default();
    let all: String = rows
        .iter()
        .map(|r| r.cells.join(" "))
        .collect::<Vec<_>>()
        .join("\n");
    let folded = fold(&all);
    let place = rec.place.clone().unwrap_or_default();
    let unit = unit_of(&folded, &place);
    let year = rec.year.or(rec.date.map(|d| d.year())).or_else(|| {
        // `… năm 2026` in the summary.
        rec.summary
            .split_whitespace()
            .rev()
            .find_map(|w| {
                w.trim_matches(|c: char| !c.is_ascii_digit())
                    .parse::<i32>()
                    .ok()
            })
            .filter(|y| (2000..=2100).contains(y))
    });
    let (parent_body, issuing_body) = bodies(rec, &unit, &place);
    let issuer = if place.is_empty() {
        String::new()
    } else {
        format!("Ủy ban nhân dân {unit} {place}")
    };
    let title_word = rec.title.clone().unwrap_or_default();
    let is_plan = is_plan_title(&title_word) || code.to_uppercase().starts_with("KH");
    let summary = rec.summary.trim();
    let title = if summary.is_empty() {
        "Kế hoạch".to_owned()
    } else {
        format!("Kế hoạch {}", lower_first_word(summary))
    };
    let kind = if code.is_empty() {
        "KH-UBND"
    } else {
        code.as_str()
    };
    let mut reference = format!("Kế hoạch số {}/{kind}", number.as_deref().unwrap_or("…"));
    if let Some(d) = rec.date {
        reference.push_str(&format!(" ngày {}", crate::vi::date_short(d)));
    }
    Head {
        number,
        code,
        date: rec.date,
        year,
        place,
        unit,
        issuing_body,
        parent_body,
        issuer,
        title,
        reference,
        is_plan,
        resolution57: folded.contains("57 nq tw"),
        signer: signer(&rec.signer_lines),
        distribution: rec.distribution.clone(),
        archive: rec.archive.clone().unwrap_or_default(),
    }
}

/// `xã`, `phường` or `thị trấn`: whichever the text puts before the place name most.
fn unit_of(folded: &str, place: &str) -> String {
    let p = fold(place);
    if p.is_empty() {
        return "xã".to_owned();
    }
    let count = |w: &&str| folded.matches(&format!("{w} {p}")).count();
    [("phuong", "phường"), ("thi tran", "thị trấn"), ("xa", "xã")]
        .into_iter()
        .max_by_key(|(w, _)| count(w))
        .filter(|(w, _)| count(w) > 0)
        .map_or("xã", |(_, u)| u)
        .to_owned()
}

/// (parent body, issuing body lines) from the header block, or made from the place.
fn bodies(rec: &Recognised, unit: &str, place: &str) -> (String, Vec<String>) {
    let lines: Vec<String> = rec
        .organisation_lines
        .iter()
        .map(|l| l.trim().to_owned())
        .filter(|l| !l.is_empty())
        .collect();
    let is_parent = |l: &str| {
        let f = fold(l);
        (f.starts_with("ubnd ") || f.starts_with("uy ban nhan dan "))
            && (f.contains("thanh pho") || f.contains("tinh") || f.contains("huyen"))
    };
    let (parent, own): (Vec<String>, Vec<String>) = lines.into_iter().partition(|l| is_parent(l));
    let own = if own.is_empty() && !place.is_empty() {
        vec![
            "ỦY BAN NHÂN DÂN".to_owned(),
            format!("{} {}", unit.to_uppercase(), place.to_uppercase()),
        ]
    } else {
        own
    };
    (parent.join(" "), own)
}

/// The signer from the signature block lines (authority lines, position, name).
fn signer(lines: &[String]) -> Option<Signer> {
    let lines: Vec<&str> = lines
        .iter()
        .map(|l| l.trim())
        .filter(|l| !l.is_empty())
        .collect();
    let (name, rest) = lines.split_last()?;
    let (position, authority) = rest.split_last()?;
    Some(Signer {
        id: "NK01".to_owned(),
        authority: authority.iter().map(|s| (*s).to_owned()).collect(),
        position: (*position).to_owned(),
        full_name: (*name).to_owned(),
    })
}

/// `Thực hiện Nghị quyết …` → `thực hiện Nghị quyết …`; a name stays as written.
fn lower_first_word(text: &str) -> String {
    let first = text.split_whitespace().next().unwrap_or("");
    let common = [
        "thực", "triển", "về", "phát", "ứng", "chuyển", "đẩy", "tổ", "nâng",
    ];
    if common.contains(&first.to_lowercase().as_str()) {
        let mut chars = text.chars();
        chars
            .next()
            .map(|c| c.to_lowercase().chain(chars).collect())
            .unwrap_or_default()
    } else {
        text.to_owned()
    }
}

/// The organisation of a new project from the plan's details.
pub fn organisation(head: &Head) -> Organisation {
    let doc_code = head
        .code
        .split_once('-')
        .map_or("UBND", |(_, org)| org)
        .to_owned();
    Organisation {
        parent_body: head.parent_body.clone(),
        issuing_body: head.issuing_body.clone(),
        full_name: head.issuer.clone(),
        short_name: if head.place.is_empty() {
            String::new()
        } else {
            format!("UBND {} {}", head.unit, head.place)
        },
        doc_code,
        place: head.place.clone(),
        offices: Vec::new(),
        signers: head.signer.iter().cloned().collect(),
        default_recipients: Vec::new(),
        archive: head.archive.clone(),
    }
}
