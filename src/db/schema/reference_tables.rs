//! Reference data: administrative units, agencies, categories, the calendar, the rules of the law, and which shipped data sets are installed.

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

diesel::joinable!(admin_unit_successors -> admin_units (unit_id));

diesel::table! {
    reference_version (id) {
        id -> Integer,
        version -> BigInt,
    }
}
