//! Timing of the phantom generator and of decoding and rendering the RG3 fixture (1760² JPEG 2000).
//! Run with `cargo bench -p imaging`; prints the median of repeated runs.

use imaging::decode::decode_file;
use imaging::phantom::{generate_case, plan, PhantomConfig};
use imaging::render::{render_display_png, thumbnail_png, THUMBNAIL_SIDE};
use std::path::Path;
use std::time::{Duration, Instant};

/// Median wall time of `runs` calls of `f`.
fn median(runs: usize, mut f: impl FnMut()) -> Duration {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    times.sort();
    times[runs / 2]
}

fn main() {
    let config = PhantomConfig::default();
    let plans = plan(&config).expect("the default configuration is valid");
    let mut k = 0;
    let one = median(15, || {
        std::hint::black_box(generate_case(&config, &plans[k % plans.len()]));
        k += 1;
    });
    println!(
        "phantom 512x512, one case: {:.1} ms (default set of {} cases ~ {:.1} s on one core)",
        one.as_secs_f64() * 1e3,
        plans.len(),
        one.as_secs_f64() * plans.len() as f64
    );

    let rg3 = Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../fixtures/dicom/RG3_J2KR.dcm"
    ));
    if !rg3.is_file() {
        println!(
            "RG3 fixture not found at {}; skipping its timings",
            rg3.display()
        );
        return;
    }
    let decode = median(5, || {
        std::hint::black_box(decode_file(rg3).expect("RG3 decodes"));
    });
    let image = decode_file(rg3).expect("RG3 decodes").image;
    let full = median(5, || {
        std::hint::black_box(render_display_png(&image, None, 1760).expect("PNG encodes"));
    });
    let viewer = median(5, || {
        std::hint::black_box(render_display_png(&image, None, 1024).expect("PNG encodes"));
    });
    let thumb = median(5, || {
        std::hint::black_box(thumbnail_png(&image, THUMBNAIL_SIDE).expect("PNG encodes"));
    });
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!(
        "RG3 decode (JPEG 2000 lossless, 1760x1760): {:.1} ms",
        ms(decode)
    );
    println!("RG3 display PNG at full size: {:.1} ms; at 1024: {:.1} ms; thumbnail {THUMBNAIL_SIDE}: {:.1} ms", ms(full), ms(viewer), ms(thumb));
}
