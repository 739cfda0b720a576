//! Personal data (Law 91/2025/QH15): the privacy notice and who was shown which version, the log
//! of staff reading a person's data, the data-protection rules (retention and the law's clocks),
//! people's requests over their data, and breaches.

diesel::table! {
    privacy_notices (version) {
        version -> Integer,
        text_vi -> Text,
        text_en -> Text,
        published_at -> Timestamp,
        published_by -> Nullable<Text>,
    }
}

diesel::table! {
    privacy_notices_shown (id) {
        id -> Text,
        version -> Integer,
        occasion -> Text,
        user_id -> Nullable<Text>,
        petition_id -> Nullable<Text>,
        shown_at -> Timestamp,
    }
}

diesel::table! {
    personal_data_reads (id) {
        id -> Text,
        read_at -> Timestamp,
        reader_id -> Text,
        reader_role -> Text,
        reader_agency_id -> Nullable<Text>,
        record -> Text,
        petition_id -> Nullable<Text>,
        user_id -> Nullable<Text>,
        attachment_id -> Nullable<Text>,
        reason -> Nullable<Text>,
    }
}

diesel::table! {
    data_protection_rules (rule) {
        rule -> Text,
        amount -> Integer,
        unit -> Text,
        basis -> Text,
        changed_by -> Nullable<Text>,
        updated_at -> Timestamp,
        purged_through -> Nullable<Timestamp>,
    }
}

diesel::table! {
    data_requests (id) {
        id -> Text,
        user_id -> Nullable<Text>,
        kind -> Text,
        status -> Text,
        received_at -> Timestamp,
        due_at -> Timestamp,
        completed_at -> Nullable<Timestamp>,
        outcome -> Nullable<Text>,
        petition_id -> Nullable<Text>,
        details -> Nullable<Text>,
        decided_by -> Nullable<Text>,
    }
}

diesel::table! {
    processing_objections (user_id, purpose) {
        user_id -> Text,
        purpose -> Text,
        objected_at -> Timestamp,
    }
}

diesel::table! {
    breach_incidents (id) {
        id -> Text,
        summary -> Text,
        occurred_at -> Nullable<Timestamp>,
        discovered_at -> Timestamp,
        recorded_at -> Timestamp,
        recorded_by -> Text,
        authority_due_at -> Timestamp,
        authority_notified_at -> Nullable<Timestamp>,
        people_notified_at -> Nullable<Timestamp>,
        notice -> Nullable<Text>,
    }
}

diesel::table! {
    breach_affected (incident_id, position) {
        incident_id -> Text,
        position -> Integer,
        user_id -> Nullable<Text>,
        petition_id -> Nullable<Text>,
    }
}

diesel::joinable!(breach_affected -> breach_incidents (incident_id));
