//! print: the page range a clerk types ("1-3, 7") read against the document's pages.

/// Why a typed page range cannot be used, in Vietnamese.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PageRangeError {
    #[error(
        "Không hiểu trang “{0}”. Ghi số trang hoặc khoảng trang, cách nhau bởi dấu phẩy, ví dụ “1-3, 7”."
    )]
    NotUnderstood(String),
    #[error("Trang {page} không có: báo cáo có {count} trang.")]
    OutOfRange { page: usize, count: usize },
    #[error("Khoảng trang “{0}” ngược: số đầu phải nhỏ hơn số cuối.")]
    Backwards(String),
}

/// The pages (1-based, in the order typed, each once) that `text` asks for in a
/// document of `count` pages; empty (every page) when `text` is blank. Accepts `,` or
/// `;` between parts, `-` or `–` in ranges, and an open end (`5-` to the last page).
pub fn parse_pages(text: &str, count: usize) -> Result<Vec<usize>, PageRangeError> {
    let mut pages = Vec::new();
    for part in text.split([',', ';']).map(str::trim) {
        if part.is_empty() {
            continue;
        }
        let number = |s: &str| -> Result<usize, PageRangeError> {
            let s = s.trim();
            let n: usize = s
                .parse()
                .map_err(|_| PageRangeError::NotUnderstood(part.to_owned()))?;
            if n == 0 || n > count {
                return Err(PageRangeError::OutOfRange { page: n, count });
            }
            Ok(n)
        };
        let (first, last) = match part.split_once(['-', '–']) {
            Some((a, b)) => {
                let last = if b.trim().is_empty() {
                    count
                } else {
                    number(b)?
                };
                (number(a)?, last)
            }
            None => {
                let n = number(part)?;
                (n, n)
            }
        };
        if first > last {
            return Err(PageRangeError::Backwards(part.to_owned()));
        }
        for n in first..=last {
            if !pages.contains(&n) {
                pages.push(n);
            }
        }
    }
    Ok(pages)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_and_single_pages_are_read_in_order_once_each() {
        assert_eq!(parse_pages("1-3, 7", 8).unwrap(), vec![1, 2, 3, 7]);
        assert_eq!(parse_pages(" 2 – 3 ;2", 4).unwrap(), vec![2, 3]);
        assert_eq!(parse_pages("5-", 6).unwrap(), vec![5, 6]);
        assert_eq!(parse_pages("  ", 6).unwrap(), Vec::<usize>::new());
    }

    #[test]
    fn wrong_ranges_say_what_is_wrong_in_vietnamese() {
        assert_eq!(
            parse_pages("9", 4),
            Err(PageRangeError::OutOfRange { page: 9, count: 4 })
        );
        assert_eq!(
            parse_pages("0", 4),
            Err(PageRangeError::OutOfRange { page: 0, count: 4 })
        );
        assert_eq!(
            parse_pages("3-1", 4),
            Err(PageRangeError::Backwards("3-1".into()))
        );
        let e = parse_pages("hai", 4).unwrap_err().to_string();
        assert!(e.contains("“hai”") && e.contains("1-3, 7"), "{e}");
        assert!(parse_pages("1-2-3", 4).is_err());
        assert!(parse_pages("99999999999999999999999", 4).is_err());
    }
}
