-- tiesdesk schema v8.
-- A database made by the very first tiesdesk has no `history` table: it was added to
-- 0001_initial.sql in place afterwards (a shipped migration must never change again), so such
-- a database migrated to later versions without it. It is made here wherever it is missing,
-- and filled from `contact` right after (packing each person's contacts is the store's work,
-- not SQL's). A `commit_count` table some v3 databases were made with is no longer used.
CREATE TABLE IF NOT EXISTS history (
    person_id INTEGER PRIMARY KEY REFERENCES person (id) ON DELETE CASCADE,
    contacts  BLOB    NOT NULL
) STRICT;
DROP TABLE IF EXISTS commit_count;
