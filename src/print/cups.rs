//! print: CUPS on Linux and macOS, its library loaded when printing rather than linked
//! at build time. Building then needs no CUPS headers, and the program starts on a
//! computer without CUPS: its printer list is empty (the window offers the PDF) and a
//! print command says why.
//!
//! Four functions of libcups are used, all present since CUPS 1.2: `cupsGetDests2`
//! and `cupsFreeDests` for the printers, `cupsPrintFile2` for a job (its copies and
//! sides as job options) and `cupsLastErrorString` for the reason of a refusal.

use std::ffi::{CStr, CString, c_char, c_int, c_void};
use std::path::Path;

use super::system::PrinterInfo;
use super::{PrintError, PrintJob};

/// `cups_option_t`.
#[repr(C)]
struct CupsOption {
    name: *mut c_char,
    value: *mut c_char,
}

/// `cups_dest_t`.
#[repr(C)]
struct CupsDest {
    name: *mut c_char,
    instance: *mut c_char,
    is_default: c_int,
    num_options: c_int,
    options: *mut CupsOption,
}

type GetDests2 = unsafe extern "C" fn(*mut c_void, *mut *mut CupsDest) -> c_int;
type FreeDests = unsafe extern "C" fn(c_int, *mut CupsDest);
type PrintFile2 = unsafe extern "C" fn(
    *mut c_void,
    *const c_char,
    *const c_char,
    *const c_char,
    c_int,
    *mut CupsOption,
) -> c_int;
type LastErrorString = unsafe extern "C" fn() -> *const c_char;

/// Where the library is looked for: the soname on Linux and the BSDs, then macOS's.
const LIBRARY_NAMES: [&str; 3] = [
    "libcups.so.2",
    "libcups.2.dylib",
    "/usr/lib/libcups.2.dylib",
];

/// The loaded library with the four functions.
struct Cups {
    get_dests: GetDests2,
    free_dests: FreeDests,
    print_file: PrintFile2,
    last_error: LastErrorString,
    /// Kept loaded while the function pointers above are used.
    _library: libloading::Library,
}

impl Cups {
    fn load() -> Result<Self, PrintError> {
        Self::load_from(&LIBRARY_NAMES)
    }

    /// The first of `names` that loads with the four functions.
    fn load_from(names: &[&str]) -> Result<Self, PrintError> {
        for name in names {
            // SAFETY: loading libcups runs only its initialisers, which have no
            // preconditions; the symbols below are read with their C signatures from
            // cups/cups.h, and the pointers are kept with the library that owns them.
            let loaded = unsafe {
                libloading::Library::new(name).and_then(|lib| {
                    let get_dests = *lib.get::<GetDests2>(b"cupsGetDests2\0")?;
                    let free_dests = *lib.get::<FreeDests>(b"cupsFreeDests\0")?;
                    let print_file = *lib.get::<PrintFile2>(b"cupsPrintFile2\0")?;
                    let last_error = *lib.get::<LastErrorString>(b"cupsLastErrorString\0")?;
                    Ok(Self {
                        get_dests,
                        free_dests,
                        print_file,
                        last_error,
                        _library: lib,
                    })
                })
            };
            if let Ok(cups) = loaded {
                return Ok(cups);
            }
        }
        Err(PrintError::NoCups)
    }

    /// The reason CUPS gave for the last failed call, if any.
    fn last_error(&self) -> String {
        // SAFETY: cupsLastErrorString returns NULL or a string owned by libcups that
        // stays valid until the next CUPS call on this thread; it is copied at once.
        let p = unsafe { (self.last_error)() };
        if p.is_null() {
            return String::new();
        }
        // SAFETY: a non-NULL result is a NUL-terminated C string (see above).
        unsafe { CStr::from_ptr(p) }.to_string_lossy().into_owned()
    }
}

/// Reads a C string owned by libcups; empty for NULL.
///
/// # Safety
/// `p` is NULL or points to a NUL-terminated string that outlives the call.
unsafe fn text(p: *const c_char) -> String {
    if p.is_null() {
        String::new()
    } else {
        // SAFETY: the caller's promise.
        unsafe { CStr::from_ptr(p) }.to_string_lossy().into_owned()
    }
}

/// The queues CUPS knows (instances left out: a job goes to a queue), or why there
/// are none to ask.
pub fn printers() -> Result<Vec<PrinterInfo>, PrintError> {
    let cups = Cups::load()?;
    let mut dests: *mut CupsDest = std::ptr::null_mut();
    // SAFETY: NULL is CUPS_HTTP_DEFAULT; cupsGetDests2 stores an array of `count`
    // destinations in `dests` (or NULL) which cupsFreeDests releases below.
    let count = unsafe { (cups.get_dests)(std::ptr::null_mut(), &mut dests) };
    let mut list = Vec::new();
    if !dests.is_null() && count > 0 {
        let len = usize::try_from(count).unwrap_or(0);
        // SAFETY: `dests` points to `count` initialised destinations (see above).
        let slice = unsafe { std::slice::from_raw_parts(dests, len) };
        for d in slice {
            if !d.instance.is_null() {
                continue;
            }
            // SAFETY: the strings belong to the array, alive until cupsFreeDests.
            let name = unsafe { text(d.name) };
            let options: &[CupsOption] = if d.options.is_null() || d.num_options <= 0 {
                &[]
            } else {
                let n = usize::try_from(d.num_options).unwrap_or(0);
                // SAFETY: each destination holds `num_options` options.
                unsafe { std::slice::from_raw_parts(d.options, n) }
            };
            let description = options
                .iter()
                // SAFETY: option names and values are strings of the array.
                .find(|o| unsafe { text(o.name) } == "printer-info")
                .map(|o| unsafe { text(o.value) })
                .filter(|info| !info.is_empty() && *info != name)
                .unwrap_or_default();
            list.push(PrinterInfo {
                name,
                description,
                is_default: d.is_default != 0,
            });
        }
    }
    if !dests.is_null() {
        // SAFETY: the array cupsGetDests2 allocated, released once.
        unsafe { (cups.free_dests)(count, dests) };
    }
    Ok(list)
}

/// The job options CUPS is given: copies, and sides.
pub fn job_options(job: &PrintJob) -> [(&'static str, String); 2] {
    let sides = if job.two_sided {
        "two-sided-long-edge"
    } else {
        "one-sided"
    };
    [
        ("copies", job.copies.to_string()),
        ("sides", sides.to_owned()),
    ]
}

/// Sends the PDF at `pdf` to the job's queue; CUPS's filters turn it into what the
/// printer takes.
pub fn submit(pdf: &Path, job: &PrintJob) -> Result<(), PrintError> {
    let cups = Cups::load()?;
    let refused = |reason: String| PrintError::NotSent {
        printer: job.printer.clone(),
        reason,
    };
    let c = |s: &str| CString::new(s).map_err(|_| refused("tên có ký tự NUL".to_owned()));
    let printer = c(&job.printer)?;
    let file = c(&pdf.to_string_lossy())?;
    let title = c(&job.title)?;
    let owned: Vec<(CString, CString)> = job_options(job)
        .iter()
        .map(|(k, v)| Ok((c(k)?, c(v)?)))
        .collect::<Result<_, PrintError>>()?;
    let mut options: Vec<CupsOption> = owned
        .iter()
        .map(|(k, v)| CupsOption {
            name: k.as_ptr().cast_mut(),
            value: v.as_ptr().cast_mut(),
        })
        .collect();
    let n = c_int::try_from(options.len()).unwrap_or(0);
    // SAFETY: every pointer is a live NUL-terminated string owned above; cupsPrintFile2
    // only reads the options array and returns the job id, or 0 on failure.
    let id = unsafe {
        (cups.print_file)(
            std::ptr::null_mut(),
            printer.as_ptr(),
            file.as_ptr(),
            title.as_ptr(),
            n,
            options.as_mut_ptr(),
        )
    };
    if id > 0 {
        Ok(())
    } else {
        let said = cups.last_error();
        Err(refused(if said.is_empty() {
            "hệ thống in CUPS không nhận lệnh in".to_owned()
        } else {
            format!("hệ thống in CUPS không nhận lệnh in ({said})")
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copies_and_sides_become_the_cups_job_options() {
        let mut job = PrintJob {
            printer: "PDF".into(),
            copies: 3,
            pages: Vec::new(),
            two_sided: true,
            title: "t".into(),
        };
        assert_eq!(
            job_options(&job),
            [
                ("copies", "3".to_owned()),
                ("sides", "two-sided-long-edge".to_owned())
            ]
        );
        job.two_sided = false;
        assert_eq!(job_options(&job)[1].1, "one-sided");
    }

    #[test]
    fn without_the_cups_library_printing_says_so_in_vietnamese() {
        let e = Cups::load_from(&["libkhongco-cups.so.9", "/nonexistent/libcups.so.2"])
            .err()
            .unwrap();
        assert!(matches!(e, PrintError::NoCups));
        let said = e.to_string();
        assert!(said.contains("CUPS") && said.contains("xuất PDF"), "{said}");
    }

    #[test]
    fn a_library_without_the_cups_functions_is_not_taken_for_cups() {
        // libc loads, but has no cupsGetDests2.
        assert!(matches!(
            Cups::load_from(&["libc.so.6"]),
            Err(PrintError::NoCups)
        ));
    }

    #[test]
    fn a_printer_name_with_a_nul_is_refused_before_cups_is_asked() {
        let job = PrintJob {
            printer: "A\0B".into(),
            copies: 1,
            pages: Vec::new(),
            two_sided: false,
            title: "t".into(),
        };
        match submit(Path::new("/nonexistent.pdf"), &job) {
            // Without libcups on this machine, that is the reason given instead.
            Err(PrintError::NoCups) => {}
            Err(PrintError::NotSent { reason, .. }) => assert!(reason.contains("NUL"), "{reason}"),
            other => panic!("{other:?}"),
        }
    }
}
