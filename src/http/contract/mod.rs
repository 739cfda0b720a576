//! The HTTP contract served by the service itself: `api-spec/openapi.yaml` as YAML, and the same
//! document as a page to read (`/api/v1/docs`).

pub mod docs;
pub mod spec;
