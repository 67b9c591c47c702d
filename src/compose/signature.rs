//! The closing sentence, then the signature block beside `Nơi nhận` (boxes 7 and 9b).

use super::header::strip_end;
use super::{Block, ColumnsAlign, Ctx, Paragraph, Run, SourceRef};
use crate::compose::Align;
use crate::units::Mm;

const RECIPIENTS_TITLE_PT: f32 = 12.0;
const RECIPIENTS_PT: f32 = 11.0;
const SIGNER_PT: f32 = 14.0;
/// Space left for the signature and the seal.
const SIGNATURE_SPACE_MM: f32 = 28.0;

/// The closing paragraph (kept with the signature) and the signature block.
pub(super) fn closing_and_signature(ctx: &Ctx) -> Vec<Block> {
    let mut out = Vec::new();
    let closing_source = SourceRef::Closing;
    let mut closing = super::sections::text_paragraphs(ctx, &ctx.report.closing, &closing_source);
    if let Some(Block::Paragraph(last)) = closing.last_mut() {
        last.keep_with_next = true;
    }
    out.append(&mut closing);
    out.push(signature_block(ctx));
    out
}

fn plain_line(runs: Vec<Run>, size_pt: f32, align: Align) -> Paragraph {
    let mut p = Paragraph::centered(runs, size_pt);
    p.align = align;
    p.source = SourceRef::Signature;
    p
}

fn signature_block(ctx: &Ctx) -> Block {
    let org = ctx.org.as_ref();
    let report = ctx.report;

    let mut left = vec![plain_line(
        vec![Run::bold_italic("Nơi nhận:")],
        RECIPIENTS_TITLE_PT,
        Align::Left,
    )];
    for r in report.distribution.iter().filter(|r| !r.trim().is_empty()) {
        left.push(plain_line(
            vec![Run::plain(format!("- {};", strip_end(r)))],
            RECIPIENTS_PT,
            Align::Left,
        ));
    }
    let archive = if org.archive.trim().is_empty() {
        "VT".to_owned()
    } else {
        strip_end(&org.archive).to_owned()
    };
    left.push(plain_line(
        vec![Run::plain(format!("- Lưu: {archive}."))],
        RECIPIENTS_PT,
        Align::Left,
    ));

    let mut right = Vec::new();
    let signer = org.signer(&report.signer);
    if let Some(s) = signer {
        for a in s.authority.iter().filter(|a| !a.trim().is_empty()) {
            right.push(plain_line(
                vec![Run::bold(a.trim().to_uppercase())],
                SIGNER_PT,
                Align::Center,
            ));
        }
        if !s.position.trim().is_empty() {
            right.push(plain_line(
                vec![Run::bold(s.position.trim().to_uppercase())],
                SIGNER_PT,
                Align::Center,
            ));
        }
    }
    if right.is_empty() {
        right.push(plain_line(
            vec![Run::bold("TM. ỦY BAN NHÂN DÂN")],
            SIGNER_PT,
            Align::Center,
        ));
    }
    let name = signer
        .map(|s| s.full_name.trim().to_owned())
        .unwrap_or_default();
    let mut name_line = plain_line(vec![Run::bold(name)], SIGNER_PT, Align::Center);
    name_line.space_before_pt = Mm(SIGNATURE_SPACE_MM).to_pt().0;
    // Decree 30, Appendix I part II: the images stand between the position and the
    // name, on the version to be signed only.
    name_line.images_above = ctx.final_version && !ctx.project.signing.is_unset();
    right.push(name_line);

    super::two_columns(
        left,
        right,
        ColumnsAlign::FirstBaseline,
        12.0,
        0.0,
        SourceRef::Signature,
    )
}
