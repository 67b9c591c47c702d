//! print: the Windows spooler. The printers come from EnumPrintersW and
//! GetDefaultPrinterW; a job is the selected pages drawn with GDI onto the printer's
//! device context (`super::windows_draw`), with the copies and sides set in the
//! printer's own settings (DEVMODE), so that no PDF program is needed and every failed
//! step is known and said.

use windows_sys::Win32::Foundation::GetLastError;
use windows_sys::Win32::Graphics::Gdi::{
    CreateDCW, DEVMODEW, DM_COLLATE, DM_COPIES, DM_DUPLEX, DM_IN_BUFFER, DM_OUT_BUFFER,
    DM_PAPERSIZE, DMCOLLATE_TRUE, DMDUP_SIMPLEX, DMDUP_VERTICAL, DeleteDC, GetDeviceCaps, HDC,
    LOGPIXELSX, LOGPIXELSY, PHYSICALOFFSETX, PHYSICALOFFSETY,
};
use windows_sys::Win32::Graphics::Printing::{
    ClosePrinter, DocumentPropertiesW, EnumPrintersW, GetDefaultPrinterW, OpenPrinterW,
    PRINTER_ENUM_CONNECTIONS, PRINTER_ENUM_LOCAL, PRINTER_HANDLE, PRINTER_INFO_4W,
};
use windows_sys::Win32::Storage::Xps::{AbortDoc, DOCINFOW, EndDoc, EndPage, StartDocW, StartPage};

use super::plan::{self, Device, Faces};
use super::system::PrinterInfo;
use super::windows_draw::{Canvas, MemoryFonts};
use super::{PrintError, PrintJob};
use crate::layout::Pages;

/// `text` as a NUL-terminated UTF-16 string.
fn wide(text: &str) -> Vec<u16> {
    text.encode_utf16().chain(std::iter::once(0)).collect()
}

/// A NUL-terminated UTF-16 string read from the system; empty for NULL.
///
/// # Safety
/// `p` is NULL or points to a NUL-terminated UTF-16 string.
unsafe fn from_wide(p: *const u16) -> String {
    if p.is_null() {
        return String::new();
    }
    let mut len = 0;
    // SAFETY: the string ends with a NUL (the caller's promise).
    while unsafe { *p.add(len) } != 0 {
        len += 1;
    }
    // SAFETY: `len` units were just read.
    String::from_utf16_lossy(unsafe { std::slice::from_raw_parts(p, len) })
}

/// "mã lỗi N" for the thread's last Windows error.
fn last_error() -> String {
    // SAFETY: no preconditions.
    let code = unsafe { GetLastError() };
    format!("mã lỗi {code}")
}

/// The printers the spooler knows, local and connected; the default marked.
pub fn printers() -> Result<Vec<PrinterInfo>, PrintError> {
    let flags = PRINTER_ENUM_LOCAL | PRINTER_ENUM_CONNECTIONS;
    let mut needed = 0u32;
    let mut count = 0u32;
    // SAFETY: a first call with no buffer asks for the size needed.
    unsafe {
        EnumPrintersW(
            flags,
            std::ptr::null(),
            4,
            std::ptr::null_mut(),
            0,
            &mut needed,
            &mut count,
        )
    };
    let mut list = Vec::new();
    if needed > 0 {
        // u64 cells keep the PRINTER_INFO_4W records aligned.
        let mut buf = vec![0u64; (needed as usize).div_ceil(8)];
        // SAFETY: `buf` holds at least `needed` bytes.
        let ok = unsafe {
            EnumPrintersW(
                flags,
                std::ptr::null(),
                4,
                buf.as_mut_ptr().cast(),
                needed,
                &mut needed,
                &mut count,
            )
        };
        if ok == 0 {
            return Err(PrintError::NotSent {
                printer: String::new(),
                reason: format!("không đọc được danh sách máy in ({})", last_error()),
            });
        }
        // SAFETY: the spooler wrote `count` records at the start of `buf`, whose
        // strings point further into `buf`.
        let infos = unsafe {
            std::slice::from_raw_parts(buf.as_ptr().cast::<PRINTER_INFO_4W>(), count as usize)
        };
        for info in infos {
            // SAFETY: see above.
            let name = unsafe { from_wide(info.pPrinterName) };
            if !name.is_empty() {
                list.push(PrinterInfo {
                    name,
                    description: String::new(),
                    is_default: false,
                });
            }
        }
    }
    let default = default_printer();
    for p in &mut list {
        p.is_default = default.as_deref() == Some(p.name.as_str());
    }
    Ok(list)
}

/// The user's default printer, if one is set.
fn default_printer() -> Option<String> {
    let mut len = 0u32;
    // SAFETY: a first call with no buffer asks for the length, NUL included.
    unsafe { GetDefaultPrinterW(std::ptr::null_mut(), &mut len) };
    if len == 0 {
        return None;
    }
    let mut buf = vec![0u16; len as usize + 1];
    // SAFETY: `buf` holds `len` units.
    let ok = unsafe { GetDefaultPrinterW(buf.as_mut_ptr(), &mut len) };
    // SAFETY: on success the name is NUL-terminated inside `buf`.
    (ok != 0).then(|| unsafe { from_wide(buf.as_ptr()) })
}

/// An open printer, closed when dropped.
struct Printer(PRINTER_HANDLE);

impl Drop for Printer {
    fn drop(&mut self) {
        // SAFETY: the handle OpenPrinterW gave, closed once.
        unsafe { ClosePrinter(self.0) };
    }
}

/// A printer's device context, deleted when dropped.
struct Dc(HDC);

impl Drop for Dc {
    fn drop(&mut self) {
        // SAFETY: the context CreateDCW gave, deleted once.
        unsafe { DeleteDC(self.0) };
    }
}

/// The printer's own settings with the job's paper, copies and sides merged in by its
/// driver, as DEVMODE bytes (the driver's private part follows the public one); and
/// the copies the driver kept.
fn settings(name: &[u16], job: &PrintJob, pages: &Pages) -> Result<(Vec<u64>, u32), String> {
    let mut handle = PRINTER_HANDLE::default();
    // SAFETY: `name` is NUL-terminated; `handle` receives the printer's handle.
    if unsafe { OpenPrinterW(name.as_ptr(), &mut handle, std::ptr::null()) } == 0 {
        return Err(format!("máy in không mở được ({})", last_error()));
    }
    let printer = Printer(handle);
    // SAFETY: with no buffers and mode 0 the call returns the DEVMODE's full size.
    let size = unsafe {
        DocumentPropertiesW(
            std::ptr::null_mut(),
            printer.0,
            name.as_ptr(),
            std::ptr::null_mut(),
            std::ptr::null(),
            0,
        )
    };
    let size = usize::try_from(size)
        .ok()
        .filter(|s| *s >= std::mem::size_of::<DEVMODEW>())
        .ok_or_else(|| format!("không đọc được cài đặt của máy in ({})", last_error()))?;
    let mut buf = vec![0u64; size.div_ceil(8)];
    let dm = buf.as_mut_ptr().cast::<DEVMODEW>();
    // SAFETY: `buf` holds `size` bytes, aligned for DEVMODEW.
    if unsafe {
        DocumentPropertiesW(
            std::ptr::null_mut(),
            printer.0,
            name.as_ptr(),
            dm,
            std::ptr::null(),
            DM_OUT_BUFFER,
        )
    } < 0
    {
        return Err(format!(
            "không đọc được cài đặt của máy in ({})",
            last_error()
        ));
    }
    // SAFETY: `dm` now holds the driver's DEVMODE; only public fields are changed.
    unsafe {
        let d = &mut *dm;
        d.dmFields |= DM_COPIES | DM_COLLATE | DM_DUPLEX;
        d.Anonymous1.Anonymous1.dmCopies = i16::try_from(job.copies).unwrap_or(1);
        d.dmCollate = DMCOLLATE_TRUE;
        d.dmDuplex = if job.two_sided {
            DMDUP_VERTICAL
        } else {
            DMDUP_SIMPLEX
        };
        if let Some(code) = pages.pages.first().and_then(plan::paper_code) {
            d.dmFields |= DM_PAPERSIZE;
            d.Anonymous1.Anonymous1.dmPaperSize = code;
        }
    }
    let mut merged = vec![0u64; size.div_ceil(8)];
    let out = merged.as_mut_ptr().cast::<DEVMODEW>();
    // SAFETY: both buffers hold `size` bytes; the driver validates the input and
    // writes the settings it will use.
    if unsafe {
        DocumentPropertiesW(
            std::ptr::null_mut(),
            printer.0,
            name.as_ptr(),
            out,
            dm,
            DM_IN_BUFFER | DM_OUT_BUFFER,
        )
    } < 0
    {
        return Err(format!(
            "máy in không nhận cài đặt bản in ({})",
            last_error()
        ));
    }
    // SAFETY: `out` holds the merged DEVMODE.
    let kept = unsafe {
        let d = &*out;
        if d.dmFields & DM_COPIES != 0 {
            u32::try_from(d.Anonymous1.Anonymous1.dmCopies).unwrap_or(1)
        } else {
            1
        }
    };
    Ok((merged, kept))
}

/// Draws `pages` (the job's pages, already selected) through the spooler to the job's
/// printer. Returns only once the spooler took the whole document.
pub fn print_pages(pages: &Pages, job: &PrintJob) -> Result<(), PrintError> {
    let fail = |reason: String| PrintError::NotSent {
        printer: job.printer.clone(),
        reason,
    };
    let name = wide(&job.printer);
    let (mut devmode, kept) = settings(&name, job, pages).map_err(fail)?;
    let (driver_copies, repeats) = plan::copies(job.copies, kept);
    let dm = devmode.as_mut_ptr().cast::<DEVMODEW>();
    // SAFETY: `dm` is the merged DEVMODE from `settings`.
    unsafe { (*dm).Anonymous1.Anonymous1.dmCopies = i16::try_from(driver_copies).unwrap_or(1) };
    let winspool = wide("WINSPOOL");
    // SAFETY: the strings are NUL-terminated and `dm` a full DEVMODE.
    let hdc = unsafe { CreateDCW(winspool.as_ptr(), name.as_ptr(), std::ptr::null(), dm) };
    if hdc.is_null() {
        return Err(fail(format!(
            "không tạo được bản vẽ cho máy in ({})",
            last_error()
        )));
    }
    let dc = Dc(hdc);
    // SAFETY: a live printer DC.
    let caps = |index: u32| unsafe { GetDeviceCaps(dc.0, index as i32) } as f32;
    let device = Device {
        dpi_x: caps(LOGPIXELSX),
        dpi_y: caps(LOGPIXELSY),
        offset_x: caps(PHYSICALOFFSETX),
        offset_y: caps(PHYSICALOFFSETY),
    };
    if device.dpi_x <= 0.0 || device.dpi_y <= 0.0 {
        return Err(fail("máy in không cho biết độ phân giải".to_owned()));
    }
    let faces =
        Faces::bundled().ok_or_else(|| fail("phông chữ đi kèm chương trình bị hỏng".to_owned()))?;
    let fonts = MemoryFonts::load().map_err(fail)?;
    let title = wide(plan::document_name(&job.title));
    let doc = DOCINFOW {
        cbSize: std::mem::size_of::<DOCINFOW>() as i32,
        lpszDocName: title.as_ptr(),
        ..Default::default()
    };
    // SAFETY: `doc` and its title outlive the call.
    if unsafe { StartDocW(dc.0, &doc) } <= 0 {
        return Err(fail(format!(
            "hàng đợi in không nhận tài liệu ({})",
            last_error()
        )));
    }
    let mut canvas = Canvas::new(dc.0, &fonts);
    let sides = plan::sides(pages.pages.len(), repeats, job.two_sided);
    let drawn = draw_sides(&mut canvas, dc.0, pages, &sides, &device, &faces);
    drop(canvas);
    match drawn {
        Ok(()) => {
            // SAFETY: ends the document StartDocW began.
            if unsafe { EndDoc(dc.0) } <= 0 {
                return Err(fail(format!(
                    "hàng đợi in không nhận hết tài liệu ({})",
                    last_error()
                )));
            }
            Ok(())
        }
        Err(reason) => {
            // SAFETY: cancels the document StartDocW began.
            unsafe { AbortDoc(dc.0) };
            Err(fail(reason))
        }
    }
}

/// Draws each side of the job as one device page, inside a started document.
fn draw_sides(
    canvas: &mut Canvas,
    dc: HDC,
    pages: &Pages,
    sides: &[Option<usize>],
    device: &Device,
    faces: &Faces,
) -> Result<(), String> {
    for (k, side) in sides.iter().enumerate() {
        // SAFETY: a DC inside a started document.
        if unsafe { StartPage(dc) } <= 0 {
            return Err(format!("máy in dừng ở tờ thứ {} ({})", k + 1, last_error()));
        }
        if let Some(page) = side.and_then(|i| pages.pages.get(i)) {
            canvas
                .draw(&plan::plan_page(page, device, faces))
                .map_err(|e| format!("trang {}: {e}", page.number_in_part))?;
        }
        // SAFETY: as above, after StartPage.
        if unsafe { EndPage(dc) } <= 0 {
            return Err(format!("máy in dừng ở tờ thứ {} ({})", k + 1, last_error()));
        }
    }
    Ok(())
}
