//! `services.{xml,json}` and `services/{service_code}.{xml,json}`: one service for each category
//! in use and each kind a citizen files without signing in (feedback, proposal), and the
//! attributes every service takes.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};

use super::document::{Document, Field, Format, Record};
use super::errors::Failure;
use super::named;
use crate::domain::category::Category;
use crate::domain::open311::{ATTRIBUTES, KINDS, ServiceCode};
use crate::domain::petition::PetitionKind;
use crate::error::ApiError;
use crate::service::Context;
use crate::service::reference::categories;

/// A service's name: the kind and the category, in Vietnamese and English.
pub fn service_name(kind: PetitionKind, category: &Category) -> String {
    let (vi, en) = kind.words();
    format!("{vi}: {} / {en}: {}", category.name_vi, category.name_en)
}

fn service(kind: PetitionKind, category: &Category) -> Option<Record> {
    let code = ServiceCode::of(kind, &category.code)?;
    Some(
        Record::default()
            .text("service_code", code.to_string())
            .text("service_name", service_name(kind, category))
            .text("description", format!("{} {}", category.description_vi, category.description_en).trim().to_string())
            .field("metadata", Field::Boolean(!ATTRIBUTES.is_empty()))
            .text("type", "realtime")
            .text("keywords", format!("{}, {}, {}", category.code.as_str(), category.name_vi, category.name_en))
            .text("group", category.name_en.clone()),
    )
}

pub async fn list(context: web::Data<Context>, format: Format) -> Result<HttpResponse, Failure> {
    let listed = context.run(|c, _| categories::list(c)).await.map_err(|e| Failure::new(e, format))?;
    let records = listed
        .iter()
        .filter(|category| category.active)
        .flat_map(|category| KINDS.iter().filter_map(|kind| service(*kind, category)))
        .collect();
    Ok(Document::List { root: "services", item: "service", records }.respond(StatusCode::OK, format))
}

pub async fn definition(context: web::Data<Context>, path: web::Path<String>) -> Result<HttpResponse, Failure> {
    let (code, format) = named(&path)?;
    let not_found = || Failure::new(ApiError::NotFound(format!("no service {code}")), format);
    let service = ServiceCode::parse(code).ok_or_else(not_found)?;
    let category = service.category.clone();
    let found = context.run(move |c, _| categories::find(c, &category)).await;
    match found {
        Ok(category) if category.active => {}
        Ok(_) | Err(crate::service::ServiceError::NotFound(_)) => return Err(not_found()),
        Err(other) => return Err(Failure::new(other, format)),
    }
    let attributes = ATTRIBUTES
        .iter()
        .map(|attribute| {
            let values = attribute
                .values
                .iter()
                .map(|(key, name)| Record::default().text("key", *key).text("name", *name))
                .collect();
            Record::default()
                .field("variable", Field::Boolean(true))
                .text("code", attribute.code)
                .text("datatype", attribute.datatype.as_str())
                .field("required", Field::Boolean(attribute.required))
                .text("datatype_description", attribute.datatype_description)
                .field("order", Field::Integer(i64::from(attribute.order)))
                .text("description", attribute.description)
                .field("values", Field::Records("value", values))
        })
        .collect();
    let record = Record::default()
        .text("service_code", service.to_string())
        .field("attributes", Field::Records("attribute", attributes));
    Ok(Document::One { root: "service_definition", record }.respond(StatusCode::OK, format))
}
