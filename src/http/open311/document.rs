//! Open311's documents, written once and served in both of its formats: XML (the standard's
//! required one: `<?xml version="1.0" encoding="utf-8"?>`, the spec's element names, no
//! namespace, `text/xml`) and JSON (its Spark-convention mapping: a list is a top-level array).

use actix_web::HttpResponse;
use actix_web::http::StatusCode;
use serde_json::{Map, Value};

/// The format a client asked for by the resource's extension (`services.xml`, `services.json`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Xml,
    Json,
}

impl Format {
    /// The resource name and format of a path segment; None when the extension is neither.
    pub fn split(segment: &str) -> Option<(&str, Format)> {
        let (name, extension) = segment.rsplit_once('.')?;
        match extension {
            "xml" => Some((name, Format::Xml)),
            "json" => Some((name, Format::Json)),
            _ => None,
        }
    }

    pub fn content_type(self) -> &'static str {
        match self {
            Format::Xml => "text/xml; charset=utf-8",
            Format::Json => "application/json; charset=utf-8",
        }
    }
}

/// A value of a record's field.
#[derive(Debug, Clone)]
pub enum Field {
    /// Text; None is written as an empty element (XML) or null (JSON).
    Text(Option<String>),
    Number(Option<f64>),
    Integer(i64),
    Boolean(bool),
    /// A list of texts, each in an element of the given name (`<format>`).
    Texts(&'static str, Vec<String>),
    /// A list of records, each in an element of the given name (`<endpoint>`).
    Records(&'static str, Vec<Record>),
}

/// The fields of one element, in the order the standard lists them.
#[derive(Debug, Clone, Default)]
pub struct Record(pub Vec<(&'static str, Field)>);

impl Record {
    pub fn text(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.0.push((name, Field::Text(Some(value.into()))));
        self
    }

    pub fn maybe(mut self, name: &'static str, value: Option<String>) -> Self {
        self.0.push((name, Field::Text(value)));
        self
    }

    pub fn field(mut self, name: &'static str, value: Field) -> Self {
        self.0.push((name, value));
        self
    }
}

/// A whole answer: one record under a root element, or a list of records.
#[derive(Debug, Clone)]
pub enum Document {
    One { root: &'static str, record: Record },
    List { root: &'static str, item: &'static str, records: Vec<Record> },
}

impl Document {
    pub fn respond(&self, status: StatusCode, format: Format) -> HttpResponse {
        let body = match format {
            Format::Xml => self.xml(),
            Format::Json => self.json().to_string(),
        };
        HttpResponse::build(status).content_type(format.content_type()).body(body)
    }

    pub fn xml(&self) -> String {
        let mut out = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
        match self {
            Document::One { root, record } => element(&mut out, root, &Field::Records("", vec![]), Some(record)),
            Document::List { root, item, records } => {
                element(&mut out, root, &Field::Records(item, records.clone()), None);
            }
        }
        out
    }

    pub fn json(&self) -> Value {
        match self {
            Document::One { record, .. } => record_json(record),
            Document::List { records, .. } => Value::Array(records.iter().map(record_json).collect()),
        }
    }
}

fn record_json(record: &Record) -> Value {
    let mut object = Map::new();
    for (name, field) in &record.0 {
        let value = match field {
            Field::Text(text) => text.clone().map_or(Value::Null, Value::String),
            Field::Number(number) => number.and_then(serde_json::Number::from_f64).map_or(Value::Null, Value::Number),
            Field::Integer(number) => Value::from(*number),
            Field::Boolean(flag) => Value::Bool(*flag),
            Field::Texts(_, texts) => Value::Array(texts.iter().cloned().map(Value::String).collect()),
            Field::Records(_, records) => Value::Array(records.iter().map(record_json).collect()),
        };
        object.insert((*name).to_string(), value);
    }
    Value::Object(object)
}

/// `<name>…</name>`: a record's fields, a list's items, or text.
fn element(out: &mut String, name: &str, field: &Field, record: Option<&Record>) {
    out.push('<');
    out.push_str(name);
    out.push('>');
    if let Some(record) = record {
        for (child, value) in &record.0 {
            element(out, child, value, None);
        }
    } else {
        match field {
            Field::Text(text) => out.push_str(&escaped(text.as_deref().unwrap_or(""))),
            Field::Number(number) => out.push_str(&number.map(|n| n.to_string()).unwrap_or_default()),
            Field::Integer(number) => out.push_str(&number.to_string()),
            Field::Boolean(flag) => out.push_str(if *flag { "true" } else { "false" }),
            Field::Texts(item, texts) => {
                for text in texts {
                    element(out, item, &Field::Text(Some(text.clone())), None);
                }
            }
            Field::Records(item, records) => {
                for record in records {
                    element(out, item, &Field::Records("", vec![]), Some(record));
                }
            }
        }
    }
    out.push_str("</");
    out.push_str(name);
    out.push('>');
}

/// Text as XML character data: the five special characters escaped, and characters XML 1.0
/// cannot carry at all dropped (pakn refuses them on the way in; older data may hold them).
fn escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || matches!(c, '\u{FFFE}' | '\u{FFFF}') => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Document {
        let endpoint = Record::default()
            .text("url", "https://pakn.example/open311/v2")
            .field("formats", Field::Texts("format", vec!["text/xml".into(), "application/json".into()]));
        Document::One {
            root: "discovery",
            record: Record::default()
                .text("contact", "Sở Nội vụ <so.noivu@hue.gov.vn> & \"bộ phận\"")
                .maybe("key_service", None)
                .field("endpoints", Field::Records("endpoint", vec![endpoint])),
        }
    }

    #[test]
    fn xml_escapes_text_and_nests_lists_under_their_item_names() {
        let xml = sample().xml();
        assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<discovery><contact>"));
        assert!(xml.contains("&lt;so.noivu@hue.gov.vn&gt; &amp; &quot;bộ phận&quot;"));
        assert!(xml.contains("<key_service></key_service>"));
        assert!(xml.contains("<endpoints><endpoint><url>https://pakn.example/open311/v2</url><formats><format>text/xml</format><format>application/json</format></formats></endpoint></endpoints>"));
    }

    #[test]
    fn json_maps_lists_to_arrays_and_missing_text_to_null() {
        let json = sample().json();
        assert_eq!(json["key_service"], Value::Null);
        assert_eq!(json["endpoints"][0]["formats"][1], "application/json");
        let list = Document::List {
            root: "services",
            item: "service",
            records: vec![Record::default().text("service_code", "a")],
        };
        assert_eq!(list.json(), serde_json::json!([{ "service_code": "a" }]));
        assert_eq!(
            list.xml(),
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<services><service><service_code>a</service_code></service></services>"
        );
    }

    #[test]
    fn characters_xml_cannot_carry_are_dropped() {
        assert_eq!(escaped("a\u{0}b\u{1F}c\nd"), "abc\nd");
    }
}
