-- tiesdesk schema v12.
-- The favours waiting for a thank-you are found by day among a million interactions: a small
-- index of just those (received, not thanked) keeps the app's first frame from reading them all.
CREATE INDEX interaction_waiting_thanks ON interaction (day)
    WHERE direction = 'received' AND thanked_on IS NULL;
