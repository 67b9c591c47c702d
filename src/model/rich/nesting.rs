//! model, rich text: the one rule that gives a list item its level from its
//! indentation and the markers above it. The section text parser (`model::rich::parse`)
//! and the text importer (`import::text`) both ask it, so a list typed in the editor
//! nests exactly as the same list pasted from Word.
//!
//! The rule: an item indented deeper than the item above is one level below it; an
//! item indented less goes back to the item above it at that indentation. At the same
//! indentation a `+` item after a `-` (or `*`, `•`, `1.`, `a)`) item opens a deeper
//! level, as Vietnamese documents write a dash's sub-points; a `-` item after `+` items
//! goes back to the level of the dash items above; items of the same kind are siblings.

use super::MAX_LEVEL;

/// How a list marker nests.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MarkerClass {
    /// `-`, `•`, `*`, `1.`, `a)`: the first level of a list, or a sibling.
    Major,
    /// `+` (and the bullets Word pastes for it, `◦`, `o`): one level below the item
    /// of another kind it follows.
    Minor,
}

impl MarkerClass {
    /// The class of a marker as the section text writes it.
    pub fn of(marker: &str) -> Self {
        if marker == "+" {
            Self::Minor
        } else {
            Self::Major
        }
    }
}

/// Why the level given is not the one the indentation asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Adjusted {
    /// Indented two or more levels deeper than the item above: printed one deeper.
    Jumped {
        /// Levels the indentation asked for below the item above.
        by: usize,
    },
    /// Deeper than [`MAX_LEVEL`]: printed at that level.
    TooDeep,
}

/// An open list item: where it was indented, how it nests, its level.
#[derive(Clone, Copy, Debug)]
struct Frame {
    indent: usize,
    class: MarkerClass,
    level: u8,
}

/// The open items of the current list, outermost first.
#[derive(Clone, Debug)]
pub struct Nesting {
    stack: Vec<Frame>,
    /// Columns of indentation that make one level.
    columns_per_level: usize,
    /// Whether a list's first item may start one level in, as indented.
    indented_start: bool,
}

impl Default for Nesting {
    fn default() -> Self {
        Self::section_text()
    }
}

impl Nesting {
    /// For the section text: two columns a level (`  + ý cấp 2`, a tab is two), and a
    /// list may start one level in when its first item is indented.
    pub fn section_text() -> Self {
        Self {
            stack: Vec::new(),
            columns_per_level: 2,
            indented_start: true,
        }
    }

    /// For pasted text: a tab (four columns) a level, and a list always starts at
    /// level 1, since the page's own indentation is not known.
    pub fn pasted() -> Self {
        Self {
            stack: Vec::new(),
            columns_per_level: 4,
            indented_start: false,
        }
    }

    /// Ends the list (a paragraph, a lead line or a table comes between).
    pub fn close(&mut self) {
        self.stack.clear();
    }

    /// The level of the innermost open item; 0 outside a list.
    pub fn innermost(&self) -> u8 {
        self.stack.last().map_or(0, |f| f.level)
    }

    /// An item whose level the document gives (a Word list level): the items at its
    /// level and below it end, and it is open for the items after it.
    pub fn given(&mut self, indent: usize, class: MarkerClass, level: u8) {
        while self.stack.last().is_some_and(|f| f.level >= level) {
            self.stack.pop();
        }
        self.stack.push(Frame {
            indent,
            class,
            level,
        });
    }

    /// The level (1..=[`MAX_LEVEL`]) of an item indented `indent` columns with a
    /// marker of `class`, and why it differs from what was written, if it does.
    pub fn level(&mut self, indent: usize, class: MarkerClass) -> (u8, Option<Adjusted>) {
        let mut adjusted = None;
        let wanted = loop {
            let Some(top) = self.stack.last().copied() else {
                // A list's first item: its indentation says its level, at most one
                // below the paragraph it follows.
                if !self.indented_start {
                    break 1;
                }
                let written = indent / self.columns_per_level + 1;
                if written > 2 {
                    adjusted = Some(Adjusted::Jumped { by: written - 1 });
                }
                break written.min(2);
            };
            if top.indent > indent {
                self.stack.pop();
                continue;
            }
            if top.indent < indent {
                let by = (indent - top.indent) / self.columns_per_level;
                if by >= 2 {
                    adjusted = Some(Adjusted::Jumped { by });
                }
                break usize::from(top.level) + 1;
            }
            if top.class == class {
                self.stack.pop();
                break usize::from(top.level);
            }
            if top.class == MarkerClass::Major {
                break usize::from(top.level) + 1;
            }
            // A major item after minor ones: back to the major items' level.
            self.stack.pop();
        };
        let level = if wanted > usize::from(MAX_LEVEL) {
            adjusted = Some(Adjusted::TooDeep);
            MAX_LEVEL
        } else {
            u8::try_from(wanted).unwrap_or(MAX_LEVEL)
        };
        self.stack.push(Frame {
            indent,
            class,
            level,
        });
        (level, adjusted)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn levels(items: &[(usize, &str)]) -> Vec<u8> {
        let mut n = Nesting::default();
        items
            .iter()
            .map(|&(indent, m)| n.level(indent, MarkerClass::of(m)).0)
            .collect()
    }

    #[test]
    fn a_plus_typed_after_a_dash_at_the_same_indentation_is_one_level_deeper() {
        assert_eq!(
            levels(&[(0, "-"), (0, "+"), (0, "+"), (0, "-")]),
            [1, 2, 2, 1]
        );
    }

    #[test]
    fn explicit_indentation_decides_whatever_the_markers() {
        let got = levels(&[(0, "-"), (2, "+"), (4, "•"), (2, "a)"), (2, "-"), (0, "1.")]);
        assert_eq!(got, [1, 2, 3, 2, 2, 1]);
    }

    #[test]
    fn numbers_letters_and_dashes_at_one_indentation_are_siblings() {
        assert_eq!(
            levels(&[(0, "1."), (0, "-"), (0, "a)"), (0, "*")]),
            [1, 1, 1, 1]
        );
    }

    #[test]
    fn indentation_under_a_nested_plus_goes_below_it() {
        assert_eq!(levels(&[(0, "-"), (0, "+"), (2, "•")]), [1, 2, 3]);
    }

    #[test]
    fn jumps_and_depth_are_capped_and_said() {
        let mut n = Nesting::default();
        assert_eq!(n.level(0, MarkerClass::Major), (1, None));
        assert_eq!(
            n.level(6, MarkerClass::Minor),
            (2, Some(Adjusted::Jumped { by: 3 }))
        );
        let mut deep = Nesting::default();
        let got: Vec<u8> = (0..6)
            .map(|i| deep.level(i * 2, MarkerClass::Major).0)
            .collect();
        assert_eq!(got, [1, 2, 3, 4, 4, 4]);
        let mut closed = Nesting::default();
        closed.level(0, MarkerClass::Major);
        closed.close();
        assert_eq!(closed.level(0, MarkerClass::Minor), (1, None));
    }
}
