//! import, text: the section tree. Numbered lines become headings when they read as
//! headings and their number continues the numbering around them (`I.` → `1.` →
//! `2.1.` → `a)`); every other line goes to the text of the section it is in.

use super::body::{Writer, cell_count};
use super::lines::{self, Class, Hint, Item, Line, Number, Numbered, heading_like, sentence_case};
use super::{Note, NoteKind};
use crate::model::{ChildNumbering, Section};

/// Rank of a kind of heading: a heading closes every open heading of its rank or a
/// deeper one, and belongs to the nearest open heading of a smaller rank.
fn rank(n: &Number) -> usize {
    match n {
        Number::Roman(_) => 0,
        Number::Arabic(_) => 1,
        Number::Decimal(p) if p.len() == 2 => 2,
        Number::Decimal(_) => 3,
        Number::Letter(_) => 4,
    }
}

/// The last part of a heading number (`3` for `2.3.`, `0` for `a)`).
fn own_number(n: &Number) -> u32 {
    match n {
        Number::Roman(v) | Number::Arabic(v) => *v,
        Number::Decimal(p) => p.last().copied().unwrap_or(0),
        Number::Letter(i) => u32::try_from(*i).unwrap_or(u32::MAX),
    }
}

/// The number as the clerk reads it in a note.
fn label(n: &Number, value: u32) -> String {
    match n {
        Number::Roman(_) => crate::vi::roman(value),
        Number::Letter(_) => format!(
            "{})",
            crate::vi::point_letter(usize::try_from(value).unwrap_or(0))
        ),
        _ => value.to_string(),
    }
}

/// A section being read.
#[derive(Debug, Default)]
struct Node {
    title: String,
    text: String,
    children: Vec<usize>,
    letters: bool,
    /// The last part of the number of the last child heading of each rank.
    last_child: [Option<u32>; 5],
    /// The last part of its own number as written.
    number: u32,
}

/// An open heading: the node and its rank.
#[derive(Clone, Copy, Debug)]
struct OpenHeading {
    node: usize,
    rank: usize,
}

/// Where an accepted heading goes and which number was expected there.
struct Place {
    parent: Option<usize>,
    expected: u32,
}

/// The sections read so far.
#[derive(Default)]
struct Tree {
    nodes: Vec<Node>,
    top: Vec<usize>,
    root_last: [Option<u32>; 5],
    open: Vec<OpenHeading>,
}

impl Tree {
    fn last_child(&self, parent: Option<usize>) -> &[Option<u32>; 5] {
        match parent {
            Some(p) => &self.nodes[p].last_child,
            None => &self.root_last,
        }
    }

    /// Whether `numbered` (with `title`) is a heading here, and where it goes; the
    /// error says why a line that reads like a heading is kept as text.
    fn place(&self, numbered: &Numbered<'_>, title: &str) -> Result<Place, Option<String>> {
        let r = rank(&numbered.number);
        let parent = self.open.iter().rev().find(|o| o.rank < r).copied();
        let last = self.last_child(parent.map(|o| o.node))[r];
        let expected = match (&numbered.number, last) {
            (Number::Letter(_), None) => 0,
            (_, None) => 1,
            (_, Some(n)) => n + 1,
        };
        let n = own_number(&numbered.number);
        let written = numbered.written;
        let untitled = title.trim().is_empty();
        let looks = untitled || heading_like(title, &numbered.number);
        if !looks {
            return Err(None);
        }
        let shown = crate::vi::shorten(&format!("{written} {title}"), 60);
        let fits = n == expected || (!untitled && (n == expected + 1 || Some(n) == last));
        match &numbered.number {
            Number::Roman(_) => {
                return Ok(Place {
                    parent: None,
                    expected,
                });
            }
            Number::Letter(_) if parent.is_none() => {
                return Err(Some(format!(
                    "“{shown}” trông như một điểm nhưng không nằm trong mục nào; giữ làm ý liệt kê."
                )));
            }
            Number::Decimal(parts) => {
                let above = parts.get(parts.len().saturating_sub(2)).copied();
                let parent_ok = parent
                    .is_some_and(|o| o.rank + 1 == r && Some(self.nodes[o.node].number) == above);
                if !parent_ok {
                    return Err(Some(format!(
                        "“{shown}” trông như đề mục nhưng không có mục “{}.” ngay trên nó; giữ làm đoạn văn.",
                        parts[..parts.len() - 1]
                            .iter()
                            .map(u32::to_string)
                            .collect::<Vec<_>>()
                            .join(".")
                    )));
                }
            }
            _ => {}
        }
        if let Some(p) = parent {
            let node = &self.nodes[p.node];
            let letter = r == 4;
            if !node.children.is_empty() && node.letters != letter {
                return Err(Some(format!(
                    "“{shown}” trông như đề mục nhưng mục trên nó đã có các mục con đánh số kiểu khác; giữ làm ý liệt kê."
                )));
            }
        }
        if !fits {
            return Err(Some(format!(
                "“{shown}” trông như đề mục nhưng số {} không nối tiếp mục trước (chờ {}); giữ làm ý liệt kê.",
                label(&numbered.number, n),
                label(&numbered.number, expected)
            )));
        }
        Ok(Place {
            parent: parent.map(|o| o.node),
            expected,
        })
    }

    /// Adds an accepted heading and opens it.
    fn add(&mut self, numbered: &Numbered<'_>, title: &str, place: &Place) -> usize {
        let r = rank(&numbered.number);
        while self.open.last().is_some_and(|o| o.rank >= r) {
            self.open.pop();
        }
        let number = own_number(&numbered.number);
        let title = title.replace('\t', " ");
        let title = title.trim();
        let title = match place.parent {
            None => sentence_case(title),
            Some(_) => title.to_owned(),
        };
        let id = self.nodes.len();
        self.nodes.push(Node {
            title,
            number,
            ..Node::default()
        });
        let last = match place.parent {
            Some(p) => {
                self.nodes[p].children.push(id);
                self.nodes[p].letters = r == 4;
                &mut self.nodes[p].last_child
            }
            None => {
                self.top.push(id);
                &mut self.root_last
            }
        };
        last[r] = Some(number);
        self.open.push(OpenHeading { node: id, rank: r });
        id
    }

    /// Adds a heading the document marks as one (a Word heading style of `level`),
    /// numbered after its siblings; `letter`: the heading is numbered `a)`.
    fn force(&mut self, level: u8, letter: bool, title: &str) {
        let r = match level {
            0 | 1 => 0,
            2 => 1,
            _ if letter => 4,
            3 => 2,
            _ => 3,
        };
        let parent = self.open.iter().rev().find(|o| o.rank < r).map(|o| o.node);
        let n = self.last_child(parent)[r].map_or(u32::from(!letter), |n| n + 1);
        let number = match r {
            0 => Number::Roman(n),
            1 => Number::Arabic(n),
            2 => Number::Decimal(vec![1, n]),
            3 => Number::Decimal(vec![1, 1, n]),
            _ => Number::Letter(usize::try_from(n).unwrap_or(0)),
        };
        let numbered = Numbered {
            number,
            written: "",
            text: title,
        };
        let place = Place {
            parent,
            expected: n,
        };
        self.add(&numbered, title, &place);
    }

    /// Stores the text written since the last heading.
    fn store(&mut self, text: String, opening: &mut String) {
        match self.open.last() {
            Some(o) => self.nodes[o.node].text = text,
            None if opening.is_empty() => *opening = text,
            None => {
                opening.push('\n');
                opening.push_str(&text);
            }
        }
    }

    fn build(&self, node: usize, id: String) -> Section {
        let n = &self.nodes[node];
        let children = n
            .children
            .iter()
            .enumerate()
            .map(|(k, &c)| self.build(c, format!("{id}-{}", k + 1)))
            .collect();
        Section {
            id,
            role: None,
            title: n.title.clone(),
            body: n.text.clone(),
            generated: None,
            numbering: if n.letters {
                ChildNumbering::Letters
            } else {
                ChildNumbering::Auto
            },
            children,
            new_page: false,
            indicator_table: Default::default(),
        }
    }
}

/// The title of a heading: the text after its number, or the next line when the
/// number stands alone and the next line reads like a heading. Returns the title and
/// how many lines after `i` it used.
fn heading_title<'a>(lines: &'a [Line], i: usize, numbered: &Numbered<'a>) -> (&'a str, usize) {
    if !numbered.text.trim().is_empty() {
        return (numbered.text, 0);
    }
    let next = (i + 1..lines.len().min(i + 3)).find(|&j| !lines[j].is_blank());
    if let Some(j) = next {
        let t = lines[j].text.as_str();
        if lines::bullet(t).is_none()
            && lines::heading_number(t).is_none()
            && heading_like(t, &numbered.number)
        {
            return (t, j - i);
        }
    }
    ("", 0)
}

/// A numbered line that is not a heading: a list item with its number as the marker
/// (`1.`, `a)`) when the section text format reads it so, else a paragraph.
fn numbered_line(writer: &mut Writer, line: &Line, numbered: &Numbered<'_>, notes: &mut Vec<Note>) {
    let listed = matches!(numbered.number, Number::Arabic(_) | Number::Letter(_))
        && !numbered.text.trim().is_empty()
        && numbered.written.ends_with(['.', ')']);
    if listed {
        let item = Item {
            marker: numbered.written.to_owned(),
            class: Class::Major,
            doubled: false,
            text: numbered.text,
        };
        writer.item(line, &item, notes);
    } else {
        writer.paragraph(line, notes);
    }
}

/// The opening text and the section tree of `lines` (the part between the header and
/// the closing sentence).
pub(crate) fn read(lines: &[Line], notes: &mut Vec<Note>) -> (String, Vec<Section>) {
    let base_indent = lines
        .iter()
        .filter(|l| !l.is_blank())
        .map(|l| l.indent)
        .min()
        .unwrap_or(0);
    // A document's lines are its real paragraphs: its tables come as tables, and a
    // tab inside a paragraph is layout, not a column.
    let counts: Vec<usize> = lines
        .iter()
        .map(|l| if l.spans.is_some() { 0 } else { cell_count(l) })
        .collect();
    let mut tree = Tree::default();
    let mut opening = String::new();
    let mut writer = Writer::new(base_indent);
    // First line and count of `- + …` lines, and of `- - …` lines.
    let mut doubled: Option<(usize, usize)> = None;
    let mut doubled_dash: Option<(usize, usize)> = None;

    let mut i = 0;
    while i < lines.len() {
        let line = &lines[i];
        if line.is_blank() {
            i += 1;
            continue;
        }
        match &line.hint {
            Hint::None => {}
            Hint::Table(table) => {
                writer.raw_table(table);
                i += 1;
                continue;
            }
            Hint::Item { level, marker } => {
                writer.hinted_item(line, *level, marker, notes);
                i += 1;
                continue;
            }
            Hint::Heading(level) => {
                let (title, letter) = match lines::heading_number(&line.text) {
                    Some(n) if !n.text.trim().is_empty() => {
                        (n.text, matches!(n.number, Number::Letter(_)))
                    }
                    _ => (line.text.as_str(), false),
                };
                let text = std::mem::replace(&mut writer, Writer::new(base_indent)).finish();
                tree.store(text, &mut opening);
                tree.force(*level, letter, title);
                i += 1;
                continue;
            }
        }
        // A table: two or more lines in a row with the same number of cells.
        let k = counts[i];
        if k >= 2 && counts.get(i + 1) == Some(&k) {
            let end = (i..lines.len())
                .find(|&j| counts[j] != k)
                .unwrap_or(lines.len());
            writer.table(&lines[i..end]);
            i = end;
            continue;
        }
        if let Some(item) = lines::bullet(&line.text) {
            if item.doubled {
                let seen = if item.class == Class::Minor {
                    &mut doubled
                } else {
                    &mut doubled_dash
                };
                seen.get_or_insert((line.no, 0)).1 += 1;
            }
            writer.item(line, &item, notes);
            i += 1;
            continue;
        }
        if let Some(numbered) = lines::heading_number(&line.text) {
            let (title, used) = heading_title(lines, i, &numbered);
            match tree.place(&numbered, title) {
                Ok(place) => {
                    let text = std::mem::replace(&mut writer, Writer::new(base_indent)).finish();
                    tree.store(text, &mut opening);
                    tree.add(&numbered, title, &place);
                    heading_notes(
                        line,
                        lines.get(i + used),
                        &numbered,
                        title,
                        used,
                        &place,
                        notes,
                    );
                    i += used + 1;
                }
                Err(why) => {
                    if let Some(why) = why {
                        notes.push(Note::new(line.no, NoteKind::NotRecognised, why));
                    }
                    numbered_line(&mut writer, line, &numbered, notes);
                    i += 1;
                }
            }
            continue;
        }
        let lone =
            line.text.chars().count() == 1 && lines::bullet(&format!("{} X", line.text)).is_some();
        if lone {
            writer.lone_marker(line, notes);
        } else {
            writer.paragraph(line, notes);
        }
        i += 1;
    }
    tree.store(writer.finish(), &mut opening);
    if let Some((first, count)) = doubled {
        notes.push(Note::new(
            first,
            NoteKind::Changed,
            format!(
                "có {count} dòng mang hai dấu đầu dòng (như “- + …”, dấu “-” do Word thêm); mỗi dòng là một ý với dấu thứ hai, lùi vào một cấp so với ý “-” ở trên."
            ),
        ));
    }
    if let Some((first, count)) = doubled_dash {
        notes.push(Note::new(
            first,
            NoteKind::Changed,
            format!("có {count} dòng mang hai dấu “-” liền nhau; mỗi dòng giữ một dấu “-”."),
        ));
    }
    let sections = tree
        .top
        .iter()
        .enumerate()
        .map(|(k, &n)| tree.build(n, format!("s{}", k + 1)))
        .collect();
    (opening, sections)
}

/// What the clerk should know about a heading just added: no title, a title taken
/// from the next line, a number out of sequence.
fn heading_notes(
    line: &Line,
    title_line: Option<&Line>,
    numbered: &Numbered<'_>,
    title: &str,
    used: usize,
    place: &Place,
    notes: &mut Vec<Note>,
) {
    let written = numbered.written;
    if title.trim().is_empty() {
        notes.push(Note::new(
            line.no,
            NoteKind::NotRecognised,
            format!(
                "đề mục “{written}” không có tên; đã tạo mục chưa có tên, hãy đặt tên cho mục này."
            ),
        ));
    } else if used > 0 {
        let at = title_line.map_or(line.no + used, |l| l.no);
        notes.push(Note::new(
            line.no,
            NoteKind::Changed,
            format!("đề mục “{written}” có tên ở dòng {at}; đã ghép lại thành một đề mục."),
        ));
    }
    let n = own_number(&numbered.number);
    if n != place.expected {
        notes.push(Note::new(
            line.no,
            NoteKind::Changed,
            format!(
                "đề mục “{written}” không nối tiếp số của mục trước (chờ {}); số mục do chương trình tự đánh lại.",
                label(&numbered.number, place.expected)
            ),
        ));
    }
}
