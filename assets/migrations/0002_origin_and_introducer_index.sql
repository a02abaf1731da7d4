-- tiesdesk schema v2.
-- Which running copy of tiesdesk made each change: the app asks before it undoes a change
-- that another copy (the command line, a cron job, a second app) made.
ALTER TABLE journal ADD COLUMN origin TEXT NOT NULL DEFAULT '';

-- Deleting a person sets `introduced_by` to NULL wherever it named them; without an index
-- SQLite scans every person for each one deleted (undo of a 30,000-person import: minutes).
CREATE INDEX person_introduced_by ON person (introduced_by);
