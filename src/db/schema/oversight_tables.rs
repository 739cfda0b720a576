//! What supervision keeps: the audit chain over the event log and its published anchors.

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
