//! `/api/v1/public/open-data`: the daily export of every public petition, as CSV and JSON, for
//! anyone to download and recompute the public figures from.

use std::io::Read;

use actix_web::web::Bytes;
use actix_web::{HttpResponse, web};
use chrono::NaiveDate;
use serde::Serialize;

use crate::error::ApiError;
use crate::http::wire::ListResponse;
use crate::service::Context;
use crate::service::reports::open_data::{self, ExportFile, Format};

const PATH: &str = "/api/v1/public/open-data";

#[derive(Debug, Serialize)]
pub struct OpenDataFileResponse {
    name: String,
    date: NaiveDate,
    format: Format,
    bytes: u64,
    url: String,
}

impl From<ExportFile> for OpenDataFileResponse {
    fn from(file: ExportFile) -> Self {
        OpenDataFileResponse {
            url: format!("{PATH}/{}", file.name),
            name: file.name,
            date: file.date,
            format: file.format,
            bytes: file.bytes,
        }
    }
}

pub async fn list_open_data(
    context: web::Data<Context>,
) -> Result<web::Json<ListResponse<OpenDataFileResponse>>, ApiError> {
    let listed = web::block(move || open_data::list(&context)).await;
    let files = listed.map_err(|e| ApiError::Internal(anyhow::anyhow!("listing the open data failed: {e}")))??;
    Ok(web::Json(ListResponse::complete(files.into_iter().map(Into::into).collect())))
}

/// The file, streamed in chunks: a year's export of a city runs to hundreds of megabytes.
pub async fn download_open_data(
    context: web::Data<Context>,
    name: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let (file, export) = open_data::open(&context, &name)?;
    let chunks = futures_util::stream::unfold(file, |mut file| async move {
        let mut buffer = vec![0; 64 * 1024];
        match file.read(&mut buffer) {
            Ok(0) => None,
            Ok(read) => {
                buffer.truncate(read);
                Some((Ok::<_, std::io::Error>(Bytes::from(buffer)), file))
            }
            Err(error) => Some((Err(error), file)),
        }
    });
    Ok(HttpResponse::Ok()
        .content_type(export.format.content_type())
        .insert_header(("Content-Disposition", format!("attachment; filename=\"{}\"", export.name)))
        .no_chunking(export.bytes)
        .streaming(chunks))
}
