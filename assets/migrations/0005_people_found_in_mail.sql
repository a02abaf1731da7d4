-- tiesdesk schema v5.
-- People added from the user's mail or calendar (`import mail --add-people`) say so: `source`
-- allows 'mail' and 'calendar'. SQLite cannot change a CHECK in place, so the table is
-- rebuilt as SQLite documents it (create, copy, drop, rename), with foreign key enforcement
-- off around the migration so the drop takes nothing with it; the runner checks every
-- reference before it commits. Ids, and so every reference to a person, are kept.

CREATE TABLE person_v5 (
    id            INTEGER PRIMARY KEY,
    name          TEXT    NOT NULL CHECK (length(name) > 0),
    given_name    TEXT,
    family_name   TEXT,
    emails        TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(emails)),
    phones        TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(phones)),
    company       TEXT,
    role          TEXT,
    location      TEXT,
    tags          TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(tags)),
    notes         TEXT    NOT NULL DEFAULT '',
    family        INTEGER NOT NULL DEFAULT 0 CHECK (family = 0 OR family = 1),
    birthday      TEXT,
    cadence_days  INTEGER CHECK (cadence_days > 0),
    introduced_by INTEGER REFERENCES person (id) ON DELETE SET NULL,
    source        TEXT    NOT NULL DEFAULT 'manual'
                  CHECK (source = 'manual' OR source = 'linkedin' OR source = 'vcard' OR source = 'google' OR source = 'json' OR source = 'mail' OR source = 'calendar'),
    source_id     TEXT,
    connected_on  INTEGER,
    archived      INTEGER NOT NULL DEFAULT 0 CHECK (archived = 0 OR archived = 1),
    created_at    TEXT    NOT NULL,
    updated_at    TEXT    NOT NULL
) STRICT;

INSERT INTO person_v5 (
    id, name, given_name, family_name, emails, phones, company, role, location, tags, notes,
    family, birthday, cadence_days, introduced_by, source, source_id, connected_on, archived,
    created_at, updated_at)
SELECT
    id, name, given_name, family_name, emails, phones, company, role, location, tags, notes,
    family, birthday, cadence_days, introduced_by, source, source_id, connected_on, archived,
    created_at, updated_at
FROM person;
DROP TABLE person;
ALTER TABLE person_v5 RENAME TO person;

CREATE INDEX person_source_id ON person (source, source_id) WHERE source_id IS NOT NULL;
CREATE INDEX person_introduced_by ON person (introduced_by);
