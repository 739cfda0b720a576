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
    applied_seeds (name) {
        name -> Text,
        applied_at -> Timestamp,
    }
}

diesel::joinable!(admin_unit_successors -> admin_units (unit_id));
diesel::allow_tables_to_appear_in_same_query!(
    admin_units,
    admin_unit_successors,
    agencies,
    categories,
    calendar_days,
    applied_seeds
);
