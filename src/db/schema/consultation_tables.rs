//! What public consultation keeps: the window rules, consultations with their units, sections and
//! extensions, documents, dialogue meetings, comments with their supports and answers, and who subscribed to which units.

diesel::table! {
    consultation_rules (rule) {
        rule -> Text,
        days -> Integer,
        basis -> Text,
        changed_by -> Nullable<Text>,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    consultations (id) {
        id -> Text,
        agency_id -> Text,
        kind -> Text,
        title -> Text,
        summary -> Text,
        opens_on -> Date,
        closes_on -> Date,
        state -> Text,
        published_at -> Nullable<Timestamp>,
        synthesis -> Nullable<Text>,
        concluded_at -> Nullable<Timestamp>,
        created_by -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        version -> Integer,
        synthesis_overdue_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    consultation_units (consultation_id, admin_unit_code) {
        consultation_id -> Text,
        admin_unit_code -> Text,
        unit_path -> Text,
    }
}

diesel::table! {
    consultation_sections (consultation_id, number) {
        consultation_id -> Text,
        number -> Integer,
        heading -> Text,
        text -> Text,
    }
}

diesel::table! {
    consultation_extensions (consultation_id, closes_on) {
        consultation_id -> Text,
        previous_closes_on -> Date,
        closes_on -> Date,
        notice -> Text,
        extended_by -> Text,
        extended_at -> Timestamp,
    }
}

diesel::table! {
    consultation_answers (id) {
        id -> Text,
        consultation_id -> Text,
        position -> Text,
        explanation -> Text,
        answered_by -> Text,
        answered_at -> Timestamp,
    }
}

diesel::table! {
    consultation_comments (id) {
        id -> Text,
        consultation_id -> Text,
        author_id -> Text,
        section -> Nullable<Integer>,
        text -> Text,
        created_at -> Timestamp,
        hidden_reason -> Nullable<Text>,
        hidden_by -> Nullable<Text>,
        hidden_at -> Nullable<Timestamp>,
        answer_id -> Nullable<Text>,
    }
}

diesel::table! {
    consultation_supports (comment_id, user_id) {
        comment_id -> Text,
        user_id -> Text,
        supported_at -> Timestamp,
    }
}

diesel::table! {
    consultation_meetings (id) {
        id -> Text,
        consultation_id -> Text,
        held_at -> Timestamp,
        place -> Text,
        agenda -> Text,
        scheduled_by -> Text,
        scheduled_at -> Timestamp,
        attendance -> Nullable<Integer>,
        minutes -> Nullable<Text>,
        minutes_by -> Nullable<Text>,
        minutes_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    consultation_documents (id) {
        id -> Text,
        consultation_id -> Text,
        content_hash -> Text,
        media_type -> Text,
        byte_size -> BigInt,
        file_name -> Text,
        uploaded_by -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    consultation_subscriptions (user_id, admin_unit_code) {
        user_id -> Text,
        admin_unit_code -> Text,
        subscribed_at -> Timestamp,
    }
}
