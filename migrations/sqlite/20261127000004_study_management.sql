-- Study management: the study's configuration, its coordinators, readers, cases and imports,
-- each reader's case order, the AI's outputs and batch runs, and the reads (whose first row locks
-- the configuration).

ALTER TABLE studies ADD COLUMN rating_scale TEXT NOT NULL DEFAULT 'confidence'
    CHECK (rating_scale IN ('confidence', 'ordinal5'));
ALTER TABLE studies ADD COLUMN washout_days INTEGER NOT NULL DEFAULT 28;
ALTER TABLE studies ADD COLUMN read_splits TEXT NOT NULL DEFAULT 'internal,external';
ALTER TABLE studies ADD COLUMN practice_cases INTEGER NOT NULL DEFAULT 5;
ALTER TABLE studies ADD COLUMN seed INTEGER NOT NULL DEFAULT 2024;
ALTER TABLE studies ADD COLUMN back_navigation TEXT NOT NULL DEFAULT 'none'
    CHECK (back_navigation IN ('none', 'within_session'));
ALTER TABLE studies ADD COLUMN show_clinical INTEGER NOT NULL DEFAULT TRUE;
ALTER TABLE studies ADD COLUMN junior_max_years INTEGER NOT NULL DEFAULT 5;
ALTER TABLE studies ADD COLUMN intermediate_max_years INTEGER NOT NULL DEFAULT 10;
ALTER TABLE studies ADD COLUMN default_locale TEXT NOT NULL DEFAULT 'en';
ALTER TABLE studies ADD COLUMN created_by INTEGER;

-- Who runs a study (its creator, and any coordinator added later).
CREATE TABLE study_coordinators (
    study_id  INTEGER NOT NULL REFERENCES studies (id) ON DELETE CASCADE,
    user_id   INTEGER NOT NULL,
    PRIMARY KEY (study_id, user_id)
);

-- Readers enrolled in a study; user_id is the account they read with (made at enrolment,
-- password set through the invite link).
CREATE TABLE readers (
    id                   INTEGER PRIMARY KEY AUTOINCREMENT,
    study_id             INTEGER NOT NULL REFERENCES studies (id) ON DELETE CASCADE,
    user_id              INTEGER NOT NULL,
    name                 TEXT NOT NULL,
    email                TEXT NOT NULL,
    hospital             TEXT NOT NULL,
    years_experience     INTEGER NOT NULL,
    seniority            TEXT NOT NULL CHECK (seniority IN ('junior', 'intermediate', 'senior')),
    seniority_overridden INTEGER NOT NULL DEFAULT FALSE,
    crossover_group      TEXT NOT NULL CHECK (crossover_group IN ('A', 'B')),
    enrolled_at          TEXT NOT NULL,
    UNIQUE (study_id, user_id)
);

-- One import (all-or-nothing); cases point back to it.
CREATE TABLE imports (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    study_id    INTEGER NOT NULL REFERENCES studies (id) ON DELETE CASCADE,
    kind        TEXT NOT NULL,
    source      TEXT NOT NULL,
    cases       INTEGER NOT NULL,
    imported_by TEXT NOT NULL,
    imported_at TEXT NOT NULL
);

-- A case: its truth, clinical facts, split, and where its files live (relative to the data
-- directory; images are never stored in the database).
CREATE TABLE cases (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    study_id     INTEGER NOT NULL REFERENCES studies (id) ON DELETE CASCADE,
    import_id    INTEGER NOT NULL REFERENCES imports (id),
    case_id      TEXT NOT NULL,
    truth        INTEGER NOT NULL,
    truth_label  TEXT NOT NULL,
    age          INTEGER,
    sex          TEXT,
    location     TEXT,
    site         TEXT,
    split        TEXT NOT NULL CHECK (split IN ('train', 'internal', 'external', 'practice')),
    metadata     TEXT NOT NULL,
    source_file  TEXT NOT NULL,
    width        INTEGER NOT NULL,
    height       INTEGER NOT NULL,
    bits_stored  INTEGER NOT NULL,
    modality     TEXT,
    photometric  TEXT NOT NULL,
    windows      TEXT NOT NULL,
    files_dir    TEXT NOT NULL,
    original_file TEXT NOT NULL,
    has_mask     INTEGER NOT NULL,
    UNIQUE (study_id, case_id)
);

-- Each reader's order of cases per session (0 = practice, 1 and 2 = the reading sessions).
CREATE TABLE case_orders (
    reader_id  INTEGER NOT NULL REFERENCES readers (id) ON DELETE CASCADE,
    session    INTEGER NOT NULL,
    position   INTEGER NOT NULL,
    case_ref   INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    PRIMARY KEY (reader_id, session, position)
);

-- What the AI said about a case, per model version (re-running the same weights changes nothing).
CREATE TABLE ai_outputs (
    case_ref           INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    model_version      TEXT NOT NULL,
    probability        REAL NOT NULL,
    predicted_positive INTEGER NOT NULL,
    heatmap_file       TEXT NOT NULL,
    features           TEXT NOT NULL,
    created_at         TEXT NOT NULL,
    PRIMARY KEY (case_ref, model_version)
);

-- Batch AI runs and their progress.
CREATE TABLE ai_jobs (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    study_id      INTEGER NOT NULL REFERENCES studies (id) ON DELETE CASCADE,
    model_version TEXT NOT NULL,
    status        TEXT NOT NULL CHECK (status IN ('running', 'done', 'failed')),
    done          INTEGER NOT NULL,
    total         INTEGER NOT NULL,
    started_at    TEXT NOT NULL,
    finished_at   TEXT,
    error         TEXT
);

-- Reads: one reader's rating of one case in one session. Immutable; a correction is a new row
-- that supersedes. The first read locks the study's configuration.
CREATE TABLE reads (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    study_id         INTEGER NOT NULL REFERENCES studies (id) ON DELETE CASCADE,
    reader_id        INTEGER NOT NULL REFERENCES readers (id) ON DELETE CASCADE,
    case_ref         INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    session          INTEGER NOT NULL,
    position         INTEGER NOT NULL,
    modality         TEXT NOT NULL CHECK (modality IN ('unaided', 'aided')),
    stage            TEXT NOT NULL CHECK (stage IN ('single', 'unaided', 'final')),
    call_positive    INTEGER NOT NULL,
    score            INTEGER NOT NULL,
    ai_shown         INTEGER NOT NULL,
    active_ms        INTEGER NOT NULL,
    interactions     TEXT NOT NULL,
    idempotency_key  TEXT NOT NULL UNIQUE,
    supersedes       INTEGER REFERENCES reads (id),
    saved_at         TEXT NOT NULL
);
CREATE INDEX reads_by_reader ON reads (reader_id, session, position);
-- A case is rated once per step and session; later changes are rows that supersede it. This
-- catches a resubmission that lost its idempotency key (e.g. a reload after the commit).
CREATE UNIQUE INDEX reads_once ON reads (reader_id, session, case_ref, stage) WHERE supersedes IS NULL;
CREATE INDEX reads_by_study ON reads (study_id);

-- Coordinator overrides of a closed session (e.g. ending a washout early), with the reason.
CREATE TABLE session_overrides (
    reader_id   INTEGER NOT NULL REFERENCES readers (id) ON DELETE CASCADE,
    session     INTEGER NOT NULL,
    reason      TEXT NOT NULL,
    overridden_by TEXT NOT NULL,
    at          TEXT NOT NULL,
    PRIMARY KEY (reader_id, session)
);
