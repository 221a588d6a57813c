//! Writing phantom data sets to disk: layout, manifest and byte-for-byte determinism.

use imaging::phantom::{generate, PhantomConfig};
use imaging::synth::{read_manifest, synthesize, write_dataset};
use std::path::{Path, PathBuf};

/// A fresh folder under the system temp dir, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Self {
        let path =
            std::env::temp_dir().join(format!("imaging-synth-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).unwrap();
        Self(path)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn config() -> PhantomConfig {
    PhantomConfig {
        cases_os: 2,
        cases_gct: 3,
        seed: 21,
        size: 80,
        practice_cases: 0,
        ..PhantomConfig::default()
    }
}

fn read(dir: &Path, file: &str) -> Vec<u8> {
    std::fs::read(dir.join(file)).unwrap()
}

#[test]
fn a_written_data_set_has_images_dicoms_masks_and_a_readable_manifest() {
    let out = Scratch::new("layout");
    let written = write_dataset(&generate(&config()).unwrap(), &out.0).unwrap();
    let manifest = read_manifest(&out.0.join("manifest.csv")).unwrap();
    assert_eq!(manifest.rows, written.rows);
    assert_eq!(manifest.rows.len(), 5);
    for row in &manifest.rows {
        assert!(manifest.image_path(row).is_file());
        assert!(manifest.dicom_path(row).is_file());
        assert!(manifest.mask_path(row).is_file());
    }
    let header = String::from_utf8(read(&out.0, "manifest.csv")).unwrap();
    assert!(header.starts_with("case_id,file,truth,age,sex,location,site,split\n"));
}

#[test]
fn the_same_seed_writes_identical_bytes() {
    let (a, b) = (Scratch::new("bytes-a"), Scratch::new("bytes-b"));
    synthesize(&config(), &a.0, |_, _| {}).unwrap();
    let manifest = synthesize(&config(), &b.0, |_, _| {}).unwrap();
    for row in &manifest.rows {
        for file in [
            row.file.clone(),
            format!("dicom/{}.dcm", row.case_id),
            format!("masks/{}.png", row.case_id),
        ] {
            assert_eq!(read(&a.0, &file), read(&b.0, &file), "{file} differs");
        }
    }
    assert_eq!(read(&a.0, "manifest.csv"), read(&b.0, "manifest.csv"));
}

#[test]
fn synthesize_reports_progress_for_every_case() {
    let out = Scratch::new("progress");
    let mut seen = Vec::new();
    synthesize(&config(), &out.0, |done, total| seen.push((done, total))).unwrap();
    assert_eq!(seen, (1..=5).map(|d| (d, 5)).collect::<Vec<_>>());
}

#[test]
fn a_phantom_dicom_decodes_back_to_its_values_tags_and_window() {
    let out = Scratch::new("dicom");
    let cases = generate(&config()).unwrap();
    let manifest = write_dataset(&cases, &out.0).unwrap();
    for (case, row) in cases.iter().zip(&manifest.rows) {
        let decoded = imaging::decode_file(&manifest.dicom_path(row)).unwrap();
        assert_eq!(decoded.image.values, case.image.values);
        assert_eq!(decoded.image.photometric, case.image.photometric);
        assert_eq!(decoded.image.bits_stored, case.image.bits_stored);
        let (w, want) = (&decoded.image.windows[0], &case.image.windows[0]);
        assert_eq!((w.center, w.width), (want.center, want.width));
        let info = decoded.dicom.unwrap();
        assert_eq!(info.body_part.as_deref(), Some("KNEE"));
        assert_eq!(info.patient_age, Some(format!("{:03}Y", case.age)));
        assert_eq!(info.patient_sex.as_deref(), Some(case.sex.label()));
    }
}

#[test]
fn the_display_png_is_what_the_renderer_shows() {
    let out = Scratch::new("png");
    let cases = generate(&config()).unwrap();
    let manifest = write_dataset(&cases, &out.0).unwrap();
    let png = imaging::decode_file(&manifest.image_path(&manifest.rows[0])).unwrap();
    let rendered = imaging::render::render_display(&cases[0].image, None, 80);
    let expected: Vec<f32> = rendered.as_raw().iter().map(|&b| f32::from(b)).collect();
    assert_eq!(png.image.values, expected);
}
