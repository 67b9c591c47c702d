//! The document tree: what `compose` produces and `layout` reads. It says *what* is on
//! the paper (paragraphs with styles, tables, two-column blocks, rules) and leaves every
//! line break, page break and position to the layout engine.
//!
//! Sizes are in points (`_pt`), the page format comes from [`PageSetup`] (millimetres).

use super::AppendixKind;
use crate::model::PageSetup;
use crate::units::Mm;

/// A whole document ready for layout.
#[derive(Clone, Debug, PartialEq)]
pub struct Document {
    pub meta: Meta,
    pub setup: PageSetup,
    /// Draw the `DỰ THẢO` marking (composed into the header by `compose`); kept here
    /// so that export can record it in the metadata.
    pub draft: bool,
    /// The report body, then each appendix; every part starts on a new page and numbers
    /// its pages from 1, the number not shown on its first page.
    pub parts: Vec<Part>,
}

/// PDF metadata.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Meta {
    pub title: String,
    pub author: String,
    pub subject: String,
    pub keywords: String,
    /// BCP 47 language tag, `vi`.
    pub language: String,
    /// The fields of Decree 30, Appendix VI that the report knows (the final PDF's XMP).
    pub record: DocRecord,
}

/// An electronic document's metadata as Decree 30, Appendix VI names it, as far as the
/// report knows it; empty strings for what it does not know yet.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DocRecord {
    /// CodeNumber: the number (`05`); empty before issuance.
    pub code_number: String,
    /// CodeNotation: the type and organisation code (`BC-UBND`).
    pub code_notation: String,
    /// IssuedDate; `None` before issuance.
    pub issued_date: Option<chrono::NaiveDate>,
    /// OrganName: the issuing organisation.
    pub organ_name: String,
    /// Subject: the trích yếu.
    pub subject: String,
    /// SignerInfo: position.
    pub signer_position: String,
    /// SignerInfo: full name.
    pub signer_name: String,
    /// To: the recipients (`Kính gửi`, then `Nơi nhận`).
    pub to: Vec<String>,
}

/// A run of pages numbered on its own (the report, or one appendix).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Part {
    pub blocks: Vec<Block>,
    /// Printed on A4 turned sideways, the margins kept (the decree lets a wide
    /// appendix table be printed so).
    pub landscape: bool,
}

/// One block of the flow.
#[derive(Clone, Debug, PartialEq)]
pub enum Block {
    Paragraph(Paragraph),
    /// A label followed by items, each on its own line, the items aligned under the
    /// first one (`Kính gửi: - …;` / `- ….`); the block is centred on the text width.
    LabelList(LabelList),
    Table(Table),
    /// Side-by-side columns that are never split across pages (header, signature).
    Columns(Columns),
    /// Vertical space; dropped at the top of a page.
    Spacer {
        height_pt: f32,
    },
}

/// A piece of text in one style.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Run {
    pub text: String,
    pub bold: bool,
    pub italic: bool,
    /// Underlined (Decree 30 uses it sparingly; the clerk may).
    pub underline: bool,
    /// Marks text the clerk must fix (an unresolved placeholder): the preview shows it
    /// in colour; the PDF prints it as it is.
    pub flagged: bool,
}

impl Run {
    pub fn plain(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            ..Self::default()
        }
    }
    pub fn bold(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            bold: true,
            ..Self::default()
        }
    }
    pub fn italic(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            italic: true,
            ..Self::default()
        }
    }
    pub fn bold_italic(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            bold: true,
            italic: true,
            ..Self::default()
        }
    }
}

/// Horizontal alignment of the lines of a paragraph.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Align {
    Left,
    Center,
    Right,
    /// Both margins; the last line of the paragraph is left-aligned.
    #[default]
    Justify,
}

/// A solid rule under a paragraph, centred under its lines, 0.5 pt thick.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Rule {
    /// As long as the paragraph's widest line (the rule under the motto).
    LineWidth,
    /// This fraction of the widest line (1/3–1/2 under the agency and the summary).
    Fraction(f32),
}

/// Where a piece of the document came from, so that a click in the preview can open
/// the step that edits it, and review comments can point at it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SourceRef {
    /// Made by the program itself (table rows, spacing), not by one part of the report.
    #[default]
    None,
    /// The header block: organisation, number, national name, motto, place and date.
    Header,
    /// The title (BÁO CÁO) and the summary line under it.
    Info,
    /// The opening paragraphs before the first section.
    Opening,
    /// A section's heading, text and generated table, by section id.
    Section(String),
    /// The closing sentence.
    Closing,
    /// The signature block and the recipients.
    Signature,
    /// A generated appendix.
    Appendix(AppendixKind),
    /// The heading of the review copy's comments part.
    ReviewHeading,
    /// One comment in the review copy's comments part, by comment id.
    Comment(String),
}

impl SourceRef {
    /// The source of a section's heading and text.
    pub fn section(id: &str) -> Self {
        Self::Section(id.to_owned())
    }

    /// The section id of a section's source.
    pub fn section_id(&self) -> Option<&str> {
        match self {
            Self::Section(id) => Some(id),
            _ => None,
        }
    }
}

/// A paragraph: runs of text laid out in lines.
#[derive(Clone, Debug, PartialEq)]
pub struct Paragraph {
    pub runs: Vec<Run>,
    pub size_pt: f32,
    pub align: Align,
    pub first_line_indent_pt: f32,
    /// Space between the left edge of the text area (or column) and every line of the
    /// paragraph (replies under a comment in the review copy); usually 0.
    pub left_indent_pt: f32,
    pub space_before_pt: f32,
    pub space_after_pt: f32,
    /// Multiple of single line spacing (1.0–1.5).
    pub line_spacing: f32,
    /// Keep the last line of this paragraph on the page of the next block's first line
    /// (headings, the closing sentence before the signature).
    pub keep_with_next: bool,
    /// Never split this paragraph across pages (headings).
    pub keep_together: bool,
    /// Start a new page with this paragraph (a section that asks to).
    pub page_break_before: bool,
    pub rule_below: Option<Rule>,
    /// Draw a thin box around the text (the `DỰ THẢO` marking).
    pub frame: bool,
    pub source: SourceRef,
    /// Position of this paragraph among the paragraphs typed in its source, from 0 (the
    /// n-th non-empty line of a section's text), so that a review comment anchored to a
    /// paragraph can be found on the pages. `None` for headings and generated text.
    pub index_in_source: Option<usize>,
    /// A list item of a section's text: its level and marker, which the runs also
    /// carry as text (layout prints the runs; the DOCX writer makes Word numbering).
    pub list: Option<ListItem>,
    /// A section heading: 1 for `I.`, 2 for `1.`, 3 for `2.1.` or `a)` and so on.
    pub heading_level: Option<u8>,
    /// The space above this paragraph holds the signature image and the seal (the
    /// signer's name in a sign-ready version with images): layout places them there.
    pub images_above: bool,
}

/// What a list item is, for outputs that number lists themselves (Word).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ListItem {
    /// 1 for the first level.
    pub level: u8,
    /// The marker as written (`-`, `+`, `•`, `a)`, `1.`).
    pub marker: String,
}

impl Paragraph {
    /// A body paragraph with the page setup's size, indent and spacing.
    pub fn body(runs: Vec<Run>, setup: &PageSetup) -> Self {
        Self {
            align: Align::Justify,
            first_line_indent_pt: Mm(setup.first_line_indent_mm).to_pt().0,
            space_after_pt: setup.paragraph_spacing_pt,
            line_spacing: setup.line_spacing,
            ..Self::centered(runs, setup.body_size_pt)
        }
    }

    /// A single centred line or block of lines with no indent and no spacing.
    pub fn centered(runs: Vec<Run>, size_pt: f32) -> Self {
        Self {
            runs,
            size_pt,
            align: Align::Center,
            first_line_indent_pt: 0.0,
            left_indent_pt: 0.0,
            space_before_pt: 0.0,
            space_after_pt: 0.0,
            line_spacing: 1.0,
            keep_with_next: false,
            keep_together: false,
            page_break_before: false,
            rule_below: None,
            frame: false,
            source: SourceRef::default(),
            index_in_source: None,
            list: None,
            heading_level: None,
            images_above: false,
        }
    }

    /// The paragraph's text without styles.
    pub fn text(&self) -> String {
        self.runs.iter().map(|r| r.text.as_str()).collect()
    }
}

/// A label with items aligned under each other (`Kính gửi:`).
#[derive(Clone, Debug, PartialEq)]
pub struct LabelList {
    pub label: Vec<Run>,
    pub items: Vec<Vec<Run>>,
    pub size_pt: f32,
    pub space_after_pt: f32,
    pub source: SourceRef,
}

/// A table laid out on the text width.
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    pub columns: Vec<TableColumn>,
    pub rows: Vec<TableRow>,
    /// Text size of the cells (12–13 pt); the header row is bold at the same size.
    pub size_pt: f32,
    pub space_after_pt: f32,
    pub source: SourceRef,
}

/// A column: its header text, its share of the text width and how cells align.
#[derive(Clone, Debug, PartialEq)]
pub struct TableColumn {
    pub header: String,
    /// Relative width; the layout scales all weights to the text width.
    pub weight: f32,
    pub align: Align,
}

/// A body row of a table.
#[derive(Clone, Debug, PartialEq)]
pub enum TableRow {
    /// One cell per column; a cell's runs may contain `\n` for forced line breaks.
    Cells(Vec<Vec<Run>>),
    /// A group heading spanning all columns (`I. Về chuyển đổi số`), bold.
    Group(Vec<Run>),
}

/// Side-by-side columns of paragraphs.
#[derive(Clone, Debug, PartialEq)]
pub struct Columns {
    pub columns: Vec<Column>,
    pub align: ColumnsAlign,
    pub space_before_pt: f32,
    pub space_after_pt: f32,
    pub source: SourceRef,
}

/// One column of a [`Columns`] block.
#[derive(Clone, Debug, PartialEq)]
pub struct Column {
    /// Share of the text width, 0–1; the shares of a block add up to 1.
    pub width_frac: f32,
    pub paragraphs: Vec<Paragraph>,
}

/// How the columns of a block line up vertically.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ColumnsAlign {
    /// Each column starts at the top of the block.
    #[default]
    Top,
    /// The first lines of the columns share a baseline (`Nơi nhận:` level with
    /// the authority line).
    FirstBaseline,
    /// The last paragraphs of the columns share a baseline (`Số: …` level with the
    /// place and date line); the other lines stack from the top.
    LastBaseline,
}
