-- tiesdesk schema v17.
-- Operations, for sync across devices: what each change did, as other devices will apply it,
-- stamped with a hybrid logical clock. Recorded with every change and every undo (an undo is
-- ordinary operations: a delete, a restore, an unmerge). An operation names rows by what the
-- journal's forward record names (`change`, JSON); their global ids and values are read when
-- the operations are sent: any later change has an operation with a later clock, so a value
-- read then is never newer than the operation that carries it claims.
-- This database as a device: its id (made by the migration) and the last clock it handed out.
CREATE TABLE sync_device (
    one   INTEGER PRIMARY KEY CHECK (one = 1),
    id    BLOB    NOT NULL CHECK (length(id) = 16),
    clock INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE sync_op (
    seq    INTEGER PRIMARY KEY,
    clock  INTEGER NOT NULL,
    op     TEXT    NOT NULL,
    change TEXT    NOT NULL CHECK (json_valid(change))
) STRICT;
