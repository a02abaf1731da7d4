-- tiesdesk schema v20.
-- Keys the sync folder was encrypted with before `sync rekey` (or a join with a new key):
-- segments written under them are still read, and this device's own are written again under
-- the new key. A JSON list of `AGE-SECRET-KEY-1…`, never written into the folder.
ALTER TABLE sync_folder ADD COLUMN old_keys TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(old_keys));
