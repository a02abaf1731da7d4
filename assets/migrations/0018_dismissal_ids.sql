-- tiesdesk schema v18.
-- A dismissed suggestion's global id is stored too (derived from its pair of people), so the
-- delete an undo makes can name it once the row is gone. Schema v16 left them out; the code
-- step gives those already there their ids. No table changes.
SELECT 1;
