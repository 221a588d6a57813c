//! Turning a decoded grey image into the network's input: letterboxed bilinear resize to a
//! square, then per-image standardisation (so exposure differences between hospitals do not
//! shift the input distribution).

use candle_core::{Device, Tensor};

use crate::error::{ModelError, Result};

/// A grey image with intensities in `[0, 1]`, row-major.
#[derive(Debug, Clone, PartialEq)]
pub struct GreyImage {
    /// Columns.
    pub width: usize,
    /// Rows.
    pub height: usize,
    /// `width * height` intensities, 0 = black.
    pub pixels: Vec<f32>,
}

impl GreyImage {
    /// Wraps pixels, checking the length.
    ///
    /// # Errors
    /// `pixels.len() != width * height` or the image is empty.
    pub fn new(width: usize, height: usize, pixels: Vec<f32>) -> Result<Self> {
        if width == 0 || height == 0 || pixels.len() != width * height {
            return Err(ModelError::invalid(
                "image",
                format!(
                    "{width}x{height} image needs {} pixels, got {}",
                    width * height,
                    pixels.len()
                ),
            ));
        }
        Ok(Self {
            width,
            height,
            pixels,
        })
    }

    /// Bilinear sample at continuous pixel coordinates (pixel centres at integers); outside the
    /// image the nearest edge value is used.
    pub fn sample(&self, x: f32, y: f32) -> f32 {
        let xc = x.clamp(0.0, (self.width - 1) as f32);
        let yc = y.clamp(0.0, (self.height - 1) as f32);
        let (x0, y0) = (xc.floor() as usize, yc.floor() as usize);
        let (x1, y1) = ((x0 + 1).min(self.width - 1), (y0 + 1).min(self.height - 1));
        let (fx, fy) = (xc - x0 as f32, yc - y0 as f32);
        let p = |x: usize, y: usize| self.pixels[y * self.width + x];
        let top = p(x0, y0) * (1.0 - fx) + p(x1, y0) * fx;
        let bottom = p(x0, y1) * (1.0 - fx) + p(x1, y1) * fx;
        top * (1.0 - fy) + bottom * fy
    }
}

impl From<&imaging::GreyImage> for GreyImage {
    /// Display intensities of a decoded image: default window applied, MONOCHROME1 inverted.
    fn from(img: &imaging::GreyImage) -> Self {
        Self {
            width: img.width as usize,
            height: img.height as usize,
            pixels: img.display_values(None),
        }
    }
}

/// Resizes to `size × size`, keeping the aspect ratio and padding the short side with the
/// image's darkest value (the radiograph background). Downscaling averages a box of source
/// pixels per output pixel before interpolation so thin cortices do not alias.
pub fn letterbox(img: &GreyImage, size: usize) -> GreyImage {
    let scale = size as f32 / img.width.max(img.height) as f32;
    let src = if scale < 0.5 {
        box_downscale(img, (1.0 / scale).floor() as usize)
    } else {
        img.clone()
    };
    let scale = size as f32 / src.width.max(src.height) as f32;
    let (w, h) = (src.width as f32 * scale, src.height as f32 * scale);
    let (ox, oy) = ((size as f32 - w) / 2.0, (size as f32 - h) / 2.0);
    let background = src.pixels.iter().cloned().fold(f32::INFINITY, f32::min);
    let mut out = vec![background; size * size];
    for r in 0..size {
        for c in 0..size {
            let (u, v) = (c as f32 + 0.5 - ox, r as f32 + 0.5 - oy);
            if u < 0.0 || v < 0.0 || u >= w || v >= h {
                continue;
            }
            out[r * size + c] = src.sample(u / scale - 0.5, v / scale - 0.5);
        }
    }
    GreyImage {
        width: size,
        height: size,
        pixels: out,
    }
}

fn box_downscale(img: &GreyImage, f: usize) -> GreyImage {
    let (w, h) = (img.width / f, img.height / f);
    let mut out = vec![0.0; w * h];
    for r in 0..h {
        for c in 0..w {
            let mut s = 0.0;
            for dy in 0..f {
                let row = &img.pixels[(r * f + dy) * img.width + c * f..][..f];
                s += row.iter().sum::<f32>();
            }
            out[r * w + c] = s / (f * f) as f32;
        }
    }
    GreyImage {
        width: w,
        height: h,
        pixels: out,
    }
}

/// Zero mean, unit standard deviation (a flat image maps to zeros).
pub fn standardise(pixels: &[f32]) -> Vec<f32> {
    let n = pixels.len() as f32;
    let mean = pixels.iter().sum::<f32>() / n;
    let var = pixels.iter().map(|p| (p - mean).powi(2)).sum::<f32>() / n;
    let inv = if var > 1e-12 { var.sqrt().recip() } else { 0.0 };
    pixels.iter().map(|p| (p - mean) * inv).collect()
}

/// Stacks standardised square images into a `(N, channels, S, S)` tensor, replicating grey into
/// every channel.
///
/// # Errors
/// Images differ in size or the list is empty.
pub fn batch_tensor(images: &[&GreyImage], channels: usize) -> Result<Tensor> {
    let Some(first) = images.first() else {
        return Err(ModelError::invalid("batch", "no images to stack"));
    };
    let (w, h) = (first.width, first.height);
    let mut data = Vec::with_capacity(images.len() * channels * w * h);
    for img in images {
        if img.width != w || img.height != h {
            return Err(ModelError::invalid(
                "batch",
                format!("image is {}x{}, expected {w}x{h}", img.width, img.height),
            ));
        }
        let s = standardise(&img.pixels);
        for _ in 0..channels {
            data.extend_from_slice(&s);
        }
    }
    Ok(Tensor::from_vec(
        data,
        (images.len(), channels, h, w),
        &Device::Cpu,
    )?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letterbox_keeps_aspect_and_pads_with_the_background() {
        // A 4x2 image, bright right half.
        let img = GreyImage::new(4, 2, vec![0.2, 0.2, 1.0, 1.0, 0.2, 0.2, 1.0, 1.0]).unwrap();

        let out = letterbox(&img, 4);

        // Rows 0 and 3 are padding (background = darkest value 0.2); rows 1-2 hold the image.
        assert_eq!(&out.pixels[0..4], &[0.2; 4]);
        assert!((out.pixels[4] - 0.2).abs() < 1e-6 && (out.pixels[7] - 1.0).abs() < 1e-6);
    }

    #[test]
    fn standardised_pixels_have_zero_mean_and_unit_variance() {
        let s = standardise(&[1.0, 2.0, 3.0, 4.0]);
        let mean: f32 = s.iter().sum::<f32>() / 4.0;
        let var: f32 = s.iter().map(|x| x * x).sum::<f32>() / 4.0;
        assert!(mean.abs() < 1e-6 && (var - 1.0).abs() < 1e-5);
    }

    #[test]
    fn wrong_pixel_count_is_refused() {
        assert!(GreyImage::new(3, 3, vec![0.0; 8]).is_err());
    }
}
