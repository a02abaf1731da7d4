-- tiesdesk schema v10.
-- Each journal entry keeps what its change did, forward (the rows it added, changed — for a
-- person, which fields — and deleted), beside the steps that undo it: the one record a sync
-- sends from.
ALTER TABLE journal ADD COLUMN changes TEXT NOT NULL DEFAULT '[]';
