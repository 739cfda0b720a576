//! Accounts: users, heads' terms, sign-in sessions and one-time tokens, throttles.

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
        erased_at -> Nullable<Timestamp>,
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

diesel::joinable!(head_terms -> users (user_id));

diesel::joinable!(sessions -> users (user_id));

diesel::joinable!(refresh_tokens -> sessions (session_id));
