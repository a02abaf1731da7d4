-- tiesdesk schema v19.
-- What sync keeps beside the rows (DESIGN, "Sync across devices"). Nothing here is sent.
-- The folder this database syncs through, its key (never written into the folder), the name
-- this device goes by, and the last operation sent (`sync_op.seq`).
CREATE TABLE sync_folder (
    one      INTEGER PRIMARY KEY CHECK (one = 1),
    path     TEXT    NOT NULL,
    key      TEXT,
    name     TEXT    NOT NULL,
    sent_seq INTEGER NOT NULL DEFAULT 0
) STRICT;

-- Each synced row's clock (when it was added or last restored, and by which device), and
-- its tombstone: when it was deleted. A delete wins over every put; a restore with a later
-- clock than the delete brings the row back.
CREATE TABLE sync_row (
    gid        BLOB    PRIMARY KEY CHECK (length(gid) = 16),
    clock      INTEGER NOT NULL,
    device     BLOB    NOT NULL,
    deleted_at INTEGER
) STRICT, WITHOUT ROWID;

-- A field's clock when a later change set it than the row's own clock: per field, the
-- later clock wins (ties: the larger device id). The value it set (as sent, JSON) is kept:
-- a row deleted and brought back by an undo made before that edit takes it again.
CREATE TABLE sync_field (
    gid    BLOB    NOT NULL,
    field  TEXT    NOT NULL,
    clock  INTEGER NOT NULL,
    device BLOB    NOT NULL,
    value  TEXT    NOT NULL CHECK (json_valid(value)),
    PRIMARY KEY (gid, field)
) STRICT, WITHOUT ROWID;

-- People merged away, and whom into: an operation on one applies to the survivor while the
-- merge stands (an unmerge with a later clock takes it out).
CREATE TABLE sync_merge (
    other BLOB    PRIMARY KEY,
    keep  BLOB    NOT NULL,
    clock INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

-- Operations that name a row this database has not heard of yet (its segment still on its
-- way): tried again at every sync.
CREATE TABLE sync_wait (
    seq    INTEGER PRIMARY KEY,
    device BLOB    NOT NULL,
    op     TEXT    NOT NULL CHECK (json_valid(op))
) STRICT;

-- Every segment applied, by its device and file name, and when: a segment is applied once.
CREATE TABLE sync_seen (
    device     BLOB    NOT NULL,
    segment    TEXT    NOT NULL,
    applied_at TEXT    NOT NULL,
    PRIMARY KEY (device, segment)
) STRICT, WITHOUT ROWID;

-- Whom each synced row names, as the device that wrote it named them (global ids): an
-- interaction's people, a promise's person… A reference to someone merged away resolves to
-- the survivor while the merge stands, and to them again after an unmerge, whatever order
-- the operations arrived in: when a merge, an unmerge, a delete or a restore of a person
-- arrives, the rows that name them are resolved again from here.
CREATE TABLE sync_ref (
    target BLOB NOT NULL,
    row    BLOB NOT NULL,
    field  TEXT NOT NULL,
    PRIMARY KEY (target, row, field)
) STRICT, WITHOUT ROWID;
CREATE INDEX sync_ref_row ON sync_ref (row, field);
