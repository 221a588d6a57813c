//! The browser bundle under content-hashed names, served precompressed and cached as
//! immutable, and pages compressed on the fly: what makes a reload of the reading page
//! transfer almost nothing and a cold load a fraction of the bundle's size.

use reqwest::header::{ACCEPT_ENCODING, CACHE_CONTROL, CONTENT_ENCODING};
use tests::TestApp;

const NAME: &str = "lector-0123456789abcdef";

/// A site root as scripts/build.sh leaves it: the hashed bundle, each file with a brotli and
/// a gzip sibling (marked so the test can tell which was sent), and bundle.txt naming it.
fn hashed_site_root() -> tempfile::TempDir {
    let root = tempfile::tempdir().unwrap();
    let pkg = root.path().join("pkg");
    std::fs::create_dir_all(&pkg).unwrap();
    for ext in ["js", "wasm", "css"] {
        std::fs::write(pkg.join(format!("{NAME}.{ext}")), format!("plain {ext}")).unwrap();
        std::fs::write(
            pkg.join(format!("{NAME}.{ext}.br")),
            format!("brotli {ext}"),
        )
        .unwrap();
        std::fs::write(pkg.join(format!("{NAME}.{ext}.gz")), format!("gzip {ext}")).unwrap();
    }
    std::fs::write(pkg.join("bundle.txt"), format!("{NAME}\n")).unwrap();
    std::fs::write(pkg.join("lector.css"), "body { margin: 0 }").unwrap();
    root
}

async fn fetch(app: &TestApp, path: &str, accept: Option<&str>) -> reqwest::Response {
    let mut request = app.client.get(format!("{}{path}", app.address));
    if let Some(accept) = accept {
        request = request.header(ACCEPT_ENCODING, accept);
    }
    request.send().await.unwrap()
}

#[tokio::test]
async fn the_page_names_the_hashed_bundle_and_the_bundle_is_sent_precompressed_and_immutable() {
    let root = hashed_site_root();
    let path = root.path().to_path_buf();
    let app = TestApp::spawn_with(move |config| config.site_root = path).await;

    let html = fetch(&app, "/", None).await.text().await.unwrap();
    let brotli = fetch(
        &app,
        &format!("/pkg/{NAME}.wasm"),
        Some("gzip, deflate, br"),
    )
    .await;
    let gzip = fetch(&app, &format!("/pkg/{NAME}.js"), Some("gzip")).await;
    let plain = fetch(&app, &format!("/pkg/{NAME}.css"), None).await;

    for ext in ["js", "wasm", "css"] {
        assert!(
            html.contains(&format!("/pkg/{NAME}.{ext}")),
            "{ext} not named: {html}"
        );
    }
    assert_eq!(brotli.headers()[CONTENT_ENCODING], "br");
    assert_eq!(
        brotli.headers()[CACHE_CONTROL],
        "public, max-age=31536000, immutable"
    );
    assert_eq!(brotli.text().await.unwrap(), "brotli wasm");
    assert_eq!(gzip.headers()[CONTENT_ENCODING], "gzip");
    assert_eq!(gzip.text().await.unwrap(), "gzip js");
    assert!(plain.headers().get(CONTENT_ENCODING).is_none());
    assert_eq!(plain.text().await.unwrap(), "plain css");
}

#[tokio::test]
async fn a_file_without_a_content_hash_is_never_cached_as_immutable() {
    let root = hashed_site_root();
    let path = root.path().to_path_buf();
    let app = TestApp::spawn_with(move |config| config.site_root = path).await;

    let response = fetch(&app, "/pkg/lector.css", None).await;

    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()[CACHE_CONTROL], "no-cache");
}

#[tokio::test]
async fn pages_are_compressed_for_browsers_that_accept_it() {
    let root = hashed_site_root();
    let path = root.path().to_path_buf();
    let app = TestApp::spawn_with(move |config| config.site_root = path).await;

    let compressed = fetch(&app, "/", Some("gzip")).await;
    let as_is = fetch(&app, "/", None).await;

    assert_eq!(compressed.headers()[CONTENT_ENCODING], "gzip");
    let zipped = compressed.bytes().await.unwrap();
    let html = as_is.text().await.unwrap();
    assert!(html.contains("<html"));
    assert!(
        zipped.len() * 2 < html.len(),
        "{} compressed bytes for a {}-byte page",
        zipped.len(),
        html.len()
    );
}
