DROP TABLE supervision_files;
ALTER TABLE petition_attachments DROP COLUMN purpose;
