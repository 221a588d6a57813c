-- Localization (FROC) studies: readers mark every suspicious spot with a rating. The study says
-- whether it asks for marks and how a mark is judged to be on a lesion; a read keeps its marks
-- (a JSON array of {x, y, rating}, x and y as fractions of the image) and they are audited with it.
ALTER TABLE studies ADD COLUMN task TEXT NOT NULL DEFAULT 'classification'
    CHECK (task IN ('classification', 'localization'));
ALTER TABLE studies ADD COLUMN mark_rule TEXT NOT NULL DEFAULT 'mask'
    CHECK (mark_rule IN ('mask', 'radius'));
ALTER TABLE studies ADD COLUMN acceptance_radius_pct INTEGER NOT NULL DEFAULT 5
    CHECK (acceptance_radius_pct BETWEEN 1 AND 50);
ALTER TABLE reads ADD COLUMN marks TEXT NOT NULL DEFAULT '[]';
