//! Citizen-reception days: the minimum rules, the sessions, their bookings and the petitions
//! received at them.

diesel::table! {
    reception_rules (id) {
        id -> Text,
        agency_kind -> Text,
        days -> Integer,
        per -> Text,
        basis -> Text,
        effective_from -> Date,
        effective_to -> Nullable<Date>,
        created_by -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    reception_sessions (id) {
        id -> Text,
        agency_id -> Text,
        held_on -> Date,
        starts_at -> Text,
        ends_at -> Text,
        place -> Text,
        receiver -> Text,
        receiver_name -> Text,
        capacity -> Integer,
        booked -> Integer,
        status -> Text,
        status_note -> Nullable<Text>,
        attended -> Nullable<Integer>,
        summary -> Nullable<Text>,
        recorded_by -> Nullable<Text>,
        recorded_at -> Nullable<Timestamp>,
        scheduled_by -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    reception_bookings (id) {
        id -> Text,
        session_id -> Text,
        citizen_id -> Text,
        position -> Integer,
        subject -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    reception_months_judged (month) {
        month -> Text,
        judged_at -> Timestamp,
        short -> Integer,
    }
}

diesel::table! {
    reception_session_petitions (session_id, petition_id) {
        session_id -> Text,
        petition_id -> Text,
    }
}
