DROP TABLE recommendation_progress;
DROP TABLE recommendation_findings;
DROP TABLE recommendation_petitions;
DROP TABLE recommendations;
DROP TABLE findings;
DROP TABLE supervision_rules;
