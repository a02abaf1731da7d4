-- tiesdesk schema v11.
-- A favour received can be marked thanked (`tiesdesk thanked ID`, `t` in the app): the day it
-- was, or NULL. A flag on the interaction, not an interaction of its own: a thank-you is not a
-- favour in the ledger.
ALTER TABLE interaction ADD COLUMN thanked_on INTEGER;
