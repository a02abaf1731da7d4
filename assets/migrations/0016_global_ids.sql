-- tiesdesk schema v16.
-- Global ids, for sync across devices: every row that syncs has a UUID beside its integer key,
-- kept here rather than in each table so that a deleted row's id stays (the tombstone sync
-- needs, and the id an undo restores the row with). Integer ids are never used again once
-- they have a global id (`next_id` reads this table too). Links, snoozes and dismissed
-- suggestions have natural keys: their ids are derived from them and never stored.
-- `tbl` is an explicit code per table (store/gids.rs); `gid` the UUID's 16 bytes.
-- The migration's code step gives every row already there its id.
CREATE TABLE row_gid (
    tbl INTEGER NOT NULL,
    id  INTEGER NOT NULL,
    gid BLOB    NOT NULL UNIQUE CHECK (length(gid) = 16),
    PRIMARY KEY (tbl, id)
) STRICT, WITHOUT ROWID;
