//! export: the signature and seal images of a sign-ready final version (Decree 30,
//! Appendix I part II): PNG files the clerk chose, decoded here and drawn into the
//! boxes layout placed in the signature block ([`ImageItem`]). The signature is fitted
//! into its box; the seal keeps its actual size when the PNG records its resolution.
//! Transparency is kept as a soft mask, so the text under the seal shows through.

use printpdf_lopdf::{Dictionary, Document, Object, ObjectId, Stream};

use super::ExportError;
use super::pdf::round;
use crate::layout::{ImageItem, ImageKind, Item, Pages};

/// Largest image accepted, in pixels (a seal scanned at 600 dpi is about 850 × 850).
const MAX_PIXELS: u64 = crate::limits::MAX_PIXELS;

/// The PNG images drawn in the signature block; none unless the clerk asks.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SignatureImages {
    /// The signer's handwritten signature (blue, transparent background), PNG bytes.
    pub signature: Option<Vec<u8>>,
    /// The organisation's seal (red, actual size, transparent background), PNG bytes.
    pub seal: Option<Vec<u8>>,
}

/// A decoded image: its colour samples, its alpha samples (if any) and its size.
struct Decoded {
    width: u32,
    height: u32,
    gray: bool,
    color: Vec<u8>,
    alpha: Option<Vec<u8>>,
    /// Size in points when the PNG says its resolution (`pHYs` in pixels per metre).
    size_pt: Option<(f32, f32)>,
}

/// Whether `bytes` are a PNG this module can draw; the reason, in Vietnamese, if not.
pub(crate) fn check_png(bytes: &[u8]) -> Result<(), String> {
    decode(bytes).map(|_| ())
}

fn decode(bytes: &[u8]) -> Result<Decoded, String> {
    let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
    let mut reader = decoder
        .read_info()
        .map_err(|e| format!("không phải tệp ảnh PNG đọc được ({e})"))?;
    let (width, height) = reader.info().size();
    if u64::from(width) * u64::from(height) > MAX_PIXELS || width == 0 || height == 0 {
        return Err(format!(
            "ảnh {width} × {height} điểm ảnh, quá lớn hoặc rỗng"
        ));
    }
    let size_pt = reader.info().pixel_dims.and_then(|d| {
        (d.unit == png::Unit::Meter && d.xppu > 0 && d.yppu > 0).then(|| {
            let pt_per_metre = 72.0 / 0.0254;
            (
                width as f32 / d.xppu as f32 * pt_per_metre,
                height as f32 / d.yppu as f32 * pt_per_metre,
            )
        })
    });
    let mut buf = vec![0; reader.output_buffer_size().unwrap_or(0)];
    let frame = reader
        .next_frame(&mut buf)
        .map_err(|e| format!("ảnh PNG bị hỏng ({e})"))?;
    let buf = buf.get(..frame.buffer_size()).unwrap_or_default();
    let (channels, gray, has_alpha) = match frame.color_type {
        png::ColorType::Grayscale => (1, true, false),
        png::ColorType::GrayscaleAlpha => (2, true, true),
        png::ColorType::Rgb => (3, false, false),
        png::ColorType::Rgba => (4, false, true),
        png::ColorType::Indexed => return Err("ảnh PNG dùng bảng màu không mở rộng được".into()),
    };
    let colour_channels = if has_alpha { channels - 1 } else { channels };
    let mut color = Vec::with_capacity(buf.len());
    let mut alpha = has_alpha.then(|| Vec::with_capacity(buf.len() / channels));
    for px in buf.chunks_exact(channels) {
        color.extend_from_slice(px.get(..colour_channels).unwrap_or_default());
        if let (Some(a), Some(v)) = (alpha.as_mut(), px.get(colour_channels)) {
            a.push(*v);
        }
    }
    Ok(Decoded {
        width,
        height,
        gray,
        color,
        alpha,
        size_pt,
    })
}

/// Draws the given images into the boxes layout placed, on every page that has them.
pub(super) fn draw(
    doc: &mut Document,
    pages: &Pages,
    images: &SignatureImages,
) -> Result<(), ExportError> {
    let boxes: Vec<(usize, &ImageItem)> = pages
        .pages
        .iter()
        .enumerate()
        .flat_map(|(i, p)| {
            p.items.iter().filter_map(move |it| match it {
                Item::Image(b) => Some((i, b)),
                _ => None,
            })
        })
        .collect();
    if boxes.is_empty() {
        return Ok(());
    }
    let mut xobjects: Vec<(ImageKind, ObjectId, Decoded)> = Vec::new();
    for (kind, bytes) in [
        (ImageKind::Signature, &images.signature),
        (ImageKind::Seal, &images.seal),
    ] {
        let Some(bytes) = bytes else { continue };
        let decoded = decode(bytes).map_err(|reason| ExportError::Image {
            what: image_name(kind),
            reason,
        })?;
        let id = add_xobject(doc, &decoded);
        xobjects.push((kind, id, decoded));
    }
    let page_ids: Vec<ObjectId> = doc.get_pages().into_values().collect();
    for (page_index, page_id) in page_ids.iter().enumerate() {
        let Some(page) = pages.pages.get(page_index) else {
            continue;
        };
        let mut ops = String::new();
        let mut names = Dictionary::new();
        for (_, b) in boxes.iter().filter(|(i, _)| *i == page_index) {
            let Some((_, id, img)) = xobjects.iter().find(|(k, ..)| *k == b.kind) else {
                continue;
            };
            let name = xobject_name(b.kind);
            names.set(name, Object::Reference(*id));
            let (w, h) = placed_size(b, img);
            let x = b.x.0 + (b.w.0 - w) / 2.0;
            let top = b.y.0 + (b.h.0 - h) / 2.0;
            let y = page.height.0 - top - h;
            ops.push_str(&format!(
                "q {} 0 0 {} {} {} cm /{name} Do Q\n",
                round(w),
                round(h),
                round(x),
                round(y)
            ));
        }
        if ops.is_empty() {
            continue;
        }
        let stream = doc.add_object(Stream::new(Dictionary::new(), ops.into_bytes()));
        add_to_page(doc, *page_id, stream, names)?;
    }
    Ok(())
}

fn image_name(kind: ImageKind) -> &'static str {
    match kind {
        ImageKind::Signature => "chữ ký",
        ImageKind::Seal => "con dấu",
    }
}

fn xobject_name(kind: ImageKind) -> &'static str {
    match kind {
        ImageKind::Signature => "ImChuKy",
        ImageKind::Seal => "ImConDau",
    }
}

/// The drawn size: the seal at its actual size when known; otherwise the image fitted
/// into its box, keeping its proportions.
fn placed_size(b: &ImageItem, img: &Decoded) -> (f32, f32) {
    if b.kind == ImageKind::Seal
        && let Some(size) = img.size_pt
    {
        return size;
    }
    let scale = (b.w.0 / img.width as f32).min(b.h.0 / img.height as f32);
    (img.width as f32 * scale, img.height as f32 * scale)
}

fn add_xobject(doc: &mut Document, img: &Decoded) -> ObjectId {
    let base = |space: &str| {
        Dictionary::from_iter(vec![
            ("Type", Object::Name(b"XObject".to_vec())),
            ("Subtype", Object::Name(b"Image".to_vec())),
            ("Width", Object::Integer(i64::from(img.width))),
            ("Height", Object::Integer(i64::from(img.height))),
            ("ColorSpace", Object::Name(space.as_bytes().to_vec())),
            ("BitsPerComponent", Object::Integer(8)),
        ])
    };
    let mut dict = base(if img.gray { "DeviceGray" } else { "DeviceRGB" });
    if let Some(alpha) = &img.alpha {
        let mask = doc.add_object(Stream::new(base("DeviceGray"), alpha.clone()));
        dict.set("SMask", Object::Reference(mask));
    }
    doc.add_object(Stream::new(dict, img.color.clone()))
}

/// Appends `stream` to the page's contents and the image names to its resources.
fn add_to_page(
    doc: &mut Document,
    page_id: ObjectId,
    stream: ObjectId,
    names: Dictionary,
) -> Result<(), ExportError> {
    let lib = |e: printpdf_lopdf::Error| ExportError::Library(e.to_string());
    let page = doc.get_dictionary(page_id).map_err(lib)?;
    let contents = match page.get(b"Contents") {
        Ok(Object::Array(a)) => a.clone(),
        Ok(other) => vec![other.clone()],
        Err(_) => Vec::new(),
    };
    let resources_ref = match page.get(b"Resources") {
        Ok(Object::Reference(r)) => Some(*r),
        _ => None,
    };
    let mut contents = contents;
    contents.push(Object::Reference(stream));
    let resources = match resources_ref {
        Some(r) => doc.get_dictionary_mut(r).map_err(lib)?,
        None => {
            let page = doc.get_dictionary_mut(page_id).map_err(lib)?;
            if !page.has(b"Resources") {
                page.set("Resources", Dictionary::new());
            }
            page.get_mut(b"Resources")
                .and_then(Object::as_dict_mut)
                .map_err(lib)?
        }
    };
    let mut xobjects = match resources.get(b"XObject") {
        Ok(Object::Dictionary(d)) => d.clone(),
        _ => Dictionary::new(),
    };
    for (k, v) in names.into_iter() {
        xobjects.set(k, v);
    }
    resources.set("XObject", xobjects);
    let page = doc.get_dictionary_mut(page_id).map_err(lib)?;
    page.set("Contents", Object::Array(contents));
    Ok(())
}

#[cfg(test)]
mod tests;
