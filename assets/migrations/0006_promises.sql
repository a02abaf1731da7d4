-- tiesdesk schema v6.
-- Promises: what the user said they would do for someone, optionally by a day (days since
-- 1970, like every day here). Kept or dropped, a promise stays, with the day it closed; keeping
-- one logs a favour given, whose id it keeps (emptied if that favour is later deleted). A
-- person's promises go with them when they are deleted; a merge moves them first.
CREATE TABLE promise (
    id         INTEGER PRIMARY KEY,
    person_id  INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    text       TEXT    NOT NULL CHECK (length(text) > 0),
    due        INTEGER,
    state      TEXT    NOT NULL DEFAULT 'open'
               CHECK (state = 'open' OR state = 'kept' OR state = 'dropped'),
    made_on    INTEGER NOT NULL,
    closed_on  INTEGER CHECK ((state = 'open') = (closed_on IS NULL)),
    favour_id  INTEGER REFERENCES interaction (id) ON DELETE SET NULL,
    created_at TEXT    NOT NULL
) STRICT;

CREATE INDEX promise_person ON promise (person_id);
CREATE INDEX promise_favour ON promise (favour_id) WHERE favour_id IS NOT NULL;
