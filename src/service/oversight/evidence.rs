//! The files that are supervision's evidence: a monitor adds them to their finding, the head of
//! the agency to a recommendation it is remedying; whoever may read the record reads its files.
//! Each addition is an event of the audit chain naming the file's content hash.

use chrono::NaiveDate;
use serde_json::json;

use super::findings;
use super::recommendations;
use crate::db::oversight::files;
use crate::db::{self, DbConnection};
use crate::domain::authorization::{self, Action, Actor};
use crate::domain::events::{EventKind, Subject};
use crate::domain::ids::SupervisionFileId;
use crate::domain::oversight::files::{EvidenceOf, SupervisionFile};
use crate::domain::oversight::recommendations::RecommendationStep;
use crate::service::uploads::{self, Upload};
use crate::service::{Context, ServiceError, ServiceResult, events};

/// Whether `actor` may add a file to the record now: asked before the body is read.
pub fn may_add(connection: &mut DbConnection, context: &Context, actor: &Actor, of: &EvidenceOf) -> ServiceResult<()> {
    let today = context.today();
    match of {
        EvidenceOf::Finding(id) => {
            let finding = findings::find(connection, actor, id, today)?;
            if finding.monitor_id != actor.user_id {
                return Err(ServiceError::Forbidden);
            }
        }
        EvidenceOf::Recommendation(id) => {
            let (r, _) = recommendations::find(connection, actor, id, today)?;
            authorization::authorize(actor, &Action::AnswerRecommendation { agency_id: &r.agency_id })
                .map_err(|_| ServiceError::Forbidden)?;
            // Evidence of a remedy belongs while the remedy is reported: after the answer, before
            // the monitor closes or escalates it.
            r.allows(RecommendationStep::ReportProgress).map_err(ServiceError::Conflict)?;
        }
    }
    if files::count_of(connection, of)? >= i64::from(context.settings.max_attachments) {
        return Err(full(context));
    }
    Ok(())
}

fn full(context: &Context) -> ServiceError {
    let limit = context.settings.max_attachments;
    ServiceError::invalid("file", format!("the record already has {limit} files, the most it may have"))
}

pub fn add(
    connection: &mut DbConnection,
    context: &Context,
    actor: &Actor,
    of: &EvidenceOf,
    upload: Upload,
) -> ServiceResult<SupervisionFile> {
    may_add(connection, context, actor, of)?;
    let stored = uploads::check_and_store(context, upload)?;
    let now = context.now();
    db::transaction(connection, |c| {
        // Counted again under the write lock: two simultaneous uploads cannot both be the last.
        if files::count_of(c, of)? >= i64::from(context.settings.max_attachments) {
            return Err(full(context));
        }
        let file = SupervisionFile {
            id: SupervisionFileId::from(uuid::Uuid::new_v4()),
            of: of.clone(),
            file_name: stored.file_name,
            media_type: stored.media_type,
            content_hash: stored.content_hash,
            byte_size: stored.byte_size,
            location_shared: stored.location_shared,
            uploaded_by: actor.user_id.clone(),
            created_at: now,
        };
        files::insert(c, &file)?;
        let data = json!({
            "file_id": file.id,
            "media_type": file.media_type.as_str(),
            "content_hash": file.content_hash,
        });
        let (kind, subject) = match of {
            EvidenceOf::Finding(id) => (EventKind::FindingEvidenceAdded, Subject::Finding(id)),
            EvidenceOf::Recommendation(id) => (EventKind::RecommendationEvidenceAdded, Subject::Recommendation(id)),
        };
        events::record(c, Some(&actor.user_id), kind, subject, data, now)?;
        Ok(file)
    })
}

/// Refuses (as "not found") whoever may not read the record.
fn readable(connection: &mut DbConnection, actor: &Actor, of: &EvidenceOf, today: NaiveDate) -> ServiceResult<()> {
    match of {
        EvidenceOf::Finding(id) => findings::find(connection, actor, id, today).map(drop),
        EvidenceOf::Recommendation(id) => recommendations::find(connection, actor, id, today).map(drop),
    }
}

/// The files of a record, for whoever may read it, oldest first.
pub fn of_record(
    connection: &mut DbConnection,
    actor: &Actor,
    of: &EvidenceOf,
    today: NaiveDate,
) -> ServiceResult<Vec<SupervisionFile>> {
    readable(connection, actor, of, today)?;
    Ok(files::of(connection, of)?)
}

/// One file and its bytes, for whoever may read the record.
pub fn download(
    connection: &mut DbConnection,
    context: &Context,
    actor: &Actor,
    of: &EvidenceOf,
    file_id: &SupervisionFileId,
    today: NaiveDate,
) -> ServiceResult<(SupervisionFile, Vec<u8>)> {
    readable(connection, actor, of, today)?;
    let file = files::find(connection, of, file_id)?
        .ok_or_else(|| ServiceError::NotFound(format!("no file has the id {file_id}")))?;
    let bytes = uploads::read(context, &file.content_hash)?;
    Ok((file, bytes))
}
