//! A long report generated from the bundled sample: its report's sections repeated
//! after them (ids kept unique, the copies without a part of the skeleton). Shared by
//! `benches/ui.rs` (`BAOCAO_PAGES`) and `examples/make_long_report.rs`, which include
//! this file with `#[path]`.

use baocao::model::{Project, Section};
use baocao::render::{RenderKind, render};

fn rename(s: &mut Section, copy: usize) {
    s.id = format!("{}-{copy}", s.id);
    s.role = None;
    for c in &mut s.children {
        rename(c, copy);
    }
}

/// Pages of the draft of `p`'s first report (0 when it does not render).
pub fn pages(p: &Project) -> usize {
    p.reports.first().map_or(0, |r| {
        render(p, r, RenderKind::Draft).map_or(0, |r| r.pages.pages.len())
    })
}

/// `sample` with its first report's sections (`base`) there `copies` times in all.
pub fn with_copies(sample: &Project, base: &[Section], copies: usize) -> Project {
    let mut p = sample.clone();
    if let Some(r) = p.reports.first_mut() {
        for copy in 1..copies {
            r.sections.extend(base.iter().cloned().map(|mut s| {
                rename(&mut s, copy);
                s
            }));
        }
    }
    p
}
