-- tiesdesk schema v3.

-- Search finds people by what was said with them: an FTS5 index over interaction notes,
-- reading its text from the notes themselves (external content, so notes are stored once).
-- Only interactions with a note are indexed: the view is what the index stands for, so
-- FTS5's own integrity check holds it to exactly those. Words are folded to lower case
-- without accents ("café" finds "Cafe"). The triggers keep it equal to the notes through
-- every insert, edit, delete and undo.
CREATE VIEW interaction_note AS SELECT id, note FROM interaction WHERE note <> '';

CREATE VIRTUAL TABLE note_search USING fts5(
    note,
    content = 'interaction_note',
    content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER note_search_insert AFTER INSERT ON interaction WHEN new.note <> '' BEGIN
    INSERT INTO note_search (rowid, note) VALUES (new.id, new.note);
END;

CREATE TRIGGER note_search_delete AFTER DELETE ON interaction WHEN old.note <> '' BEGIN
    INSERT INTO note_search (note_search, rowid, note) VALUES ('delete', old.id, old.note);
END;

CREATE TRIGGER note_search_update AFTER UPDATE OF note ON interaction BEGIN
    INSERT INTO note_search (note_search, rowid, note)
        SELECT 'delete', old.id, old.note WHERE old.note <> '';
    INSERT INTO note_search (rowid, note) SELECT new.id, new.note WHERE new.note <> '';
END;

-- The notes written before this version.
INSERT INTO note_search (rowid, note) SELECT id, note FROM interaction WHERE note <> '';
