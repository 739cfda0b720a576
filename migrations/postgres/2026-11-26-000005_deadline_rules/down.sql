DROP TABLE deadline_rules;
