-- tiesdesk schema v21.
-- Chat handles (DESIGN, "Capture: chats"): who a person is in chat exports, as
-- `whatsapp:+31612345678`, `whatsapp:Display Name`, `telegram:user4242`, `instagram:Name`.
-- A JSON list, a set like emails and phones; an import of chats matches by them first.
ALTER TABLE person ADD COLUMN handles TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(handles));
