//! Images reach the network through `imaging`'s decoder, so DICOM input works like PNG.

use std::path::{Path, PathBuf};

use model::data::{decode_image_bytes, load_image};

fn fixture(name: &str) -> PathBuf {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../fixtures/dicom")).join(name)
}

#[test]
fn a_monochrome1_dicom_loads_with_its_lowest_value_shown_brightest() {
    let path = fixture("CR1_6154.dcm");
    let raw = imaging::decode_file(&path).unwrap().image;

    let img = load_image(&path).unwrap();

    assert_eq!(
        (img.width, img.height),
        (raw.width as usize, raw.height as usize)
    );
    assert!(img.pixels.iter().all(|p| (0.0..=1.0).contains(p)));
    let argmin = |v: &[f32]| (0..v.len()).min_by(|&a, &b| v[a].total_cmp(&v[b])).unwrap();
    let darkest_stored = argmin(&raw.values);
    let brightest = img.pixels.iter().cloned().fold(f32::MIN, f32::max);
    assert_eq!(img.pixels[darkest_stored], brightest);
}

#[test]
fn uploaded_bytes_decode_like_the_same_file_on_disk() {
    let path = fixture("MR_small.dcm");
    let bytes = std::fs::read(&path).unwrap();

    let from_bytes = decode_image_bytes(&bytes, Path::new("upload.dcm")).unwrap();

    assert_eq!(from_bytes.pixels, load_image(&path).unwrap().pixels);
}

#[test]
fn an_unsupported_dicom_compression_is_refused_naming_the_file() {
    let err = load_image(&fixture("JPEG-lossy.dcm")).unwrap_err();

    assert!(err.to_string().contains("JPEG-lossy.dcm"), "{err}");
}
