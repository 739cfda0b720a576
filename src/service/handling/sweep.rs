//! The deadline sweep: reminders a few working days before a deadline (to the assignee and the
//! head), marking a petition overdue once its deadline passed (telling the head and the head of
//! the superior agency), and closing resolved petitions nothing followed.
//!
//! It reads only petitions whose `next_sweep_on` has come (an index range), and claims each step
//! with a guarded update in the same transaction as the e-mails it sends: two processes sweeping
//! at once never remind or escalate twice.

use chrono::{NaiveDateTime, TimeDelta};
use serde_json::json;

use crate::db::petitions::{self, PetitionChange, PetitionRow};
use crate::db::{self, DbConnection};
use crate::domain::petition::PetitionStatus;
use crate::domain::time::vietnam_date;
use crate::mail::templates::Notice;
use crate::service::events::{self, TimelineEntry};
use crate::service::handling::status_of;
use crate::service::{Context, ServiceResult, petitions::notices};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SweepReport {
    pub reminded: usize,
    pub overdue: usize,
    pub closed: usize,
    /// Steps another process (or a person acting on the petition) took first.
    pub skipped: usize,
}

impl SweepReport {
    pub fn total(&self) -> usize {
        self.reminded + self.overdue + self.closed
    }
}

const BATCH: i64 = 200;

/// Sweeps everything due today (in Vietnam).
pub fn sweep(connection: &mut DbConnection, context: &Context) -> ServiceResult<SweepReport> {
    let now = context.now();
    let today = vietnam_date(now);
    let mut report = SweepReport::default();
    loop {
        let batch = petitions::due_for_sweep(connection, today, BATCH)?;
        let progress_before = report.total();
        for petition in &batch {
            db::transaction(connection, |c| sweep_one(c, context, petition, now, &mut report))?;
        }
        // A short batch was the last; a batch where every step was taken by others would come
        // back unchanged, so it ends the round too (the next round reads them afresh).
        if (batch.len() as i64) < BATCH || report.total() == progress_before {
            return Ok(report);
        }
    }
}

fn sweep_one(
    c: &mut DbConnection,
    context: &Context,
    petition: &PetitionRow,
    now: NaiveDateTime,
    report: &mut SweepReport,
) -> ServiceResult<()> {
    let today = vietnam_date(now);
    let status = status_of(petition)?;
    let agency = petition.assigned_agency_id.clone().unwrap_or_default();
    if status == PetitionStatus::Resolved {
        let change = PetitionChange {
            status: Some(PetitionStatus::Closed.as_str().into()),
            closed_at: Some(Some(now)),
            next_sweep_on: Some(None),
            ..PetitionChange::default()
        };
        if petitions::apply(c, &petition.id, petition.version, &change, now)? == 0 {
            report.skipped += 1;
            return Ok(());
        }
        timeline(c, petition, "petition.closed", true, "Đơn đã đóng / The petition was closed", now)?;
        report.closed += 1;
        return Ok(());
    }
    let Some(due) = petition.next_due.filter(|_| is_open(status)) else {
        // Nothing runs any more: nothing left for the sweep.
        petitions::claim_sweep_step(c, petition, None)?;
        report.skipped += 1;
        return Ok(());
    };
    let step = if matches!(status, PetitionStatus::Received | PetitionStatus::Transferred) {
        ("thụ lý", "acceptance")
    } else {
        ("giải quyết", "resolution")
    };
    let day = due.format("%d/%m/%Y");
    if due < today {
        if petitions::claim_sweep_step(c, petition, None)? == 0 {
            report.skipped += 1;
            return Ok(());
        }
        let notice = Notice::new(
            format!("đã quá hạn {} (hạn {day})", step.0),
            format!("the {} deadline ({day}) has passed", step.1),
        );
        timeline(c, petition, "petition.overdue", true, &format!("{} / {}", notice.vi, notice.en), now)?;
        notices::to_head_of(c, context, &agency, petition, &notice, now)?;
        notices::to_superior_head_of(c, context, &agency, petition, &notice, now)?;
        report.overdue += 1;
    } else {
        if petitions::claim_sweep_step(c, petition, Some(due + TimeDelta::days(1)))? == 0 {
            report.skipped += 1;
            return Ok(());
        }
        let notice =
            Notice::new(format!("sắp đến hạn {} ({day})", step.0), format!("the {} deadline is near ({day})", step.1));
        timeline(c, petition, "petition.deadline_near", false, &format!("{} / {}", notice.vi, notice.en), now)?;
        notices::to_assignee_and_head(c, context, petition.assignee_id.as_deref(), &agency, petition, &notice, now)?;
        report.reminded += 1;
    }
    Ok(())
}

fn is_open(status: PetitionStatus) -> bool {
    matches!(
        status,
        PetitionStatus::Received | PetitionStatus::Transferred | PetitionStatus::Accepted | PetitionStatus::InProgress
    )
}

fn timeline(
    c: &mut DbConnection,
    petition: &PetitionRow,
    kind: &str,
    public: bool,
    note: &str,
    now: NaiveDateTime,
) -> ServiceResult<()> {
    events::record_on_petition(
        c,
        &petition.id,
        TimelineEntry { actor_id: None, kind, public, note: Some(note), data: json!({ "due": petition.next_due }) },
        now,
    )
}
