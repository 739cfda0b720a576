//! What supervision and reporting keep: the audit chain and its anchors, findings, recommendations,
//! closure checks, and the periods reports cover.

diesel::table! {
    audit_pending (id) {
        id -> BigInt,
        event_id -> Text,
    }
}

diesel::table! {
    audit_chain (position) {
        position -> BigInt,
        event_id -> Text,
        digest -> Text,
        hash -> Text,
        sealed_at -> Timestamp,
    }
}

diesel::table! {
    audit_head (id) {
        id -> Integer,
        position -> BigInt,
        hash -> Text,
    }
}

diesel::table! {
    audit_anchors (position) {
        position -> BigInt,
        hash -> Text,
        published_at -> Timestamp,
        published_by -> Nullable<Text>,
    }
}

diesel::table! {
    audit_anchor_subscribers (user_id) {
        user_id -> Text,
        subscribed_at -> Timestamp,
    }
}

diesel::table! {
    supervision_rules (rule) {
        rule -> Text,
        days -> Integer,
        basis -> Text,
        changed_by -> Nullable<Text>,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    findings (id) {
        id -> Text,
        monitor_id -> Text,
        oversight_body -> Text,
        petition_id -> Nullable<Text>,
        agency_id -> Nullable<Text>,
        period_from -> Nullable<Date>,
        period_to -> Nullable<Date>,
        severity -> Text,
        text -> Text,
        created_at -> Timestamp,
        consultation_id -> Nullable<Text>,
    }
}

diesel::table! {
    recommendations (id) {
        id -> Text,
        monitor_id -> Text,
        oversight_body -> Text,
        agency_id -> Text,
        text -> Text,
        respond_by -> Date,
        status -> Text,
        position -> Nullable<Text>,
        response -> Nullable<Text>,
        remedy_plan -> Nullable<Text>,
        responded_by -> Nullable<Text>,
        responded_at -> Nullable<Timestamp>,
        progress -> Integer,
        closing_note -> Nullable<Text>,
        closed_at -> Nullable<Timestamp>,
        escalated_from_id -> Nullable<Text>,
        overdue_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        version -> Integer,
        reminded_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    recommendation_petitions (recommendation_id, petition_id) {
        recommendation_id -> Text,
        petition_id -> Text,
    }
}

diesel::table! {
    recommendation_findings (recommendation_id, finding_id) {
        recommendation_id -> Text,
        finding_id -> Text,
    }
}

diesel::table! {
    recommendation_progress (id) {
        id -> Text,
        recommendation_id -> Text,
        percent -> Integer,
        note -> Text,
        reported_by -> Text,
        reported_at -> Timestamp,
    }
}

diesel::table! {
    supervision_files (id) {
        id -> Text,
        finding_id -> Nullable<Text>,
        recommendation_id -> Nullable<Text>,
        content_hash -> Text,
        media_type -> Text,
        byte_size -> BigInt,
        file_name -> Text,
        location_shared -> Bool,
        uploaded_by -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    closure_checks (id) {
        id -> Text,
        monitor_id -> Text,
        oversight_body -> Text,
        agency_id -> Text,
        resolved_from -> Date,
        resolved_to -> Date,
        population -> Integer,
        created_at -> Timestamp,
    }
}

diesel::table! {
    closure_check_items (check_id, petition_id) {
        check_id -> Text,
        petition_id -> Text,
        verdict -> Nullable<Text>,
        note -> Nullable<Text>,
        decided_by -> Nullable<Text>,
        decided_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    report_periods (period) {
        period -> Text,
        starts_month -> Integer,
        starts_day -> Integer,
        starts_previous_year -> Bool,
        ends_month -> Integer,
        ends_day -> Integer,
        basis -> Text,
        changed_by -> Nullable<Text>,
        updated_at -> Timestamp,
    }
}
