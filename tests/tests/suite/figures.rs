//! Each results figure downloads on its own as SVG and as a 300-dpi PNG, and all of them in
//! figures.zip, for the study's coordinator only (issue 17).

use std::io::Read;

use serde_json::Value;
use tests::TestApp;

const COORDINATOR: (&str, &str) = ("coordinator@lector.demo", "lector-demo-coordinator");
const READER: (&str, &str) = ("reader01@lector.demo", "lector-demo-reader");

/// An attribute (`width`, `height`) of an SVG's root element, in pixels.
fn svg_size(svg: &str, attribute: &str) -> u32 {
    let key = format!(" {attribute}=\"");
    let at = svg.find(&key).expect("the SVG has the attribute") + key.len();
    let digits: String = svg[at..].chars().take_while(char::is_ascii_digit).collect();
    digits.parse().unwrap()
}

fn svg_width(svg: &str) -> u32 {
    svg_size(svg, "width")
}

fn svg_height(svg: &str) -> u32 {
    svg_size(svg, "height")
}

#[tokio::test]
async fn each_figure_downloads_as_svg_and_as_a_300_dpi_png_for_the_coordinator_only() {
    let app = TestApp::spawn().await;
    tests::build_demo(&app, &["--cases", "40"]);
    let coordinator = app.sign_in(COORDINATOR.0, COORDINATOR.1).await;
    let reader = app.sign_in(READER.0, READER.1).await;
    let studies: Value = app
        .call(&coordinator, "/api/studies/list", &[])
        .await
        .json()
        .await
        .unwrap();
    let study = studies[0]["id"].as_i64().unwrap();
    let url = |file: &str| format!("{}/studies/{study}/figures/{file}", app.address);

    let svg = coordinator
        .get(url("roc_all.svg?lang=zh-CN"))
        .send()
        .await
        .unwrap();
    let svg_type = svg.headers()["content-type"].to_str().unwrap().to_string();
    let svg = svg.text().await.unwrap();
    let png = coordinator
        .get(url("roc_all.png?lang=zh-CN"))
        .send()
        .await
        .unwrap();
    let png_type = png.headers()["content-type"].to_str().unwrap().to_string();
    let png = png.bytes().await.unwrap();
    let zip = coordinator
        .get(format!(
            "{}/studies/{study}/export/figures.zip",
            app.address
        ))
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    let unknown = coordinator.get(url("nothing.svg")).send().await.unwrap();
    let other_format = coordinator.get(url("roc_all.pdf")).send().await.unwrap();
    let as_reader = reader.get(url("roc_all.png")).send().await.unwrap();
    let anonymous = reqwest::get(url("roc_all.svg")).await.unwrap();

    assert_eq!(svg_type, "image/svg+xml");
    assert!(
        svg.starts_with("<svg") && svg.contains("敏感度"),
        "a Chinese SVG"
    );
    assert_eq!(png_type, "image/png");
    let decoder = png::Decoder::new(std::io::Cursor::new(png.to_vec()));
    let info = decoder.read_info().unwrap();
    let info = info.info();
    assert_eq!(info.width, 2_100, "7 in at 300 dpi");
    let expected_height = 2_100.0 * svg_height(&svg) as f64 / svg_width(&svg) as f64;
    assert!(
        (info.height as f64 - expected_height).abs() <= 1.0,
        "the SVG's proportions"
    );
    let dims = info.pixel_dims.expect("the PNG states its resolution");
    assert_eq!(
        (dims.xppu, dims.yppu, dims.unit),
        (11_811, 11_811, png::Unit::Meter)
    );
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(zip.to_vec())).unwrap();
    let names: Vec<String> = archive
        .file_names()
        .map(|name| name.unwrap().into_owned())
        .collect();
    for name in [
        "roc_all.svg",
        "roc_all.png",
        "accuracy_by_group.png",
        "README.txt",
    ] {
        assert!(names.contains(&name.to_string()), "{name} in {names:?}");
    }
    let mut readme = String::new();
    archive
        .by_name("README.txt")
        .unwrap()
        .read_to_string(&mut readme)
        .unwrap();
    assert!(readme.contains("300 dpi"), "{readme}");
    assert_eq!(unknown.status(), 404);
    assert_eq!(other_format.status(), 404);
    assert_eq!(as_reader.status(), 403);
    assert_eq!(anonymous.status(), 401);
}
