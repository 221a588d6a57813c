//! The security headers are on every kind of response — pages, server functions, images,
//! static files, downloads, refusals and unknown URLs — and `Strict-Transport-Security` only
//! where the request came over https: with `--secure-cookies`, or from a trusted proxy that says
//! so. Backend-independent, so on SQLite only.

use reqwest::header::HeaderMap;
use reqwest::Method;
use tests::TestApp;

const PASSWORD: &str = "a long enough password";
const HSTS: &str = "strict-transport-security";

/// Asserts the headers every response must carry; `what` names the response in failures.
fn assert_guarded(headers: &HeaderMap, what: &str) {
    let header = |name: &str| {
        headers
            .get(name)
            .and_then(|value| value.to_str().ok())
            .unwrap_or_else(|| panic!("{what} has no {name} header"))
            .to_string()
    };
    let policy = header("content-security-policy");
    assert!(
        policy.contains("frame-ancestors 'none'"),
        "{what}: {policy}"
    );
    assert!(policy.contains("'wasm-unsafe-eval'"), "{what}: {policy}");
    assert!(policy.contains("object-src 'none'"), "{what}: {policy}");
    assert!(!policy.contains("'unsafe-eval'"), "{what}: {policy}");
    assert_eq!(header("x-frame-options"), "DENY", "{what}");
    assert_eq!(header("x-content-type-options"), "nosniff", "{what}");
    assert_eq!(header("referrer-policy"), "same-origin", "{what}");
}

/// The nonce the response's policy allows scripts to carry.
fn nonce_of(headers: &HeaderMap) -> String {
    let policy = headers["content-security-policy"].to_str().unwrap();
    let start = policy.find("'nonce-").expect("the policy names a nonce") + "'nonce-".len();
    policy[start..].split('\'').next().unwrap().to_string()
}

/// A site root with a stylesheet under /pkg and the favicon, so static files are served.
fn site_root() -> tempfile::TempDir {
    let root = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(root.path().join("pkg")).unwrap();
    std::fs::write(root.path().join("pkg/lector.css"), "body { margin: 0 }").unwrap();
    std::fs::write(root.path().join("favicon.svg"), "<svg/>").unwrap();
    root
}

/// Signs in (after making the account), optionally as if through a proxy saying https, and
/// returns the session's `Set-Cookie` value and the response headers.
async fn sign_in(app: &TestApp, forwarded_proto: Option<&str>) -> (String, HeaderMap) {
    app.create_user(store::Role::Coordinator, "coord@x.example", PASSWORD)
        .await;
    let mut request = reqwest::Client::new()
        .post(format!("{}/api/auth/login", app.address))
        .header(reqwest::header::ORIGIN, &app.address)
        .form(&[("email", "coord@x.example"), ("password", PASSWORD)]);
    if let Some(proto) = forwarded_proto {
        request = request.header("x-forwarded-proto", proto);
    }
    let response = request.send().await.unwrap();
    assert!(response.status().is_success(), "signing in works");
    let cookie = response.headers()[reqwest::header::SET_COOKIE]
        .to_str()
        .unwrap()
        .to_string();
    (cookie, response.headers().clone())
}

async fn headers_of(app: &TestApp, path: &str, forwarded_proto: Option<&str>) -> HeaderMap {
    let mut request = reqwest::Client::new().get(format!("{}{path}", app.address));
    if let Some(proto) = forwarded_proto {
        request = request.header("x-forwarded-proto", proto);
    }
    request.send().await.unwrap().headers().clone()
}

#[tokio::test]
async fn every_page_forbids_framing_sniffing_and_foreign_scripts() {
    let app = TestApp::spawn().await;

    for page in ["/", "/login"] {
        let response = app.get(page).await;

        assert_eq!(response.status(), 200, "{page}");
        assert_guarded(response.headers(), page);
        assert!(response.headers().get(HSTS).is_none(), "{page} over http");
    }
}

#[tokio::test]
async fn a_pages_inline_scripts_carry_the_nonce_its_policy_allows() {
    let app = TestApp::spawn().await;

    let first = app.get("/login").await;
    let nonce = nonce_of(first.headers());
    let html = first.text().await.unwrap();
    let second = nonce_of(app.get("/login").await.headers());

    let scripts: Vec<&str> = html.split("<script").skip(1).collect();
    assert!(!scripts.is_empty(), "the page has its hydration script");
    for script in scripts {
        let tag = script.split('>').next().unwrap();
        assert!(
            tag.contains(&format!("nonce=\"{nonce}\"")),
            "a script without the response's nonce: <script{tag}>"
        );
    }
    assert_ne!(nonce, second, "each response has its own nonce");
}

#[tokio::test]
async fn server_functions_images_files_downloads_and_errors_carry_the_headers_too() {
    let root = site_root();
    let path = root.path().to_path_buf();
    let app = TestApp::spawn_with(move |config| config.site_root = path).await;
    let cases = [
        (Method::POST, "/api/auth/me", true, 200),
        (Method::POST, "/api/auth/me", false, 403),
        (Method::GET, "/images/cases/1/display", false, 401),
        (Method::GET, "/pkg/lector.css", false, 200),
        (Method::GET, "/favicon.svg", false, 200),
        (Method::GET, "/studies/1/orders.csv", false, 401),
        (Method::GET, "/studies/1/export/reads.csv", false, 401),
        (Method::GET, "/no/such/page", false, 404),
        (Method::GET, "/healthz", false, 200),
    ];

    for (method, path, with_origin, status) in cases {
        let mut request = app
            .client
            .request(method.clone(), format!("{}{path}", app.address));
        if with_origin {
            request = request.header(reqwest::header::ORIGIN, &app.address);
        }
        let response = request.send().await.unwrap();

        let what = format!("{method} {path}");
        assert_eq!(response.status(), status, "{what}");
        assert_guarded(response.headers(), &what);
    }
}

#[tokio::test]
async fn hsts_and_the_secure_cookie_come_with_secure_cookies() {
    let plain = TestApp::spawn().await;
    let secure = TestApp::spawn_with(|config| config.secure_cookies = true).await;

    let (plain_cookie, plain_login) = sign_in(&plain, None).await;
    let (secure_cookie, secure_login) = sign_in(&secure, None).await;

    assert!(headers_of(&plain, "/", None).await.get(HSTS).is_none());
    assert!(plain_login.get(HSTS).is_none());
    assert!(!plain_cookie.contains("Secure"), "{plain_cookie}");
    for path in ["/", "/healthz", "/no/such/page"] {
        let headers = headers_of(&secure, path, None).await;
        assert_eq!(headers[HSTS], "max-age=31536000", "{path}");
    }
    assert!(secure_login.get(HSTS).is_some());
    assert!(secure_cookie.ends_with("; Secure"), "{secure_cookie}");
}

#[tokio::test]
async fn a_trusted_proxy_saying_https_gets_hsts_and_a_secure_cookie() {
    let app = TestApp::spawn_with(|config| {
        config.trusted_proxies = vec!["127.0.0.1".parse().unwrap()];
    })
    .await;

    let over_https = headers_of(&app, "/", Some("https")).await;
    let over_http = headers_of(&app, "/", Some("http")).await;
    let unsaid = headers_of(&app, "/", None).await;
    let (cookie, _) = sign_in(&app, Some("https")).await;

    assert_eq!(over_https[HSTS], "max-age=31536000");
    assert!(over_http.get(HSTS).is_none());
    assert!(unsaid.get(HSTS).is_none());
    assert!(cookie.ends_with("; Secure"), "{cookie}");
}

#[tokio::test]
async fn anyone_else_saying_https_is_ignored() {
    let app = TestApp::spawn().await;

    let headers = headers_of(&app, "/", Some("https")).await;
    let (cookie, _) = sign_in(&app, Some("https")).await;

    assert!(headers.get(HSTS).is_none());
    assert!(!cookie.contains("Secure"), "{cookie}");
}
