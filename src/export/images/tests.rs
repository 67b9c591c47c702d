// Unit tests, compiled only under #[cfg(test)] (declared so in the parent module).

use super::*;
use crate::units::Pt;

/// A PNG of `w` × `h` grey-and-alpha pixels, with its resolution when `dpi` is given.
fn png_bytes(w: u32, h: u32, dpi: Option<u32>) -> Vec<u8> {
    let mut out = Vec::new();
    let mut enc = png::Encoder::new(&mut out, w, h);
    enc.set_color(png::ColorType::GrayscaleAlpha);
    enc.set_depth(png::BitDepth::Eight);
    if let Some(dpi) = dpi {
        let ppm = (f64::from(dpi) / 0.0254).round() as u32;
        enc.set_pixel_dims(Some(png::PixelDimensions {
            xppu: ppm,
            yppu: ppm,
            unit: png::Unit::Meter,
        }));
    }
    let data: Vec<u8> = (0..w * h).flat_map(|i| [(i % 256) as u8, 128]).collect();
    let mut writer = enc.write_header().expect("header");
    writer.write_image_data(&data).expect("data");
    drop(writer);
    out
}

#[test]
fn a_png_decodes_into_colour_and_alpha_with_its_actual_size() {
    let img = decode(&png_bytes(425, 10, Some(300))).expect("png");
    assert_eq!((img.width, img.height, img.gray), (425, 10, true));
    assert_eq!(img.color.len(), 4250);
    assert_eq!(img.alpha.as_ref().map(Vec::len), Some(4250));
    let (w, _) = img.size_pt.expect("size");
    // 425 px at 300 dpi: 36 mm = 102.0 pt.
    assert!((w - 102.0).abs() < 0.1, "{w}");
    assert_eq!(decode(&png_bytes(4, 4, None)).expect("png").size_pt, None);
}

#[test]
fn what_is_not_a_png_is_refused_in_vietnamese() {
    let e = check_png(b"GIF89a").expect_err("not png");
    assert!(e.contains("không phải tệp ảnh PNG"), "{e}");
    let mut cut = png_bytes(40, 40, None);
    cut.truncate(cut.len() - 20);
    assert!(check_png(&cut).is_err());
}

#[test]
fn the_signature_fits_its_box_and_the_seal_keeps_its_actual_size() {
    let b = |kind| ImageItem {
        kind,
        x: Pt(0.0),
        y: Pt(0.0),
        w: Pt(120.0),
        h: Pt(60.0),
    };
    let close =
        |(w, h): (f32, f32), (ew, eh): (f32, f32)| (w - ew).abs() < 0.01 && (h - eh).abs() < 0.01;
    let wide = decode(&png_bytes(400, 100, None)).expect("png");
    assert!(close(
        placed_size(&b(ImageKind::Signature), &wide),
        (120.0, 30.0)
    ));
    let seal = decode(&png_bytes(425, 425, Some(300))).expect("png");
    let (w, h) = placed_size(&b(ImageKind::Seal), &seal);
    assert!((w - 102.0).abs() < 0.1 && (h - 102.0).abs() < 0.1);
    let unknown = decode(&png_bytes(200, 200, None)).expect("png");
    assert!(close(
        placed_size(&b(ImageKind::Seal), &unknown),
        (60.0, 60.0)
    ));
}
