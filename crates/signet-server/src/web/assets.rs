//! The page and its assets, embedded in the binary.
//!
//! `index.html` names its assets as `{{app.css}}`, `{{app.js}}`, …; they are
//! replaced once with `/assets/web/<file>?v=<hash of the file>`, so an
//! asset's URL changes with its content and can be cached for good.

use std::sync::LazyLock;

use axum::extract::Path;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};

/// One embedded file.
struct Asset {
    name: &'static str,
    content_type: &'static str,
    body: &'static str,
}

const ASSETS: [Asset; 3] = [
    Asset {
        name: "app.css",
        content_type: "text/css; charset=utf-8",
        body: include_str!("../../assets/web/app.css"),
    },
    Asset {
        name: "app.js",
        content_type: "text/javascript; charset=utf-8",
        body: include_str!("../../assets/web/app.js"),
    },
    Asset {
        name: "icon.svg",
        content_type: "image/svg+xml",
        body: include_str!("../../assets/web/icon.svg"),
    },
];

const INDEX: &str = include_str!("../../assets/web/index.html");

/// The Content-Security-Policy of every answer of the page family: only
/// signet's own scripts, styles, images and endpoints; no inline script,
/// no plugins, no framing, forms post nowhere else.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; \
     style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; \
     base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

fn short_hash(body: &str) -> String {
    hex::encode(&Sha256::digest(body.as_bytes())[..8])
}

/// The page with its asset URLs filled in, and its ETag.
static PAGE: LazyLock<(String, String)> = LazyLock::new(|| {
    let mut html = INDEX.to_owned();
    for a in &ASSETS {
        html = html.replace(
            &format!("{{{{{}}}}}", a.name),
            &format!("/assets/web/{}?v={}", a.name, short_hash(a.body)),
        );
    }
    let etag = format!("\"{}\"", short_hash(&html));
    (html, etag)
});

/// The web page.
#[utoipa::path(get, path = "/", tag = "web",
    responses((status = 200, description = "The web page for people: signature and certificate checks", content_type = "text/html")))]
pub async fn page(headers: HeaderMap) -> Response {
    let (html, etag) = &*PAGE;
    if headers
        .get(header::IF_NONE_MATCH)
        .is_some_and(|v| v.as_bytes() == etag.as_bytes())
    {
        return (
            StatusCode::NOT_MODIFIED,
            [
                (header::ETAG, etag.clone()),
                (header::CACHE_CONTROL, "no-cache".to_owned()),
            ],
        )
            .into_response();
    }
    (
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8".to_owned()),
            (header::CACHE_CONTROL, "no-cache".to_owned()),
            (header::ETAG, etag.clone()),
        ],
        html.clone(),
    )
        .into_response()
}

/// A stylesheet, script or image of the page.
pub async fn asset(Path(file): Path<String>) -> Response {
    match ASSETS.iter().find(|a| a.name == file) {
        Some(a) => (
            [
                (header::CONTENT_TYPE, a.content_type),
                // The page asks for it by a URL that changes with it.
                (header::CACHE_CONTROL, "public, max-age=31536000, immutable"),
            ],
            a.body,
        )
            .into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

/// Adds the page family's security headers to an answer.
pub async fn security_headers(mut response: Response) -> Response {
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CONTENT_SECURITY_POLICY),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_asset_is_named_by_the_page_and_no_placeholder_is_left() {
        let (html, _) = &*PAGE;
        for a in &ASSETS {
            assert!(
                html.contains(&format!("/assets/web/{}?v=", a.name)),
                "{}",
                a.name
            );
        }
        assert!(!html.contains("{{"), "a placeholder is left");
    }

    #[test]
    fn the_page_has_no_inline_script_or_style() {
        let (html, _) = &*PAGE;
        assert!(!html.contains("<script>"));
        assert!(!html.contains(" style="));
        assert!(!html.contains(" onclick="));
    }
}
