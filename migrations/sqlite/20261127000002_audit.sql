-- The audit trail: every state change, appended, each row hash-chained to the one before it so
-- that an edited, deleted or reordered row is detected by `lector audit verify`.
CREATE TABLE audit_log (
    seq         INTEGER PRIMARY KEY,
    at          TEXT    NOT NULL,
    actor_id    INTEGER,
    actor       TEXT    NOT NULL,
    action      TEXT    NOT NULL,
    study_id    INTEGER,
    detail      TEXT    NOT NULL,
    prev_hash   TEXT    NOT NULL,
    hash        TEXT    NOT NULL
);
CREATE INDEX audit_log_study ON audit_log (study_id, seq);

-- One row: the last sequence number and hash. Appending updates it first, which takes the
-- write lock in both backends, so concurrent appends cannot fork the chain.
CREATE TABLE audit_head (
    id    INTEGER PRIMARY KEY CHECK (id = 1),
    seq   INTEGER    NOT NULL,
    hash  TEXT    NOT NULL
);
INSERT INTO audit_head (id, seq, hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
