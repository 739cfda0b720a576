//! Reading requests: JSON bodies and query strings, with every failure answered as a problem that
//! names the offending field.

use std::future::Future;
use std::pin::Pin;

use actix_web::http::header;
use actix_web::{FromRequest, HttpRequest, dev::Payload, web};
use serde::de::DeserializeOwned;

use crate::domain::FieldError;
use crate::domain::pagination::{Cursor, PageSize};
use crate::error::ApiError;

/// The largest JSON body, set per app from `PAKN_MAX_JSON_BODY_BYTES`.
#[derive(Debug, Clone, Copy)]
pub struct JsonLimit(pub usize);

/// A JSON request body. Not JSON → 415; too large → 413; not well-formed → 400 `malformed_json`;
/// well-formed but of the wrong shape → 422 naming the field.
#[derive(Debug)]
pub struct JsonBody<T>(pub T);

impl<T: DeserializeOwned + 'static> FromRequest for JsonBody<T> {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(request: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let is_json = request
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.split(';').next())
            .is_some_and(|mime| {
                let mime = mime.trim().to_ascii_lowercase();
                mime == "application/json" || (mime.starts_with("application/") && mime.ends_with("+json"))
            });
        let limit = request.app_data::<JsonLimit>().map_or(64 * 1024, |limit| limit.0);
        let body = web::Bytes::from_request(request, payload);
        Box::pin(async move {
            if !is_json {
                return Err(ApiError::UnsupportedMediaType(
                    "the request body must be JSON (Content-Type: application/json)".into(),
                ));
            }
            let bytes = body.await.map_err(|error| body_error(&error, limit))?;
            if bytes.len() > limit {
                return Err(ApiError::PayloadTooLarge { limit });
            }
            let value = parse_json(&bytes)?;
            // serde fills a struct from a JSON array too (`[]` is a PATCH that changes nothing):
            // every body the API takes is an object, as the spec says.
            if bytes.iter().find(|b| !b" \t\r\n".contains(b)) != Some(&b'{') {
                return Err(ApiError::validation("body", "must be a JSON object"));
            }
            Ok(JsonBody(value))
        })
    }
}

fn body_error(error: &actix_web::Error, limit: usize) -> ApiError {
    if error.as_response_error().status_code() == actix_web::http::StatusCode::PAYLOAD_TOO_LARGE {
        ApiError::PayloadTooLarge { limit }
    } else {
        ApiError::BadRequest { code: "unreadable_body", detail: "the request body could not be read".into() }
    }
}

/// Deserializes, tracking the path to the value that failed.
pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let value = serde_path_to_error::deserialize(&mut deserializer)
        .map_err(|error| if error.inner().is_data() { wrong_shape(&error) } else { malformed(error.inner()) })?;
    deserializer.end().map_err(|error| malformed(&error))?;
    Ok(value)
}

/// Deserializes an already-parsed JSON value, naming the field that does not fit.
pub fn from_value<T: DeserializeOwned>(value: serde_json::Value) -> Result<T, ApiError> {
    serde_path_to_error::deserialize(value).map_err(|error| wrong_shape(&error))
}

/// Well-formed JSON of the wrong shape: 422 naming the field ("address.ward_code"), including a
/// missing one, which serde reports at its parent, and one the request may not carry (`status`
/// on a filing), so that a client learns the server did not silently ignore it.
fn wrong_shape(error: &serde_path_to_error::Error<serde_json::Error>) -> ApiError {
    let path = error.path().to_string();
    let message = strip_position(&error.inner().to_string());
    let field = match (path.as_str(), missing_field(&message)) {
        (".", Some(missing)) => missing.to_string(),
        (".", None) => "body".to_string(),
        (path, Some(missing)) => format!("{path}.{missing}"),
        (path, None) => path.to_string(),
    };
    ApiError::Validation(vec![FieldError::new(field, message)])
}

fn malformed(error: &serde_json::Error) -> ApiError {
    ApiError::BadRequest {
        code: "malformed_json",
        detail: format!("the request body is not well-formed JSON: {}", strip_position(&error.to_string())),
    }
}

fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(index) if index > 0 => message[..index].to_string(),
        _ => message.to_string(),
    }
}

fn missing_field(message: &str) -> Option<&str> {
    message.strip_prefix("missing field `")?.split('`').next()
}

/// An id from the path; text that is no id answers 404 like an id nobody has ("no petition has
/// the id …"), so probing ids learns nothing.
pub fn id_in_path<T: std::str::FromStr>(text: &str, what: &str) -> Result<T, ApiError> {
    text.parse().map_err(|_| ApiError::NotFound(format!("no {what} has the id {text:?}")))
}

/// Collects every bad query parameter before answering, so a client fixes them all at once.
#[derive(Debug, Default)]
pub struct QueryCheck {
    errors: Vec<FieldError>,
}

impl QueryCheck {
    /// Parses an optional parameter; a bad value is noted against its name.
    pub fn optional<T, E: std::fmt::Display>(
        &mut self,
        field: &str,
        value: Option<&str>,
        parse: impl FnOnce(&str) -> Result<T, E>,
    ) -> Option<T> {
        let value = value?;
        match parse(value) {
            Ok(parsed) => Some(parsed),
            Err(error) => {
                self.errors.push(FieldError::new(field, error.to_string()));
                None
            }
        }
    }

    pub fn date(&mut self, field: &str, value: Option<&str>) -> Option<chrono::NaiveDate> {
        self.optional(field, value, |text| {
            chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| "must be a date YYYY-MM-DD")
        })
    }

    /// `valid_on` of effective-dated listings: a date, `any` for every version (None), or `today`
    /// when not given.
    pub fn valid_on(&mut self, value: Option<&str>, today: chrono::NaiveDate) -> Option<chrono::NaiveDate> {
        match value {
            Some("any") => None,
            given => Some(self.date("valid_on", given).unwrap_or(today)),
        }
    }

    pub fn page_size(&mut self, value: Option<&str>) -> PageSize {
        let requested = self.optional("limit", value, |text| text.parse::<i64>().map_err(|_| "must be a whole number"));
        match PageSize::new(requested) {
            Ok(size) => size,
            Err(message) => {
                self.errors.push(FieldError::new("limit", message));
                PageSize::default()
            }
        }
    }

    pub fn cursor(&mut self, value: Option<&str>) -> Option<Cursor> {
        self.optional("cursor", value, Cursor::decode)
    }

    pub fn finish(self) -> Result<(), ApiError> {
        if self.errors.is_empty() { Ok(()) } else { Err(ApiError::Validation(self.errors)) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Registration {
        email: String,
        age: u8,
        address: Address,
    }

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Address {
        ward_code: String,
    }

    fn field_of(error: ApiError) -> String {
        match error {
            ApiError::Validation(errors) => errors[0].field.clone(),
            other => panic!("expected a validation error, got {other:?}"),
        }
    }

    #[test]
    fn a_missing_field_is_named() {
        let error = parse_json::<Registration>(br#"{"age": 30, "address": {"ward_code": "19753"}}"#).unwrap_err();
        assert_eq!(field_of(error), "email");
    }

    #[test]
    fn a_value_of_the_wrong_type_is_named_by_its_path() {
        let error =
            parse_json::<Registration>(br#"{"email": "a@b.vn", "age": "thirty", "address": {"ward_code": "1"}}"#)
                .unwrap_err();
        assert_eq!(field_of(error), "age");
        let error =
            parse_json::<Registration>(br#"{"email": "a@b.vn", "age": 3, "address": {"ward_code": 1}}"#).unwrap_err();
        assert_eq!(field_of(error), "address.ward_code");
    }

    #[test]
    fn a_missing_nested_field_is_named_with_its_parent() {
        let error = parse_json::<Registration>(br#"{"email": "a@b.vn", "age": 3, "address": {}}"#).unwrap_err();
        assert_eq!(field_of(error), "address.ward_code");
    }

    #[test]
    fn a_field_the_request_may_not_carry_is_named() {
        let body = br#"{"email": "a@b.vn", "age": 3, "address": {"ward_code": "1"}, "status": "closed"}"#;
        let error = parse_json::<Registration>(body).unwrap_err();
        let ApiError::Validation(errors) = error else { panic!() };
        assert_eq!(errors[0].field, "status");
        assert!(errors[0].message.starts_with("unknown field `status`"), "{}", errors[0].message);
    }

    #[test]
    fn malformed_json_is_a_bad_request_not_a_validation_error() {
        for body in [
            &b"{\"email\": "[..],
            b"not json",
            br#"{"email": "a@b.vn", "age": 3, "address": {"ward_code": "1"}} trailing"#,
            b"\xff\xfe",
        ] {
            match parse_json::<Registration>(body) {
                Err(ApiError::BadRequest { code: "malformed_json", .. }) => {}
                other => panic!("{body:?}: {other:?}"),
            }
        }
    }

    mod through_actix {
        use actix_web::{App, HttpResponse, test, web};

        use super::super::{JsonBody, JsonLimit};
        use super::Registration;

        async fn accept(_body: JsonBody<Registration>) -> HttpResponse {
            HttpResponse::NoContent().finish()
        }

        async fn status_for(content_type: Option<&str>, body: Vec<u8>) -> u16 {
            let app = test::init_service(
                App::new()
                    .app_data(JsonLimit(1024))
                    .app_data(web::PayloadConfig::new(1024))
                    .route("/", web::post().to(accept)),
            )
            .await;
            let mut request = test::TestRequest::post().uri("/").set_payload(body);
            if let Some(content_type) = content_type {
                request = request.insert_header(("content-type", content_type));
            }
            test::call_service(&app, request.to_request()).await.status().as_u16()
        }

        const VALID: &[u8] = br#"{"email": "a@b.vn", "age": 3, "address": {"ward_code": "19753"}}"#;

        #[actix_web::test]
        async fn a_valid_json_body_is_accepted_with_or_without_a_charset() {
            assert_eq!(status_for(Some("application/json"), VALID.to_vec()).await, 204);
            assert_eq!(status_for(Some("application/json; charset=utf-8"), VALID.to_vec()).await, 204);
        }

        #[actix_web::test]
        async fn a_body_that_is_not_declared_json_is_415() {
            assert_eq!(status_for(None, VALID.to_vec()).await, 415);
            assert_eq!(status_for(Some("text/plain"), VALID.to_vec()).await, 415);
            assert_eq!(status_for(Some("application/x-www-form-urlencoded"), b"email=a".to_vec()).await, 415);
        }

        #[actix_web::test]
        async fn a_body_over_the_limit_is_413() {
            let mut huge = br#"{"email": ""#.to_vec();
            huge.extend(std::iter::repeat_n(b'a', 4096));
            huge.extend(br#""}"#);
            assert_eq!(status_for(Some("application/json"), huge).await, 413);
        }

        #[actix_web::test]
        async fn malformed_json_is_400_and_a_wrong_shape_is_422() {
            assert_eq!(status_for(Some("application/json"), b"{\"email\":".to_vec()).await, 400);
            assert_eq!(status_for(Some("application/json"), b"\xff\xfe\x00".to_vec()).await, 400);
            assert_eq!(status_for(Some("application/json"), br#"{"email": 1}"#.to_vec()).await, 422);
        }
    }

    #[test]
    fn query_problems_are_all_reported_together() {
        let mut check = QueryCheck::default();
        check.page_size(Some("500"));
        check.date("valid_on", Some("2025-02-30"));
        check.cursor(Some("not-a-cursor"));
        match check.finish() {
            Err(ApiError::Validation(errors)) => {
                let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
                assert_eq!(fields, ["limit", "valid_on", "cursor"]);
            }
            other => panic!("{other:?}"),
        }
    }
}
