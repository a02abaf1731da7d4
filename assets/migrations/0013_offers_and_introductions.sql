-- tiesdesk schema v13.
-- Offers: what the user can give (a skill, time, a thing, a way in), matched to people's
-- needs. The user's own, so no person: open, or done with its day.
-- Introductions: the user introducing a person with a need to someone who could help, in
-- stages: asked (the helper was asked), made (the introduction happened: the favour given to
-- both, whose interaction id it keeps), met (the two met: they know each other now), or
-- dropped. An introduction goes with its need or its helper when either is deleted; a merge
-- moves the helper's first.
CREATE TABLE offer (
    id         INTEGER PRIMARY KEY,
    text       TEXT    NOT NULL CHECK (length(text) > 0),
    tags       TEXT    NOT NULL DEFAULT '[]',
    made_on    INTEGER NOT NULL,
    done_on    INTEGER,
    created_at TEXT    NOT NULL
) STRICT;

CREATE TABLE introduction (
    id         INTEGER PRIMARY KEY,
    need_id    INTEGER NOT NULL REFERENCES need (id) ON DELETE CASCADE,
    helper_id  INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    stage      TEXT    NOT NULL DEFAULT 'asked'
               CHECK (stage = 'asked' OR stage = 'made' OR stage = 'met' OR stage = 'dropped'),
    asked_on   INTEGER NOT NULL,
    made_on    INTEGER CHECK ((stage = 'asked') = (made_on IS NULL) OR stage = 'dropped'),
    met_on     INTEGER CHECK ((stage = 'met') = (met_on IS NOT NULL)),
    closed_on  INTEGER CHECK ((stage = 'dropped') = (closed_on IS NOT NULL)),
    favour_id  INTEGER REFERENCES interaction (id) ON DELETE SET NULL,
    created_at TEXT    NOT NULL
) STRICT;

CREATE INDEX introduction_need ON introduction (need_id);
CREATE INDEX introduction_helper ON introduction (helper_id);
CREATE INDEX introduction_favour ON introduction (favour_id) WHERE favour_id IS NOT NULL;
