//! Citations of other documents in a report's text (`Kế hoạch số 18/KH-UBND ngày
//! 23/01/2026`): read in one pass over a paragraph and checked against the report's
//! date and the project's own plan. Part of proofing (`check/proof.rs` re-exports
//! them); pure.

/// A document cited in the text: `Kế hoạch số 18/KH-UBND ngày 23/01/2026`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Citation {
    /// `Kế hoạch`, `Quyết định`, …
    pub kind: String,
    pub number: String,
    /// `KH-UBND`, `NQ/TW`.
    pub code: String,
    /// The date as written, and as read when it is a real date.
    pub date_text: Option<String>,
    pub date: Option<chrono::NaiveDate>,
}

const DOCUMENT_KINDS: [&str; 9] = [
    "Kế hoạch",
    "Quyết định",
    "Công văn",
    "Báo cáo",
    "Nghị quyết",
    "Thông báo",
    "Chỉ thị",
    "Kết luận",
    "Hướng dẫn",
];

/// ` số ` (as the bytes of a text), where every citation's number follows its kind.
static NUMBER_WORD: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
    std::sync::LazyLock::new(|| memchr::memmem::Finder::new(" số "));

/// The documents cited in `text`, kind by kind in the order of [`DOCUMENT_KINDS`],
/// each kind's in the order they are written.
pub fn citations(text: &str) -> Vec<Citation> {
    let mut out = Vec::new();
    // (kind, byte after it): every ` số ` of the text, with the kind written just
    // before it; no kind ends another.
    let mut found: Vec<(usize, usize)> = NUMBER_WORD
        .find_iter(text.as_bytes())
        .filter_map(|end| {
            let before = text.get(..end)?;
            let k = DOCUMENT_KINDS.iter().position(|k| before.ends_with(k))?;
            Some((k, end))
        })
        .collect();
    found.sort_unstable();
    for (k, end) in found {
        let (Some(&kind), Some(after)) = (DOCUMENT_KINDS.get(k), text.get(end..)) else {
            continue;
        };
        let Some(after) = after.strip_prefix(" số ") else {
            continue;
        };
        let token: String = after
            .chars()
            .take_while(|c| c.is_alphanumeric() || matches!(c, '/' | '-' | '.'))
            .collect();
        let token = token.trim_end_matches('.');
        let Some((number, code)) = token.split_once('/') else {
            continue;
        };
        let tail = &after[token.len()..];
        let (date_text, date) = match tail.strip_prefix(" ngày ") {
            Some(d) => {
                let dt: String = d
                    .chars()
                    .take_while(|c| c.is_ascii_digit() || *c == '/')
                    .collect();
                let mut parts = dt.split('/');
                let date = match (parts.next(), parts.next(), parts.next()) {
                    (Some(d), Some(m), Some(y)) => match (d.parse(), m.parse(), y.parse()) {
                        (Ok(d), Ok(m), Ok(y)) => chrono::NaiveDate::from_ymd_opt(y, m, d),
                        _ => None,
                    },
                    _ => None,
                };
                (Some(dt), date)
            }
            None => (None, None),
        };
        out.push(Citation {
            kind: kind.to_owned(),
            number: number.to_owned(),
            code: code.to_owned(),
            date_text,
            date,
        });
    }
    out
}

/// A document number: digits (`18`), or a Party document's digits and type (`57-NQ`).
fn party_or_state_number(n: &str) -> bool {
    let (digits, kind) = n.split_once('-').unwrap_or((n, ""));
    !digits.is_empty()
        && digits.chars().all(|c| c.is_ascii_digit())
        && kind.chars().all(|c| c.is_uppercase())
}

/// What is wrong with the citations of `text` in a report dated at the latest `by`,
/// for a project whose plan is cited as `plan_reference`: (paragraph, message).
pub fn citation_problems(
    text: &str,
    by: Option<chrono::NaiveDate>,
    plan_reference: &str,
) -> Vec<(usize, String)> {
    let plan = citations(plan_reference).into_iter().next();
    let mut out = Vec::new();
    for (p, line) in text.lines().filter(|l| !l.trim().is_empty()).enumerate() {
        for c in citations(line) {
            let cited = format!("{} số {}/{}", c.kind, c.number, c.code);
            let code_ok = !c.code.is_empty()
                && c.code.chars().all(|ch| {
                    ch.is_uppercase() || ch.is_ascii_digit() || matches!(ch, '-' | '/' | 'Đ')
                })
                && party_or_state_number(&c.number);
            if !code_ok {
                out.push((
                    p,
                    format!(
                        "đoạn {}: “{cited}”: số và ký hiệu văn bản viết như 18/KH-UBND (số, dấu /, ký hiệu viết hoa)",
                        p + 1
                    ),
                ));
            }
            match (&c.date_text, c.date) {
                (Some(t), None) => out.push((
                    p,
                    format!("đoạn {}: ngày “{t}” của {cited} không có thật", p + 1),
                )),
                (Some(t), Some(d)) if by.is_some_and(|b| d > b) => out.push((
                    p,
                    format!("đoạn {}: {cited} ngày {t} muộn hơn ngày của báo cáo", p + 1),
                )),
                _ => {}
            }
            // The project's own plan cited with its number but another date, or with
            // its date but another number: a slip of the pen (other plans share codes).
            if let Some(plan) = &plan
                && plan.kind == c.kind
                && plan.code == c.code
                && c.date.is_some()
                && plan.date.is_some()
                && ((plan.number == c.number) != (plan.date == c.date))
            {
                out.push((
                    p,
                    format!(
                        "đoạn {}: “{cited}{}” khác kế hoạch của dự án ({plan_reference})",
                        p + 1,
                        c.date_text
                            .as_ref()
                            .map(|t| format!(" ngày {t}"))
                            .unwrap_or_default()
                    ),
                ));
            }
        }
    }
    out
}
