//! `/api/v1/privacy-notice`: the notice in force (or an earlier version), with the retention
//! schedule now in force; `/api/v1/admin/privacy-notices`: an administrator publishes a new one.

use actix_web::{HttpResponse, web};
use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use super::register::RuleResponse;
use crate::domain::authorization::Action;
use crate::domain::personal_data::notice::{self, PrivacyNotice};
use crate::error::ApiError;
use crate::http::extract::{JsonBody, QueryCheck};
use crate::http::signed_in::SignedIn;
use crate::http::wire::vietnam_time;
use crate::service::Context;
use crate::service::personal_data::notices::{self, NoticeRead};

#[derive(Debug, Serialize)]
pub struct VersionResponse {
    version: i32,
    published_at: DateTime<FixedOffset>,
    href: String,
}

#[derive(Debug, Serialize)]
pub struct NoticeResponse {
    version: i32,
    published_at: DateTime<FixedOffset>,
    text_vi: String,
    text_en: String,
    /// How long each kind of record is kept now, and why.
    retention: Vec<RuleResponse>,
    versions: Vec<VersionResponse>,
}

impl NoticeResponse {
    fn of(read: NoticeRead) -> Self {
        let NoticeRead { notice, versions, rules } = read;
        NoticeResponse {
            version: notice.version,
            published_at: vietnam_time(notice.published_at),
            text_vi: notice.text_vi,
            text_en: notice.text_en,
            retention: rules.into_iter().filter(|rule| rule.name.is_retention()).map(RuleResponse::from).collect(),
            versions: versions
                .into_iter()
                .map(|(version, published_at)| VersionResponse {
                    version,
                    published_at: vietnam_time(published_at),
                    href: notice::link(version),
                })
                .collect(),
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoticeQuery {
    version: Option<String>,
}

pub async fn get_privacy_notice(
    context: web::Data<Context>,
    query: web::Query<NoticeQuery>,
) -> Result<web::Json<NoticeResponse>, ApiError> {
    let mut check = QueryCheck::default();
    let version = check.optional("version", query.version.as_deref(), |text| match text.parse::<i32>() {
        Ok(version) if version >= 1 && text.bytes().all(|b| b.is_ascii_digit()) => Ok(version),
        _ => Err("must be a whole number from 1"),
    });
    check.finish()?;
    let read = context.run(move |c, _| notices::read(c, version)).await?;
    Ok(web::Json(NoticeResponse::of(read)))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PublishRequest {
    text_vi: String,
    text_en: String,
}

#[derive(Debug, Serialize)]
pub struct PublishedResponse {
    version: i32,
    published_at: DateTime<FixedOffset>,
    href: String,
}

impl From<PrivacyNotice> for PublishedResponse {
    fn from(notice: PrivacyNotice) -> Self {
        PublishedResponse {
            version: notice.version,
            published_at: vietnam_time(notice.published_at),
            href: notice::link(notice.version),
        }
    }
}

pub async fn publish_privacy_notice(
    context: web::Data<Context>,
    signed_in: SignedIn,
    body: JsonBody<PublishRequest>,
) -> Result<HttpResponse, ApiError> {
    signed_in.may(&Action::ProtectPersonalData)?;
    let (admin, now, b) = (signed_in.actor().user_id.clone(), context.now(), body.0);
    let published = context.run(move |c, _| notices::publish(c, &admin, &b.text_vi, &b.text_en, now)).await?;
    Ok(HttpResponse::Created().json(PublishedResponse::from(published)))
}
