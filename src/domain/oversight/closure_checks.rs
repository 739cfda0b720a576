//! Closure checks: a sample of an agency's answered petitions, drawn at random by pakn (never
//! chosen by the monitor), each checked against the facts and given a verdict once.

use chrono::{NaiveDate, NaiveDateTime};

use crate::domain::account::OversightBody;
use crate::domain::ids::{AgencyId, ClosureCheckId, PetitionId, UserId};
use crate::domain::tracking_code::TrackingCode;

/// The most petitions one check draws: enough for a rate, few enough to visit each.
pub const MAX_SAMPLE: i64 = 200;

crate::text_enum! {
    /// What the monitor found when checking an answer against the facts.
    pub enum Verdict {
        /// The answer matched the facts: what it said was done, was done.
        Matched => "matched",
        /// It did not: the closure is contested.
        Contested => "contested",
    }
}

/// One petition of a sample, with the verdict once recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SampledPetition {
    pub petition_id: PetitionId,
    pub tracking_code: TrackingCode,
    pub verdict: Option<RecordedVerdict>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordedVerdict {
    pub verdict: Verdict,
    pub note: String,
    pub decided_by: UserId,
    pub decided_at: NaiveDateTime,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClosureCheck {
    pub id: ClosureCheckId,
    /// Who drew it: a monitor or an inspector.
    pub monitor_id: UserId,
    /// The body that drew it, and alone records its verdicts.
    pub oversight_body: OversightBody,
    pub agency_id: AgencyId,
    /// The Vietnamese days the sampled petitions were answered on, both included.
    pub resolved_from: NaiveDate,
    pub resolved_to: NaiveDate,
    /// How many answered petitions the sample was drawn from.
    pub population: i32,
    pub sample: Vec<SampledPetition>,
    pub created_at: NaiveDateTime,
}

impl ClosureCheck {
    /// Verdicts recorded so far: (checked, contested).
    pub fn tally(&self) -> (usize, usize) {
        let decided: Vec<Verdict> = self.sample.iter().filter_map(|s| s.verdict.as_ref().map(|v| v.verdict)).collect();
        (decided.len(), decided.iter().filter(|v| **v == Verdict::Contested).count())
    }
}
