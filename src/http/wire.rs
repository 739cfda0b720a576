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

/// For optional fields whose schema does not admit null: left out is `None`; `null` is refused
/// (422 naming the field), since there is nothing to clear. (Fields that can be cleared use
/// `present`.) Use with `#[serde(default, deserialize_with = "not_null")]`.
pub fn not_null<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: serde::Deserialize<'de>,
{
    T::deserialize(deserializer).map(Some)
}

/// For a field that must be given but may be null (`"extension": null` says there is none):
/// leaving it out is refused as a missing field. Use without `default`.
pub fn required_nullable<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: serde::Deserialize<'de>,
{
    <Option<T> as serde::Deserialize>::deserialize(deserializer)
}

/// A whole number as JSON Schema's `integer` reads it: `610` and `610.0` alike.
pub fn whole<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    T: TryFrom<i64>,
{
    use serde::de::Error;
    const EXACT: f64 = 9_007_199_254_740_992.0; // 2^53: beyond it a float is not a whole number for sure
    let number = <serde_json::Number as serde::Deserialize>::deserialize(deserializer)?;
    let whole = number
        .as_i64()
        .or_else(|| number.as_f64().filter(|f| f.fract() == 0.0 && f.abs() < EXACT).map(|f| f as i64))
        .ok_or_else(|| D::Error::custom(format!("must be a whole number, not {number}")))?;
    T::try_from(whole).map_err(|_| D::Error::custom(format!("{whole} is out of range")))
}

/// `whole` for an optional field that is not null when given.
pub fn whole_not_null<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: TryFrom<i64>,
{
    whole(deserializer).map(Some)
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    struct Body {
        #[serde(deserialize_with = "super::whole")]
        length: u32,
        #[serde(default, deserialize_with = "super::not_null")]
        language: Option<String>,
        #[serde(deserialize_with = "super::required_nullable")]
        extension: Option<u32>,
    }

    fn parse(text: &str) -> Result<Body, String> {
        serde_json::from_str(text).map_err(|e| e.to_string())
    }

    #[test]
    fn a_whole_number_may_be_written_with_a_zero_fraction_but_not_with_another() {
        assert_eq!(parse(r#"{"length": 610.0, "extension": null}"#).unwrap().length, 610);
        assert!(parse(r#"{"length": 610.5, "extension": null}"#).unwrap_err().contains("must be a whole number"));
        assert!(parse(r#"{"length": -1, "extension": null}"#).unwrap_err().contains("out of range"));
    }

    #[test]
    fn null_is_refused_where_there_is_nothing_to_clear_and_a_required_nullable_field_must_be_given() {
        assert!(parse(r#"{"length": 1, "language": null, "extension": null}"#).is_err());
        assert_eq!(parse(r#"{"length": 1, "extension": null}"#).unwrap().language, None);
        assert!(parse(r#"{"length": 1}"#).unwrap_err().contains("missing field `extension`"));
        assert_eq!(parse(r#"{"length": 1, "extension": 3}"#).unwrap().extension, Some(3));
    }
}
