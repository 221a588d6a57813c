//! Writes a contact sheet of phantoms to /tmp/sheet.png for looking at:
//! `cargo run --release -p imaging --example preview -- N SEED SKIP [SITE|lookalike]`.
use image::{GenericImage, ImageBuffer, Luma};
use imaging::phantom::{generate_case, plan, PhantomConfig};
use imaging::render::{encode_png, render_display};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let n: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(8);
    let seed: u64 = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(2024);
    let skip: usize = args.get(3).and_then(|a| a.parse().ok()).unwrap_or(0);
    let only = args.get(4).cloned();
    let config = PhantomConfig {
        seed,
        ..PhantomConfig::default()
    };
    let plans = plan(&config).unwrap();
    let cols = 4u32;
    let rows = (n as u32).div_ceil(cols);
    let mut sheet = ImageBuffer::<Luma<u8>, Vec<u8>>::new(cols * 256, rows * 256);
    let t = std::time::Instant::now();
    let wanted = plans
        .iter()
        .skip(skip)
        .map(|p| generate_case(&config, p))
        .filter(|c| match only.as_deref() {
            Some("lookalike") => c.lookalike,
            Some(site) => c.site == site,
            None => true,
        });
    for (k, case) in wanted.take(n).enumerate() {
        let p = &case;
        let full = render_display(&case.image, None, 512);
        std::fs::write(format!("/tmp/ph_{k}.png"), encode_png(&full).unwrap()).unwrap();
        let mask: ImageBuffer<Luma<u8>, Vec<u8>> = ImageBuffer::from_raw(
            case.image.width,
            case.image.height,
            case.mask
                .iter()
                .zip(full.as_raw())
                .map(|(&m, &p)| if m > 0 { 255 } else { p / 3 })
                .collect(),
        )
        .unwrap();
        std::fs::write(format!("/tmp/ph_{k}_mask.png"), encode_png(&mask).unwrap()).unwrap();
        let small = render_display(&case.image, None, 256);
        sheet
            .copy_from(&small, (k as u32 % cols) * 256, (k as u32 / cols) * 256)
            .unwrap();
        let area = case.mask.iter().map(|&m| f64::from(m)).sum::<f64>() / case.mask.len() as f64;
        println!(
            "{k}: {} {} {} {} age {} lookalike {} mask {area:.3}",
            p.case_id, case.truth, case.site, case.location, case.age, case.lookalike
        );
    }
    println!(
        "{:.1} ms per case",
        t.elapsed().as_secs_f64() * 1000.0 / n as f64
    );
    std::fs::write("/tmp/sheet.png", encode_png(&sheet).unwrap()).unwrap();
}
