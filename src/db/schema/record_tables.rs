//! What pakn records about itself: the event log and the outbox.

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
