//! Shows the page preview of the bundled sample in a window, to look at it as a clerk
//! would, or measures what painting it costs per frame:
//!
//! ```text
//! cargo run --example preview_demo [-- --zoom 1.0] [--page 3] [--focus section:ID] [--flag WORD]
//! cargo run --release --example preview_demo -- --measure
//! ```
//!
//! A click on the page prints the part of the report it belongs to.

use std::time::{Duration, Instant};

use baocao::compose::{ComposeOptions, SourceRef, compose};
use baocao::layout::{Fonts, Pages, layout};
use baocao::ui::fonts::install_fonts;
use baocao::ui::preview::{PreviewState, show_preview};
use eframe::egui;

struct Args {
    zoom: Option<f32>,
    page: Option<usize>,
    focus: Option<SourceRef>,
    /// Marks the text runs containing this word as "to fix", to look at flagged text.
    flag: Option<String>,
    measure: bool,
}

fn args() -> Result<Args, String> {
    let mut out = Args {
        zoom: None,
        page: None,
        focus: None,
        flag: None,
        measure: false,
    };
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        let mut value = || it.next().ok_or(format!("{a} needs a value"));
        match a.as_str() {
            "--zoom" => out.zoom = Some(value()?.parse().map_err(|e| format!("{e}"))?),
            "--page" => out.page = Some(value()?.parse().map_err(|e| format!("{e}"))?),
            "--focus" => out.focus = Some(SourceRef::section(&value()?)),
            "--flag" => out.flag = Some(value()?),
            "--measure" => out.measure = true,
            other => return Err(format!("unknown argument {other}")),
        }
    }
    Ok(out)
}

fn sample_pages() -> Result<Pages, Box<dyn std::error::Error>> {
    let path = std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/assets/mau-binh-minh-hai.ron"
    ));
    let project = baocao::storage::load(path)?;
    let report = project.reports.first().ok_or("the sample has no report")?;
    let doc = compose(&project, report, ComposeOptions::default());
    let fonts = Fonts::bundled().ok_or("bundled fonts are damaged")?;
    Ok(layout(&doc, fonts))
}

struct Demo {
    pages: Pages,
    state: PreviewState,
    focus: Option<SourceRef>,
    page: Option<usize>,
}

impl eframe::App for Demo {
    /// Every run starts at the top, whatever the last one scrolled to.
    fn persist_egui_memory(&self) -> bool {
        false
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        if let Some(page) = self.page.take() {
            self.state.go_to_page(page.saturating_sub(1));
        }
        egui::CentralPanel::default().show(ui, |ui| {
            let clicked = show_preview(
                ui,
                &self.pages,
                &Default::default(),
                &mut self.state,
                self.focus.as_ref(),
            );
            if let Some(source) = clicked {
                println!("clicked: {source:?}");
                self.focus = Some(source);
            }
        });
    }
}

/// Runs the preview headlessly and prints the time of the ui pass and of tessellation.
fn measure(pages: &Pages, zoom: Option<f32>) {
    let ctx = egui::Context::default();
    install_fonts(&ctx);
    let mut state = PreviewState::default();
    if let Some(z) = zoom {
        state.set_zoom(z);
    }
    let input = || egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(900.0, 1000.0),
        )),
        ..Default::default()
    };
    let frames = 200;
    let (mut ui_time, mut tess_time) = (Duration::ZERO, Duration::ZERO);
    let mut prims = 0;
    for frame in 0..frames + 5 {
        let t = Instant::now();
        let mut out = ctx.run_ui(input(), |ui| {
            egui::CentralPanel::default().show(ui, |ui| {
                show_preview(ui, pages, &Default::default(), &mut state, None);
            });
        });
        let t_ui = t.elapsed();
        let t = Instant::now();
        let p = ctx.tessellate(std::mem::take(&mut out.shapes), out.pixels_per_point);
        // No renderer here: the font atlas updates are dropped on purpose.
        out.textures_delta.clear();
        let t_tess = t.elapsed();
        // The first frames rasterise the glyphs; measure the steady state.
        if frame >= 5 {
            ui_time += t_ui;
            tess_time += t_tess;
            prims = p.len();
        }
    }
    let ms = |d: Duration| d.as_secs_f64() * 1000.0 / f64::from(frames);
    println!(
        "{} pages, zoom {:.0}%: ui pass {:.2} ms, tessellation {:.2} ms per frame ({} primitives)",
        pages.pages.len(),
        state.zoom * 100.0,
        ms(ui_time),
        ms(tess_time),
        prims
    );
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args = args()?;
    let mut pages = sample_pages()?;
    if let Some(word) = &args.flag {
        for item in pages.pages.iter_mut().flat_map(|p| p.items.iter_mut()) {
            if let baocao::layout::Item::Text(t) = item {
                t.flagged |= t.text.contains(word.as_str());
            }
        }
    }
    if args.measure {
        measure(&pages, args.zoom);
        return Ok(());
    }
    let mut state = PreviewState::default();
    if let Some(z) = args.zoom {
        state.set_zoom(z);
    }
    let demo = Demo {
        pages,
        state,
        focus: args.focus,
        page: args.page,
    };
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("baocao — xem trước trang in")
            .with_inner_size([1366.0, 768.0]),
        persist_window: false,
        ..eframe::NativeOptions::default()
    };
    eframe::run_native(
        "baocao-preview-demo",
        options,
        Box::new(move |cc| {
            install_fonts(&cc.egui_ctx);
            Ok(Box::new(demo))
        }),
    )?;
    Ok(())
}
