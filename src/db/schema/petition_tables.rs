//! Petitions and what hangs on them: petitioners, messages, evidence, remembered filings, Open311 requests.

diesel::table! {
    petitions (id) {
        id -> Text,
        tracking_code -> Text,
        kind -> Text,
        category_code -> Text,
        title -> Text,
        description -> Text,
        search_text -> Text,
        admin_unit_code -> Text,
        admin_unit_path -> Text,
        address -> Nullable<Text>,
        latitude -> Nullable<Double>,
        longitude -> Nullable<Double>,
        related_project -> Nullable<Text>,
        decision_reference -> Nullable<Text>,
        decision_date -> Nullable<Date>,
        confidential -> Bool,
        language -> Text,
        channel -> Text,
        status -> Text,
        outcome -> Nullable<Text>,
        petitioner_id -> Nullable<Text>,
        filed_by_id -> Nullable<Text>,
        assigned_agency_id -> Nullable<Text>,
        received_at -> Timestamp,
        acceptance_due -> Nullable<Date>,
        resolution_due -> Nullable<Date>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        version -> Integer,
        respondent_agency_id -> Nullable<Text>,
        denounced_agency_id -> Nullable<Text>,
        round -> Text,
        appeal_of_id -> Nullable<Text>,
        merged_into_id -> Nullable<Text>,
        assignee_id -> Nullable<Text>,
        complexity -> Nullable<Text>,
        remote_area -> Bool,
        accepted_at -> Nullable<Timestamp>,
        extensions_used -> Integer,
        refusal_reason -> Nullable<Text>,
        refusal_explanation -> Nullable<Text>,
        competent_agency_id -> Nullable<Text>,
        answer -> Nullable<Text>,
        answer_decision_number -> Nullable<Text>,
        answer_decision_date -> Nullable<Date>,
        resolved_at -> Nullable<Timestamp>,
        days_to_resolve -> Nullable<Integer>,
        closed_at -> Nullable<Timestamp>,
        rating -> Nullable<Text>,
        rating_comment -> Nullable<Text>,
        next_due -> Nullable<Date>,
        next_sweep_on -> Nullable<Date>,
        public_answer -> Nullable<Text>,
        denounced_position -> Nullable<Text>,
        routing_basis -> Nullable<Text>,
        reached_agency_at -> Nullable<Timestamp>,
        suspended_at -> Nullable<Timestamp>,
        resolution_period_end -> Nullable<Date>,
        resolved_on_time -> Nullable<Bool>,
    }
}

diesel::table! {
    petition_messages (id) {
        id -> Text,
        petition_id -> Text,
        seq -> Integer,
        author_id -> Nullable<Text>,
        sender -> Text,
        purpose -> Text,
        body -> Text,
        internal -> Bool,
        created_at -> Timestamp,
    }
}

diesel::table! {
    petitioner_identities (petition_id) {
        petition_id -> Text,
        storage -> Text,
        pseudonym -> Text,
        full_name -> Nullable<Text>,
        email -> Nullable<Text>,
        phone -> Nullable<Text>,
        address -> Nullable<Text>,
        co_petitioners -> Nullable<Text>,
        sealed -> Nullable<Text>,
        offline_reference -> Nullable<Text>,
    }
}

diesel::table! {
    idempotency_keys (scope, key) {
        scope -> Text,
        key -> Text,
        request_hash -> Text,
        response_status -> Integer,
        response_body -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    petition_attachments (id) {
        id -> Text,
        petition_id -> Text,
        content_hash -> Text,
        media_type -> Text,
        byte_size -> BigInt,
        file_name -> Text,
        uploaded_by -> Nullable<Text>,
        location_shared -> Bool,
        created_at -> Timestamp,
        purpose -> Text,
    }
}

diesel::table! {
    open311_keys (id) {
        id -> Text,
        client_name -> Text,
        key_hash -> Text,
        created_by_id -> Text,
        created_at -> Timestamp,
        revoked_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    open311_requests (petition_id) {
        petition_id -> Text,
        key_id -> Text,
        media_url -> Nullable<Text>,
    }
}

diesel::joinable!(petitioner_identities -> petitions (petition_id));

diesel::joinable!(open311_requests -> open311_keys (key_id));
