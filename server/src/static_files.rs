//! The browser bundle and the site's other files: the bundle under content-hashed names
//! (`pkg/lector-<hash>.{js,wasm,css}`, named in `pkg/bundle.txt` by scripts/build.sh), served
//! precompressed (brotli, else gzip) and cached for a year as immutable, so a reload fetches
//! none of it again; pages and API answers are compressed on the fly (gzip) where it pays.

use std::path::Path;

use axum::extract::Request;
use axum::http::{header, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use tower_http::compression::CompressionLayer;
use tower_http::services::ServeDir;

/// The bundle's name when no hashed build is there (a developer's own build): served, but
/// never cached as immutable.
pub const UNHASHED: &str = "lector";

/// The file in `pkg/` that names the hashed bundle.
const NAME_FILE: &str = "bundle.txt";

/// The bundle's name in `<site_root>/pkg` (`lector-<hash>`), or [`UNHASHED`] when the build
/// wrote no name, or one that is not a plain file stem.
pub fn bundle_name(site_root: &Path) -> String {
    std::fs::read_to_string(site_root.join("pkg").join(NAME_FILE))
        .ok()
        .map(|text| text.trim().to_string())
        .filter(|name| is_hashed(name))
        .unwrap_or_else(|| UNHASHED.to_string())
}

/// `lector-` followed by 16 to 64 lowercase hex digits.
fn is_hashed(name: &str) -> bool {
    name.strip_prefix("lector-").is_some_and(|hash| {
        (16..=64).contains(&hash.len())
            && hash
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    })
}

/// `/pkg`: the bundle files, with their `.br` and `.gz` siblings served to browsers that
/// accept them.
pub fn pkg_files(site_root: &Path) -> ServeDir {
    ServeDir::new(site_root.join("pkg"))
        .precompressed_br()
        .precompressed_gzip()
}

/// Compression of everything not already compressed (images, precompressed files and
/// streams are left as they are by the layer's default predicate).
pub fn compression() -> CompressionLayer {
    CompressionLayer::new()
}

/// How long a browser may keep a static file: a hashed bundle file forever (its name changes
/// with its content), the favicon a day, an unhashed bundle not without asking again.
fn cache_policy(path: &str) -> Option<&'static str> {
    let file = path.strip_prefix("/pkg/")?;
    let stem = file.split('.').next().unwrap_or("");
    Some(if is_hashed(stem) {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    })
}

/// Sets `Cache-Control` on the static files' successful answers.
pub async fn cache_headers(request: Request, next: Next) -> Response {
    let path = request.uri().path().to_string();
    let mut response = next.run(request).await;
    let policy = if path == "/favicon.svg" {
        Some("public, max-age=86400")
    } else {
        cache_policy(&path)
    };
    if let Some(policy) = policy {
        if response.status().is_success() || response.status().as_u16() == 304 {
            response
                .headers_mut()
                .insert(header::CACHE_CONTROL, HeaderValue::from_static(policy));
        }
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_content_hashed_bundle_file_is_cached_as_immutable() {
        assert_eq!(
            cache_policy("/pkg/lector-0123456789abcdef.wasm"),
            Some("public, max-age=31536000, immutable")
        );
        assert_eq!(cache_policy("/pkg/lector.wasm"), Some("no-cache"));
        assert_eq!(cache_policy("/pkg/lector-XYZ.js"), Some("no-cache"));
        assert_eq!(cache_policy("/read/1/1"), None);
    }

    #[test]
    fn a_bundle_name_that_is_not_a_hashed_stem_falls_back_to_the_plain_name() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("pkg")).unwrap();
        assert_eq!(bundle_name(dir.path()), UNHASHED);

        std::fs::write(dir.path().join("pkg/bundle.txt"), "../../etc/passwd\n").unwrap();
        assert_eq!(bundle_name(dir.path()), UNHASHED);

        std::fs::write(
            dir.path().join("pkg/bundle.txt"),
            "lector-00ff00ff00ff00ff\n",
        )
        .unwrap();
        assert_eq!(bundle_name(dir.path()), "lector-00ff00ff00ff00ff");
    }
}
