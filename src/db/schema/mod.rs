//! The diesel table definitions, one file per group of tables; they mirror
//! `migrations/{sqlite,postgres}` exactly. Everything is re-exported here, so `schema::petitions`
//! names a table wherever it is defined.

mod account_tables;
mod consultation_tables;
mod oversight_tables;
mod personal_data_tables;
mod petition_tables;
mod reception_tables;
mod record_tables;
mod reference_tables;

pub use account_tables::*;
pub use consultation_tables::*;
pub use oversight_tables::*;
pub use personal_data_tables::*;
pub use petition_tables::*;
pub use reception_tables::*;
pub use record_tables::*;
pub use reference_tables::*;

diesel::joinable!(users -> agencies (agency_id));
diesel::joinable!(audit_pending -> events (event_id));
diesel::joinable!(audit_chain -> events (event_id));
diesel::joinable!(closure_check_items -> petitions (petition_id));

// Kept to a few lines by hand: every table, so that any two may be joined.
#[rustfmt::skip]
diesel::allow_tables_to_appear_in_same_query!(
    open311_keys, open311_requests, routing_rules, petition_messages, deadline_rules,
    petition_attachments, admin_units, admin_unit_successors, agencies, categories, calendar_days,
    calendar_years, reference_version, applied_seeds, users, head_terms, one_time_tokens, sessions, refresh_tokens,
    throttles, outbox_emails, events, petitions, petitioner_identities, idempotency_keys,
    privacy_notices, privacy_notices_shown, personal_data_reads, data_protection_rules,
    data_requests, processing_objections, breach_incidents, breach_affected, audit_pending,
    audit_chain, audit_head, audit_anchors, audit_anchor_subscribers, supervision_rules, findings,
    recommendations, recommendation_petitions, recommendation_findings, recommendation_progress,
    closure_checks, closure_check_items, report_periods, supervision_files, reception_rules,
    reception_sessions, reception_bookings, reception_session_petitions, reception_months_judged,
    consultation_rules,
    consultations, consultation_units, consultation_sections, consultation_extensions,
    consultation_answers, consultation_comments, consultation_supports, consultation_subscriptions,
    consultation_meetings, consultation_documents,
);
