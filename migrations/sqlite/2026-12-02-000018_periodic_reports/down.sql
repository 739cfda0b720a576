DROP INDEX events_appealed;
DROP INDEX events_transferred;
DROP INDEX events_unsealed;
DROP TABLE report_periods;
