//! Decodes the files given on the command line and prints what was found; writes a display PNG
//! of each to /tmp/<name>.display.png. `cargo run -p imaging --example inspect -- FILE...`
use imaging::decode::decode_file;
use imaging::render::render_display_png;
use std::path::Path;

fn main() {
    for arg in std::env::args().skip(1) {
        let path = Path::new(&arg);
        let start = std::time::Instant::now();
        match decode_file(path) {
            Ok(d) => {
                let im = &d.image;
                let sum: f64 = im.values.iter().map(|&v| f64::from(v)).sum();
                let (lo, hi) = im
                    .values
                    .iter()
                    .fold((f32::MAX, f32::MIN), |(a, b), &v| (a.min(v), b.max(v)));
                println!(
                    "{arg}: {:?} {}x{} {:?} bits {} min {lo} max {hi} mean {:.4} first {:?} windows {:?} dicom {:?} ({:.0} ms)",
                    d.format, im.width, im.height, im.photometric, im.bits_stored, sum / im.values.len() as f64,
                    &im.values[..6.min(im.values.len())], im.windows, d.dicom, start.elapsed().as_secs_f64() * 1e3
                );
                let png = render_display_png(im, None, 1024).expect("encoding succeeds");
                let name = path.file_name().unwrap().to_string_lossy();
                std::fs::write(format!("/tmp/{name}.display.png"), png).unwrap();
            }
            Err(e) => println!("{arg}: ERROR {e}"),
        }
    }
}
