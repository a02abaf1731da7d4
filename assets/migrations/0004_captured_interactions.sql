-- tiesdesk schema v4.
-- Interactions read from the user's mail and calendar keep where they came from and their id
-- there (a Message-ID; an event's UID and occurrence start), so importing the same mailbox
-- again, or the same message from a second mailbox, adds nothing. Hand-logged rows have none.
ALTER TABLE interaction ADD COLUMN source TEXT
    CHECK (source IS NULL OR source = 'mail' OR source = 'calendar');
ALTER TABLE interaction ADD COLUMN source_id TEXT
    CHECK ((source IS NULL) = (source_id IS NULL));

CREATE UNIQUE INDEX interaction_source ON interaction (source, source_id)
    WHERE source IS NOT NULL;
