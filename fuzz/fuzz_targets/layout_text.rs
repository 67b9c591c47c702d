//! Any text as the body of the sample report's first section: rendering the draft and
//! writing its PDF never panic. The first byte chooses how the text arrives: bit 0
//! clear, cleaned as everything typed or loaded is (`vi::nfc`); set, raw.
#![no_main]

mod common;

use baocao::export::{PdfOptions, write_pdf};
use baocao::render::{RenderKind, render};
use chrono::NaiveDate;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if data.len() > 4096 {
        return;
    }
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let raw = String::from_utf8_lossy(rest);
    let text = if mode & 1 == 0 {
        baocao::vi::nfc(&raw)
    } else {
        raw.into_owned()
    };
    let project = common::sample();
    let Some(report) = project.reports.first() else {
        return;
    };
    let mut report = report.clone();
    let Some(section) = report.sections.first_mut() else {
        return;
    };
    section.body = text;
    match render(project, &report, RenderKind::Draft) {
        Ok(rendered) => {
            let date = NaiveDate::from_ymd_opt(2026, 7, 1)
                .and_then(|d| d.and_hms_opt(8, 0, 0))
                .unwrap_or_default();
            if let Err(e) = write_pdf(&rendered, &PdfOptions::new(date)) {
                let _ = e.to_string();
            }
        }
        Err(e) => {
            let _ = e.to_string();
        }
    }
});
