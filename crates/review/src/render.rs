//! PDF pages to PNG with hayro, a PDF renderer in pure Rust.
//!
//! A page is drawn in the coordinates the extractor gives its boxes in: the
//! media box, unrotated, from its top-left corner (so a box of
//! `provenance.csv` lands on its text whatever the page's crop box or
//! `/Rotate`). Text pages are black on white, so a page with no colour is
//! stored as 16 grey levels (4 bits a pixel; at twice the PDF's size that
//! is crisp on a laptop screen and about a quarter of an RGB PNG's size).

use std::panic::{catch_unwind, AssertUnwindSafe};

use hayro::hayro_interpret::InterpreterSettings;
use hayro::hayro_syntax::Pdf;
use hayro::kurbo::Affine;
use hayro::vello_cpu::color::palette::css::WHITE;
use hayro::vello_cpu::{Pixmap, RasterizerSettings, RenderContext, Resources, TargetInit};
use hayro::{render_into, RenderCache, RenderSettings};

/// Largest side of a rendered page in pixels; a larger page is drawn smaller.
const MAX_SIDE: f64 = 4000.0;

/// One page as a PNG.
#[derive(Debug, Clone)]
pub struct PagePng {
    /// The PNG file.
    pub png: Vec<u8>,
    /// Its width in pixels.
    pub width: u32,
    /// Its height in pixels.
    pub height: u32,
}

/// Opens a PDF for rendering; the reason when hayro cannot.
pub fn open(bytes: Vec<u8>) -> Result<Pdf, String> {
    catch_unwind(AssertUnwindSafe(|| Pdf::new(bytes)))
        .map_err(|_| "the renderer crashed while opening the file".to_string())?
        .map_err(|e| format!("the renderer could not open the file ({e:?})"))
}

/// Each page's width and height in points (its media box), by 1-based
/// number; None for a page with no usable size.
pub fn page_sizes(pdf: &Pdf) -> Vec<Option<(f64, f64)>> {
    pdf.pages()
        .iter()
        .map(|page| {
            let media = page.media_box();
            let (w, h) = (media.width().abs(), media.height().abs());
            (w > 0.0 && h > 0.0 && w.is_finite() && h.is_finite()).then_some((w, h))
        })
        .collect()
}

/// Renders every page `wanted` says yes to (by 1-based number) at `scale`
/// pixels per point; each page's result on its own, so one bad page does
/// not cost the others.
pub fn render_pages(
    pdf: &Pdf,
    scale: f64,
    wanted: impl Fn(u32) -> bool,
) -> Vec<(u32, Result<PagePng, String>)> {
    let cache = RenderCache::new();
    let settings = InterpreterSettings::default();
    let mut out = Vec::new();
    for (index, page) in pdf.pages().iter().enumerate() {
        let number = u32::try_from(index + 1).unwrap_or(u32::MAX);
        if !wanted(number) {
            continue;
        }
        let result = catch_unwind(AssertUnwindSafe(|| {
            let media = page.media_box();
            let (width, height) = (media.width().abs(), media.height().abs());
            if !(width > 0.0 && height > 0.0 && width.is_finite() && height.is_finite()) {
                return Err("the page has no size".to_string());
            }
            let scale = scale.min(MAX_SIDE / width.max(height));
            let px_w = (width * scale).ceil().clamp(1.0, MAX_SIDE) as u16;
            let px_h = (height * scale).ceil().clamp(1.0, MAX_SIDE) as u16;
            // PDF space (y up, origin at the media box's lower left) to
            // pixels from the top-left corner.
            let (left, top) = (media.x0.min(media.x1), media.y1.max(media.y0));
            let to_top_left = Affine::new([1.0, 0.0, 0.0, -1.0, -left, top]);
            let mut ctx = RenderContext::new(px_w, px_h);
            render_into(
                page,
                &cache,
                &settings,
                &RenderSettings::default(),
                &mut ctx,
                Affine::scale(scale) * to_top_left,
            );
            ctx.flush();
            let mut pixmap = Pixmap::new(px_w, px_h);
            ctx.render_with(
                &mut pixmap,
                &mut Resources::default(),
                RasterizerSettings {
                    target_init: TargetInit::Clear(WHITE),
                    ..Default::default()
                },
            );
            encode(&pixmap).map_err(|e| format!("the page could not be encoded as PNG ({e})"))
        }));
        let result = result.unwrap_or_else(|_| Err("the renderer crashed on this page".into()));
        out.push((number, result));
    }
    out
}

/// Whether every pixel is (nearly) grey.
fn is_grey(rgba: &[u8]) -> bool {
    rgba.chunks_exact(4).all(|p| match p {
        [r, g, b, _] => r.abs_diff(*g) <= 2 && g.abs_diff(*b) <= 2,
        _ => true,
    })
}

/// The pixmap (opaque, on white) as a PNG: 16 grey levels when it has no
/// colour, RGB otherwise.
fn encode(pixmap: &Pixmap) -> Result<PagePng, png::EncodingError> {
    let (width, height) = (u32::from(pixmap.width()), u32::from(pixmap.height()));
    let rgba = pixmap.data_as_u8_slice();
    let mut data = Vec::new();
    let mut encoder = png::Encoder::new(&mut data, width, height);
    encoder.set_compression(png::Compression::High);
    let pixels: Vec<u8> = if is_grey(rgba) {
        encoder.set_color(png::ColorType::Grayscale);
        encoder.set_depth(png::BitDepth::Four);
        let row_bytes = (width as usize).div_ceil(2);
        let mut packed = vec![0u8; row_bytes * height as usize];
        for (y, row) in rgba.chunks_exact(4 * width as usize).enumerate() {
            for (x, p) in row.chunks_exact(4).enumerate() {
                let grey = p.get(1).copied().unwrap_or(255);
                // 0..=255 to 0..=15, rounded.
                let level = (u16::from(grey) + 8) / 17;
                let shift = if x.is_multiple_of(2) { 4 } else { 0 };
                if let Some(byte) = packed.get_mut(y * row_bytes + x / 2) {
                    *byte |= (level.min(15) as u8) << shift;
                }
            }
        }
        packed
    } else {
        encoder.set_color(png::ColorType::Rgb);
        encoder.set_depth(png::BitDepth::Eight);
        rgba.chunks_exact(4)
            .flat_map(|p| p.iter().take(3).copied())
            .collect()
    };
    let mut writer = encoder.write_header()?;
    writer.write_image_data(&pixels)?;
    writer.finish()?;
    Ok(PagePng {
        png: data,
        width,
        height,
    })
}

/// Width and height of a PNG from its header.
pub fn png_size(png: &[u8]) -> Option<(u32, u32)> {
    let header = png.get(16..24)?;
    let width = u32::from_be_bytes(header.get(..4)?.try_into().ok()?);
    let height = u32::from_be_bytes(header.get(4..)?.try_into().ok()?);
    (png.starts_with(b"\x89PNG") && width > 0 && height > 0).then_some((width, height))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A one-page PDF with a black square at (100, 700)–(200, 800) in PDF
    /// space, i.e. 42–142 pt from the top of its 842 pt high page.
    fn square_pdf() -> Vec<u8> {
        let content = b"0 0 0 rg 100 700 100 100 re f";
        let objects = [
            "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>".to_string(),
            format!(
                "<< /Length {} >>\nstream\n{}\nendstream",
                content.len(),
                String::from_utf8_lossy(content)
            ),
        ];
        let mut pdf = b"%PDF-1.4\n".to_vec();
        let mut offsets = Vec::new();
        for (i, body) in objects.iter().enumerate() {
            offsets.push(pdf.len());
            pdf.extend(format!("{} 0 obj\n{body}\nendobj\n", i + 1).bytes());
        }
        let xref = pdf.len();
        pdf.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).bytes());
        for o in offsets {
            pdf.extend(format!("{o:010} 00000 n \n").bytes());
        }
        pdf.extend(
            format!(
                "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
                objects.len() + 1
            )
            .bytes(),
        );
        pdf
    }

    fn grey_at(png: &[u8], x: u32, y: u32) -> u8 {
        let decoder = png::Decoder::new(std::io::Cursor::new(png));
        let mut reader = decoder.read_info().unwrap();
        let mut buf = vec![0; reader.output_buffer_size().unwrap()];
        let info = reader.next_frame(&mut buf).unwrap();
        assert_eq!(info.color_type, png::ColorType::Grayscale);
        assert_eq!(info.bit_depth, png::BitDepth::Four);
        let byte = buf[(y as usize) * info.line_size + (x as usize) / 2];
        let level = if x.is_multiple_of(2) {
            byte >> 4
        } else {
            byte & 15
        };
        level * 17
    }

    #[test]
    fn a_page_is_drawn_from_the_top_left_at_the_scale_asked() {
        let pdf = open(square_pdf()).unwrap();
        let pages = render_pages(&pdf, 2.0, |_| true);
        assert_eq!(pages.len(), 1);
        let page = pages[0].1.as_ref().unwrap();
        assert_eq!((page.width, page.height), (1190, 1684));
        assert_eq!(png_size(&page.png), Some((1190, 1684)));
        // Inside the square (150, 92 pt from the top-left) black, outside white.
        assert_eq!(grey_at(&page.png, 300, 184), 0);
        assert_eq!(grey_at(&page.png, 300, 400), 255);
        assert_eq!(grey_at(&page.png, 100, 184), 255);
    }

    #[test]
    fn pages_not_wanted_are_skipped_and_garbage_is_refused() {
        let pdf = open(square_pdf()).unwrap();
        assert!(render_pages(&pdf, 1.0, |_| false).is_empty());
        assert!(open(b"not a pdf at all".to_vec()).is_err());
    }
}
