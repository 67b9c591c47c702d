//! export (DOCX): the named styles and list numbering of the Word file. Every paragraph
//! of the document tree gets one of these styles; only where the tree says otherwise
//! does a paragraph carry direct formatting, so that a recipient who changes a style
//! (the body size, a heading) changes every paragraph of that kind.

use docx_rs::{
    AbstractNumbering, AlignmentType, IndentLevel, Level, LevelJc, LevelSuffixType, LevelText,
    LineSpacing, LineSpacingType, NumberFormat, Numbering, RunFonts, SpecialIndentType, Start,
    Style, StyleType,
};

use crate::compose::{Align, LIST_STEP_MM};
use crate::model::PageSetup;
use crate::units::Mm;

/// The font Decree 30 asks for; Word substitutes a metric-compatible one when missing.
pub(super) const FONT: &str = "Times New Roman";
/// Deepest heading level with its own style; deeper headings use the last one.
pub(super) const HEADING_LEVELS: u8 = 4;
/// List levels with their own style (the rich text's deepest level).
pub(super) const LIST_LEVELS: u8 = crate::model::rich::MAX_LEVEL;

/// The kinds of paragraph the Word file names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    /// Body text: justified, first-line indent, the page setup's spacing.
    Body,
    /// A section heading of this level (1 = `I.`).
    Heading(u8),
    /// A list item of this level (1 = first).
    List(u8),
    /// Centred lines of the header block, the title and the signature.
    Form,
    /// The recipients under `Nơi nhận:`.
    Recipients,
    /// Text in a table cell.
    TableText,
}

/// What a style sets, in the tree's units; a paragraph differing from its style in one
/// of these gets that one as direct formatting.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Profile {
    pub size_pt: f32,
    pub align: Align,
    pub first_line_pt: f32,
    pub space_after_pt: f32,
    pub line_spacing: f32,
    pub bold: bool,
}

impl Kind {
    /// The style id (ASCII, stable) used in the file.
    pub(super) fn id(self) -> String {
        match self {
            Kind::Body => "NoiDung".to_owned(),
            Kind::Heading(n) => format!("Heading{}", n.clamp(1, HEADING_LEVELS)),
            Kind::List(n) => format!("YLietKe{}", n.clamp(1, LIST_LEVELS)),
            Kind::Form => "TheThuc".to_owned(),
            Kind::Recipients => "NoiNhan".to_owned(),
            Kind::TableText => "ChuTrongBang".to_owned(),
        }
    }

    /// The name Word shows. Headings keep Word's own names (`heading 1`), which Word
    /// shows translated and uses for the navigation pane and tables of contents.
    fn name(self) -> String {
        match self {
            Kind::Body => "Nội dung báo cáo".to_owned(),
            Kind::Heading(n) => format!("heading {}", n.clamp(1, HEADING_LEVELS)),
            Kind::List(n) => format!("Ý liệt kê cấp {}", n.clamp(1, LIST_LEVELS)),
            Kind::Form => "Thể thức (tiêu đề, chữ ký)".to_owned(),
            Kind::Recipients => "Nơi nhận".to_owned(),
            Kind::TableText => "Chữ trong bảng".to_owned(),
        }
    }

    /// What the style sets.
    pub(super) fn profile(self, setup: &PageSetup) -> Profile {
        let body = Profile {
            size_pt: setup.body_size_pt,
            align: Align::Justify,
            first_line_pt: Mm(setup.first_line_indent_mm).to_pt().0,
            space_after_pt: setup.paragraph_spacing_pt,
            line_spacing: setup.line_spacing,
            bold: false,
        };
        let plain = Profile {
            first_line_pt: 0.0,
            space_after_pt: 0.0,
            line_spacing: 1.0,
            ..body
        };
        match self {
            Kind::Body => body,
            Kind::Heading(_) => Profile { bold: true, ..body },
            Kind::List(n) => Profile {
                first_line_pt: list_indent_pt(n, setup),
                ..body
            },
            Kind::Form => Profile {
                align: Align::Center,
                ..plain
            },
            Kind::Recipients => Profile {
                size_pt: 11.0,
                align: Align::Left,
                ..plain
            },
            Kind::TableText => Profile {
                size_pt: crate::compose::TABLE_PT,
                align: Align::Left,
                ..plain
            },
        }
    }

    /// The Word style.
    fn style(self, setup: &PageSetup) -> Style {
        let p = self.profile(setup);
        let mut s = Style::new(self.id(), StyleType::Paragraph)
            .name(self.name())
            .based_on("Normal")
            .q_format(true)
            .size(half_points(p.size_pt))
            .align(alignment(p.align))
            .line_spacing(spacing(p.space_after_pt, p.line_spacing));
        if p.first_line_pt > 0.0 {
            s = s.indent(
                Some(0),
                Some(SpecialIndentType::FirstLine(twips(p.first_line_pt))),
                None,
                None,
            );
        }
        if p.bold {
            s = s.bold();
        }
        if let Kind::Heading(n) = self {
            s = s.outline_lvl(usize::from(n.clamp(1, HEADING_LEVELS) - 1));
            s.paragraph_property = s.paragraph_property.keep_next(true).keep_lines(true);
        }
        if self == Kind::Body {
            s = s.next("NoiDung");
        }
        s
    }
}

/// Every style of the file, Normal first.
pub(super) fn styles(setup: &PageSetup) -> Vec<Style> {
    let normal = Style::new("Normal", StyleType::Paragraph)
        .name("Normal")
        .q_format(true)
        .fonts(fonts())
        .size(half_points(setup.body_size_pt));
    let mut out = vec![normal];
    let mut kinds = vec![Kind::Body];
    kinds.extend((1..=HEADING_LEVELS).map(Kind::Heading));
    kinds.extend((1..=LIST_LEVELS).map(Kind::List));
    kinds.extend([Kind::Form, Kind::Recipients, Kind::TableText]);
    out.extend(kinds.into_iter().map(|k| k.style(setup)));
    out
}

/// Times New Roman for every script.
pub(super) fn fonts() -> RunFonts {
    RunFonts::new()
        .ascii(FONT)
        .hi_ansi(FONT)
        .cs(FONT)
        .east_asia(FONT)
}

/// The first-line indent of a list item of `level` (as the PDF prints it).
pub(super) fn list_indent_pt(level: u8, setup: &PageSetup) -> f32 {
    Mm(setup.first_line_indent_mm).to_pt().0
        + f32::from(level.saturating_sub(1)) * Mm(LIST_STEP_MM).to_pt().0
}

/// One Word list per marker as written (`-`, `+`, `•`, `a)`, `1.`): its levels print
/// that marker and a space at each level's indent. The marker is kept as written
/// rather than generated: Word's letter sequence has f, j, w, z and lacks đ, unlike the
/// Vietnamese points `a)`, `b)`, … `đ)` the clerk typed.
pub(super) fn numbering(
    id: usize,
    marker: &str,
    setup: &PageSetup,
) -> (AbstractNumbering, Numbering) {
    let mut abs = AbstractNumbering::new(id);
    for level in 0..9u8 {
        let lvl = Level::new(
            usize::from(level),
            Start::new(1),
            NumberFormat::new("bullet"),
            LevelText::new(marker),
            LevelJc::new("left"),
        )
        .suffix(LevelSuffixType::Space)
        .indent(
            Some(0),
            Some(SpecialIndentType::FirstLine(twips(list_indent_pt(
                level + 1,
                setup,
            )))),
            None,
            None,
        );
        abs = abs.add_level(lvl);
    }
    (abs, Numbering::new(id, id))
}

/// The `w:numPr` level of a list item of `level` (1-based in the tree).
pub(super) fn indent_level(level: u8) -> IndentLevel {
    IndentLevel::new(usize::from(level.clamp(1, 9) - 1))
}

/// Word's alignment for the tree's.
pub(super) fn alignment(a: Align) -> AlignmentType {
    match a {
        Align::Left => AlignmentType::Left,
        Align::Center => AlignmentType::Center,
        Align::Right => AlignmentType::Right,
        Align::Justify => AlignmentType::Both,
    }
}

/// Space after (pt) and line spacing (multiple of single).
pub(super) fn spacing(after_pt: f32, line: f32) -> LineSpacing {
    LineSpacing::new()
        .before(0)
        .after(twips(after_pt).max(0) as u32)
        .line((240.0 * line).round() as i32)
        .line_rule(LineSpacingType::Auto)
}

/// Points → twentieths of a point.
pub(super) fn twips(pt: f32) -> i32 {
    (pt * 20.0).round() as i32
}

/// Points → half points (Word's text size unit).
pub(super) fn half_points(pt: f32) -> usize {
    (pt * 2.0).round().max(1.0) as usize
}
