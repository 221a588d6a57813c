-- The AI as a reader of a localization study: the peaks of its heat map for the positive class
-- are its marks (a JSON array of {x, y, rating}, rating its probability in [0, 1]). NULL for an
-- output made before marks existed, so the next AI run completes it without touching the rest.
ALTER TABLE ai_outputs ADD COLUMN marks TEXT;
-- Whether readers of a localization study see the AI's marks in their aided reads.
ALTER TABLE studies ADD COLUMN show_ai_marks BOOLEAN NOT NULL DEFAULT TRUE;
