-- tiesdesk schema v15.
-- Who knows whom, from real data: two people together in captured meetings or mails are
-- suggested as knowing each other, and the user confirms (a `knows` link) or dismisses the
-- suggestion. A dismissal is kept so it is never suggested again; it goes with either person.
CREATE TABLE link_dismissed (
    id           INTEGER PRIMARY KEY,
    a            INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    b            INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    dismissed_on INTEGER NOT NULL,
    created_at   TEXT    NOT NULL,
    CHECK (a < b),
    UNIQUE (a, b)
) STRICT;

CREATE INDEX link_dismissed_b ON link_dismissed (b);
