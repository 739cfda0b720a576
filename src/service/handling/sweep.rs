//! The deadline sweep: reminders a few working days before a deadline (to the assignee and the
//! head), marking a petition overdue once its deadline passed (telling the head and the head of
//! the superior agency), and closing resolved petitions nothing followed.
//!
//! It reads only petitions whose `next_sweep_on` has come (an index range), and claims each step
//! with a guarded update in the same transaction as the e-mails it sends: two processes sweeping
//! at once never remind or escalate twice.

use chrono::{NaiveDateTime, TimeDelta};
use serde_json::json;

use crate::db::{self, DbConnection, petitions};
use crate::domain::deadline::DeadlineClock;
use crate::domain::events::{EventKind, Visibility};
use crate::domain::notice::Notice;
use crate::domain::petition::{Petition, PetitionChange, PetitionStatus};
use crate::domain::time::vietnam_date;
use crate::domain::workflow::steps::confirms_fix;
use crate::service::events::{self, TimelineEntry};
use crate::service::petitions::notices::Telling;
use crate::service::shutdown::Shutdown;
use crate::service::{Context, ServiceResult};

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

/// Sweeps everything due today (in Vietnam), a petition per transaction, until a shutdown begins:
/// the petitions not reached are still due, and the next round (in this process or another)
/// sweeps them.
pub fn sweep(connection: &mut DbConnection, context: &Context, shutdown: &Shutdown) -> ServiceResult<SweepReport> {
    let now = context.now();
    let today = vietnam_date(now);
    let mut report = SweepReport::default();
    loop {
        let batch = petitions::due_for_sweep(connection, today, BATCH)?;
        let progress_before = report.total();
        for petition in &batch {
            if shutdown.has_begun() {
                return Ok(report);
            }
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
    petition: &Petition,
    now: NaiveDateTime,
    report: &mut SweepReport,
) -> ServiceResult<()> {
    let today = vietnam_date(now);
    if petition.status == PetitionStatus::Resolved {
        let change = PetitionChange {
            status: Some(PetitionStatus::Closed),
            closed_at: Some(Some(now)),
            clock: Some(DeadlineClock { next_due: petition.clock.next_due, next_sweep_on: None }),
            ..PetitionChange::default()
        };
        if petitions::apply(c, &petition.id, petition.version, &change, now)? == 0 {
            report.skipped += 1;
            return Ok(());
        }
        let notice = if confirms_fix(petition.kind) {
            let days = context.settings.confirmation_days;
            Notice::new(
                format!(
                    "Đơn đã đóng: người gửi không báo vấn đề chưa được khắc phục trong {days} ngày sau khi có trả lời"
                ),
                format!(
                    "The petition was closed: its petitioner did not report it unfixed within {days} days of the answer"
                ),
            )
        } else {
            Notice::new("Đơn đã đóng", "The petition was closed")
        };
        timeline(c, petition, EventKind::PetitionClosed, Visibility::Public, &notice, now)?;
        report.closed += 1;
        return Ok(());
    }
    let Some(due) = petition.clock.next_due.filter(|_| petition.status.is_open()) else {
        // Nothing runs any more: nothing left for the sweep.
        petitions::claim_sweep_step(c, petition, None)?;
        report.skipped += 1;
        return Ok(());
    };
    let agency = petition.assigned_agency_id.as_ref();
    let step = if petition.status.awaits_acceptance() {
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
        timeline(c, petition, EventKind::PetitionOverdue, Visibility::Public, &notice, now)?;
        if let Some(agency) = agency {
            let telling = Telling { context, petition, notice: &notice, now };
            telling.head_of(c, agency)?;
            telling.superior_head_of(c, agency)?;
        }
        report.overdue += 1;
    } else {
        if petitions::claim_sweep_step(c, petition, Some(due + TimeDelta::days(1)))? == 0 {
            report.skipped += 1;
            return Ok(());
        }
        let notice =
            Notice::new(format!("sắp đến hạn {} ({day})", step.0), format!("the {} deadline is near ({day})", step.1));
        timeline(c, petition, EventKind::PetitionDeadlineNear, Visibility::Internal, &notice, now)?;
        if let Some(agency) = agency {
            Telling { context, petition, notice: &notice, now }.assignee_and_head(c, agency)?;
        }
        report.reminded += 1;
    }
    Ok(())
}

fn timeline(
    c: &mut DbConnection,
    petition: &Petition,
    kind: EventKind,
    visibility: Visibility,
    notice: &Notice,
    now: NaiveDateTime,
) -> ServiceResult<()> {
    let note = notice.both();
    let entry = TimelineEntry {
        actor_id: None,
        kind,
        visibility,
        note: Some(&note),
        data: json!({ "due": petition.clock.next_due }),
    };
    events::record_on_petition(c, &petition.id, entry, now)
}
