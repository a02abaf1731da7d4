-- tiesdesk schema v14.
-- On call: a person kept passively ("op afroep"), never due, counted apart from the ~150
-- active ties, touched lightly once a year. A flag the user sets (`edit NAME --on-call`).
ALTER TABLE person ADD COLUMN on_call INTEGER NOT NULL DEFAULT 0 CHECK (on_call IN (0, 1));
