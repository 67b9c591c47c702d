//! print: the system's printers. CUPS (Linux, macOS) and the Windows spooler are read
//! through the `printers` crate; a job goes to CUPS with its copies and sides as job
//! options, and on Windows to the PDF program's print-to verb (the spooler alone would
//! send the PDF's bytes to the printer raw).

use std::path::Path;

use super::{PrintError, PrintJob};

/// A printer the system knows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PrinterInfo {
    /// The name jobs are sent to (CUPS queue, Windows printer name).
    pub name: String,
    /// What the system calls it for people (may be empty).
    pub description: String,
    /// The system's default printer.
    pub is_default: bool,
}

/// The printers of this computer, the default first, then by name.
pub fn system_printers() -> Vec<PrinterInfo> {
    let mut list: Vec<PrinterInfo> = printers::get_printers()
        .into_iter()
        .map(|p| PrinterInfo {
            description: if p.description.is_empty() || p.description == p.system_name {
                String::new()
            } else {
                p.description.clone()
            },
            name: p.system_name,
            is_default: p.is_default,
        })
        .collect();
    list.sort_by(|a, b| b.is_default.cmp(&a.is_default).then(a.name.cmp(&b.name)));
    list
}

/// Sends the PDF at `pdf` to the job's printer, with its copies and sides.
pub fn submit(pdf: &Path, job: &PrintJob) -> Result<(), PrintError> {
    let refused = || PrintError::Refused {
        printer: job.printer.clone(),
        path: pdf.to_owned(),
    };
    if cfg!(windows) {
        return submit_windows(pdf, job).map_err(|()| refused());
    }
    let printer = printers::get_printer_by_name(&job.printer).ok_or_else(|| {
        let names: Vec<String> = system_printers().into_iter().map(|p| p.name).collect();
        if names.is_empty() {
            PrintError::NoPrinter
        } else {
            PrintError::UnknownPrinter(job.printer.clone(), names.join(", "))
        }
    })?;
    let copies = job.copies.to_string();
    let sides = if job.two_sided {
        "two-sided-long-edge"
    } else {
        "one-sided"
    };
    let properties = [("copies", copies.as_str()), ("sides", sides)];
    let path = pdf.to_str().ok_or_else(refused)?;
    printer
        .print_file(
            path,
            printers::common::base::job::PrinterJobOptions {
                name: Some(&job.title),
                raw_properties: &properties,
                converter: printers::common::converters::Converter::None,
            },
        )
        .map(|_| ())
        .map_err(|_| refused())
}

/// Windows: the registered PDF program prints the file to the named printer, once per
/// copy; sides follow the printer's own settings.
fn submit_windows(pdf: &Path, job: &PrintJob) -> Result<(), ()> {
    let quote = |s: &str| s.replace('\'', "''");
    let script = format!(
        "Start-Process -FilePath '{}' -Verb PrintTo -ArgumentList '\"{}\"' -WindowStyle Hidden",
        quote(&pdf.to_string_lossy()),
        quote(&job.printer)
    );
    for _ in 0..job.copies {
        let ok = std::process::Command::new("powershell")
            .args(["-NoProfile", "-NonInteractive", "-Command", &script])
            .status()
            .is_ok_and(|s| s.success());
        if !ok {
            return Err(());
        }
    }
    Ok(())
}
