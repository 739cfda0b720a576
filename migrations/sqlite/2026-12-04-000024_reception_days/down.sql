DROP TABLE reception_months_judged;
DROP TABLE reception_session_petitions;
DROP TABLE reception_bookings;
DROP TABLE reception_sessions;
DROP TABLE reception_rules;
