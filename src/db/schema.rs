//! The diesel table definitions; they mirror `migrations/{sqlite,postgres}` exactly.

diesel::table! {
    admin_units (id) {
        id -> Text,
        code -> Text,
        name -> Text,
        level -> Text,
        unit_type -> Text,
        parent_code -> Nullable<Text>,
        valid_from -> Nullable<Date>,
        valid_to -> Nullable<Date>,
        source_note -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    admin_unit_successors (unit_id, successor_code) {
        unit_id -> Text,
        successor_code -> Text,
    }
}

diesel::table! {
    agencies (id) {
        id -> Text,
        code -> Text,
        name -> Text,
        name_en -> Nullable<Text>,
        kind -> Text,
        admin_unit_code -> Text,
        parent_id -> Nullable<Text>,
        head_title -> Text,
        email -> Nullable<Text>,
        phone -> Nullable<Text>,
        address -> Nullable<Text>,
        valid_from -> Nullable<Date>,
        valid_to -> Nullable<Date>,
        successor_id -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    categories (code) {
        code -> Text,
        name_vi -> Text,
        name_en -> Text,
        description_vi -> Text,
        description_en -> Text,
        priority -> Bool,
        sort_order -> Integer,
        active -> Bool,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    calendar_days (day) {
        day -> Date,
        kind -> Text,
        name_vi -> Text,
        name_en -> Text,
        source -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    calendar_years (year) {
        year -> Integer,
        status -> Text,
        source -> Text,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    applied_seeds (name) {
        name -> Text,
        applied_at -> Timestamp,
    }
}

diesel::joinable!(admin_unit_successors -> admin_units (unit_id));

diesel::table! {
    users (id) {
        id -> Text,
        email -> Text,
        full_name -> Text,
        phone -> Nullable<Text>,
        role -> Text,
        agency_id -> Nullable<Text>,
        scope_admin_unit_code -> Nullable<Text>,
        language -> Text,
        password_hash -> Nullable<Text>,
        email_verified_at -> Nullable<Timestamp>,
        disabled_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        reception_officer -> Bool,
    }
}

diesel::table! {
    head_terms (id) {
        id -> Text,
        agency_id -> Text,
        user_id -> Text,
        started_at -> Timestamp,
        ended_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    one_time_tokens (token_hash) {
        token_hash -> Text,
        user_id -> Text,
        purpose -> Text,
        expires_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    sessions (id) {
        id -> Text,
        user_id -> Text,
        created_at -> Timestamp,
        refreshed_at -> Timestamp,
        revoked_at -> Nullable<Timestamp>,
        revoked_reason -> Nullable<Text>,
    }
}

diesel::table! {
    refresh_tokens (token_hash) {
        token_hash -> Text,
        session_id -> Text,
        issued_at -> Timestamp,
        expires_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    throttles (key) {
        key -> Text,
        hits -> Integer,
        window_started_at -> Timestamp,
        blocked_until -> Nullable<Timestamp>,
    }
}

diesel::table! {
    outbox_emails (id) {
        id -> Text,
        to_address -> Text,
        to_name -> Nullable<Text>,
        subject -> Text,
        body_text -> Text,
        body_html -> Text,
        status -> Text,
        attempts -> Integer,
        next_attempt_at -> Timestamp,
        lease_owner -> Nullable<Text>,
        lease_expires_at -> Nullable<Timestamp>,
        last_error -> Nullable<Text>,
        created_at -> Timestamp,
        sent_at -> Nullable<Timestamp>,
        recipient_hidden -> Bool,
        erased_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    events (id) {
        id -> Text,
        occurred_at -> Timestamp,
        actor_id -> Nullable<Text>,
        kind -> Text,
        subject_type -> Text,
        subject_id -> Text,
        data -> Text,
        visibility -> Text,
        note -> Nullable<Text>,
        seq -> Integer,
    }
}

diesel::joinable!(users -> agencies (agency_id));
diesel::joinable!(head_terms -> users (user_id));
diesel::joinable!(sessions -> users (user_id));
diesel::joinable!(refresh_tokens -> sessions (session_id));

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

diesel::joinable!(petitioner_identities -> petitions (petition_id));

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
    }
}

diesel::table! {
    deadline_rules (id) {
        id -> Text,
        kind -> Text,
        round -> Text,
        acceptance -> Integer,
        acceptance_unit -> Text,
        resolution -> Integer,
        resolution_complex -> Integer,
        resolution_remote -> Integer,
        resolution_remote_complex -> Integer,
        resolution_unit -> Text,
        extension -> Nullable<Integer>,
        extension_unit -> Nullable<Text>,
        extensions_normal -> Integer,
        extensions_complex -> Integer,
        extensions_especially_complex -> Integer,
        source -> Text,
        valid_from -> Timestamp,
        valid_to -> Nullable<Timestamp>,
        changed_by -> Nullable<Text>,
        acceptance_extended -> Nullable<Integer>,
        acceptance_extended_unit -> Nullable<Text>,
        forwarding -> Nullable<Integer>,
        forwarding_unit -> Nullable<Text>,
    }
}

diesel::table! {
    routing_rules (id) {
        id -> Text,
        kind -> Nullable<Text>,
        category_code -> Text,
        admin_unit_code -> Text,
        agency_id -> Text,
        valid_from -> Date,
        valid_to -> Nullable<Date>,
        created_by -> Nullable<Text>,
        created_at -> Timestamp,
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

diesel::joinable!(open311_requests -> open311_keys (key_id));

// Kept to a few lines by hand: every table, so that any two may be joined.
#[rustfmt::skip]
diesel::allow_tables_to_appear_in_same_query!(
    open311_keys, open311_requests, routing_rules, petition_messages, deadline_rules,
    petition_attachments, admin_units, admin_unit_successors, agencies, categories, calendar_days,
    calendar_years, applied_seeds, users, head_terms, one_time_tokens, sessions, refresh_tokens,
    throttles, outbox_emails, events, petitions, petitioner_identities, idempotency_keys,
);
