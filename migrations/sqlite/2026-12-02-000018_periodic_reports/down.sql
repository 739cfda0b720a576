DROP INDEX events_unsealed;
DROP TABLE report_periods;
