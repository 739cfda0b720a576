//! `/api/v1/docs`: the contract as a page to read, rendered in the browser by Redoc (vendored in
//! `api-spec/redoc/`, served from the binary: nothing is fetched from the internet).

use actix_web::HttpResponse;
use actix_web::http::header;

const REDOC: &[u8] = include_bytes!("../../../api-spec/redoc/redoc.standalone.js");

const PAGE: &str = r#"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>pakn API reference</title>
</head>
<body>
<redoc spec-url="/api/v1/openapi.yaml" hide-download-button="false"></redoc>
<script src="/api/v1/docs/redoc.standalone.js"></script>
</body>
</html>
"#;

/// Redoc runs its own script, styles what it draws inline, fetches the spec from here and runs
/// its search in a worker made from a blob; nothing else is allowed, from anywhere else. Its
/// bundled schema validator (Ajv) compiles with `new Function`, hence `'unsafe-eval'` — on this
/// page alone, which shows nothing but the static contract.
const PAGE_POLICY: &str = "default-src 'none'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; \
     img-src 'self' data:; font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; \
     frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

pub async fn page() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .insert_header((header::CONTENT_SECURITY_POLICY, PAGE_POLICY))
        .insert_header((header::CACHE_CONTROL, "public, max-age=300"))
        .body(PAGE)
}

pub async fn redoc() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/javascript; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "public, max-age=86400"))
        .body(REDOC)
}
