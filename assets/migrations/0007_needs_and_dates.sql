-- tiesdesk schema v7.
-- Needs: what a person is looking for ("a designer", "a flat in Utrecht"), with tags (a JSON
-- list of lower-case words, like a person's), open or done. A done need stays, with its day.
-- Yearly dates: a labelled day a person has every year ("work anniversary", "met"), the year
-- it first happened optional. Birthdays stay a person's own field. Both go with their person
-- when the person is deleted; a merge moves them first.
CREATE TABLE need (
    id         INTEGER PRIMARY KEY,
    person_id  INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    text       TEXT    NOT NULL CHECK (length(text) > 0),
    tags       TEXT    NOT NULL DEFAULT '[]',
    state      TEXT    NOT NULL DEFAULT 'open' CHECK (state = 'open' OR state = 'done'),
    noted_on   INTEGER NOT NULL,
    done_on    INTEGER CHECK ((state = 'open') = (done_on IS NULL)),
    created_at TEXT    NOT NULL
) STRICT;

CREATE INDEX need_person ON need (person_id);

CREATE TABLE yearly_date (
    id         INTEGER PRIMARY KEY,
    person_id  INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    label      TEXT    NOT NULL CHECK (length(label) > 0),
    year       INTEGER,
    month      INTEGER NOT NULL CHECK (month BETWEEN 1 AND 12),
    day        INTEGER NOT NULL CHECK (day BETWEEN 1 AND 31),
    created_at TEXT    NOT NULL
) STRICT;

CREATE INDEX yearly_date_person ON yearly_date (person_id);
