//! JSON shapes shared by every resource.

use serde::Serialize;

use crate::service::page::Page;

/// `{"items": [...], "next_cursor": "…" | null, "total": N}`: every listing answers this.
#[derive(Debug, Serialize)]
pub struct ListResponse<T> {
    pub items: Vec<T>,
    pub next_cursor: Option<String>,
    pub total: i64,
}

impl<T> ListResponse<T> {
    pub fn from_page<R>(page: Page<R>, to_wire: impl FnMut(R) -> T) -> Self {
        let page = page.map(to_wire);
        ListResponse { items: page.items, next_cursor: page.next_cursor, total: page.total }
    }

    /// A listing short enough to come whole.
    pub fn complete(items: Vec<T>) -> Self {
        let total = items.len() as i64;
        ListResponse { items, next_cursor: None, total }
    }
}

/// A stored UTC instant as people in Vietnam read it: RFC 3339 with the +07:00 offset.
pub fn vietnam_time(utc: chrono::NaiveDateTime) -> chrono::DateTime<chrono::FixedOffset> {
    utc.and_utc().with_timezone(&crate::domain::time::VIETNAM_OFFSET)
}

/// For PATCH bodies: writes a field the client gave over the current value.
pub fn set<T>(target: &mut T, value: Option<T>) {
    if let Some(value) = value {
        *target = value;
    }
}

/// For PATCH bodies: tells a field set to null (`Some(None)`) from a field left out (`None`).
pub fn present<'de, D, T>(deserializer: D) -> Result<Option<Option<T>>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: serde::Deserialize<'de>,
{
    <Option<T> as serde::Deserialize>::deserialize(deserializer).map(Some)
}
