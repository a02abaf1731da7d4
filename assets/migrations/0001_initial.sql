-- tiesdesk schema v1.
-- Days are integers: days since 1970-01-01. Timestamps are RFC 3339 text (UTC).
-- Lists (emails, phones, tags) are JSON arrays of strings.
-- Checks list allowed values with OR, not IN: SQLite evaluates an IN list in a CHECK through
-- a temporary b-tree on every row, which made bulk writes several times slower.

CREATE TABLE person (
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
                  CHECK (source = 'manual' OR source = 'linkedin' OR source = 'vcard' OR source = 'google' OR source = 'json'),
    source_id     TEXT,
    connected_on  INTEGER,
    archived      INTEGER NOT NULL DEFAULT 0 CHECK (archived = 0 OR archived = 1),
    created_at    TEXT    NOT NULL,
    updated_at    TEXT    NOT NULL
) STRICT;

CREATE INDEX person_source_id ON person (source, source_id) WHERE source_id IS NOT NULL;

-- One row per interaction. kind and direction are text here, for anyone reading the file.
CREATE TABLE interaction (
    id         INTEGER PRIMARY KEY,
    day        INTEGER NOT NULL,
    kind       TEXT    NOT NULL
               CHECK (kind = 'meet' OR kind = 'call' OR kind = 'message' OR kind = 'favour' OR kind = 'intro' OR kind = 'advice' OR kind = 'gift' OR kind = 'other'),
    direction  TEXT    NOT NULL CHECK (direction = 'gave' OR direction = 'received' OR direction = 'mutual'),
    size       INTEGER NOT NULL CHECK (size = 1 OR size = 2 OR size = 4),
    note       TEXT    NOT NULL DEFAULT '',
    created_at TEXT    NOT NULL
) STRICT;

-- Who took part in each interaction, with the interaction's figures copied in as small codes
-- (kind: 0 meet, 1 call, 2 message, 3 favour, 4 intro, 5 advice, 6 gift, 7 other;
--  direction: 0 gave, 1 received, 2 mutual). Clustered by person and day, so the model reads
-- everyone's history in one ordered scan without touching `interaction`. The store writes both
-- tables in the same transaction; interactions are never edited in place.
CREATE TABLE contact (
    person_id      INTEGER NOT NULL REFERENCES person (id),
    day            INTEGER NOT NULL,
    interaction_id INTEGER NOT NULL REFERENCES interaction (id) ON DELETE CASCADE,
    kind           INTEGER NOT NULL CHECK (kind BETWEEN 0 AND 7),
    direction      INTEGER NOT NULL CHECK (direction BETWEEN 0 AND 2),
    size           INTEGER NOT NULL CHECK (size = 1 OR size = 2 OR size = 4),
    PRIMARY KEY (person_id, day, interaction_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX contact_interaction ON contact (interaction_id);

-- A cache of `contact`, one row per person: their contacts packed as 8-byte records
-- (day as i32 little-endian, kind, direction, size, 0), in the order of `contact`'s key.
-- Reading 30,000 blobs is ~10x faster than decoding a million rows. The store rewrites a
-- person's row in the same transaction as any change to their contacts; a test checks that
-- it always equals a rebuild from `contact`.
CREATE TABLE history (
    person_id INTEGER PRIMARY KEY REFERENCES person (id) ON DELETE CASCADE,
    contacts  BLOB    NOT NULL
) STRICT;

-- `knows` is symmetric and stored with a < b; `introduced` means a introduced me to b.
CREATE TABLE link (
    a          INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    b          INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    kind       TEXT    NOT NULL CHECK (kind = 'knows' OR kind = 'introduced'),
    created_at TEXT    NOT NULL,
    PRIMARY KEY (a, b, kind),
    CHECK (a <> b),
    CHECK (kind <> 'knows' OR a < b)
) STRICT, WITHOUT ROWID;

CREATE INDEX link_b ON link (b);

CREATE TABLE review (
    id         INTEGER PRIMARY KEY,
    day        INTEGER NOT NULL,
    items_seen INTEGER NOT NULL DEFAULT 0,
    actions    INTEGER NOT NULL DEFAULT 0,
    covered    TEXT    NOT NULL DEFAULT '{}' CHECK (json_valid(covered)),
    note       TEXT    NOT NULL DEFAULT '',
    created_at TEXT    NOT NULL
) STRICT;

CREATE TABLE snooze (
    person_id INTEGER PRIMARY KEY REFERENCES person (id) ON DELETE CASCADE,
    until_day INTEGER NOT NULL
) STRICT;

-- The undo stack: each change made through tiesdesk, with the steps that revert it (JSON).
CREATE TABLE journal (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    description TEXT NOT NULL,
    undo        TEXT NOT NULL CHECK (json_valid(undo))
) STRICT;
