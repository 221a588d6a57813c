-- Accounts, their sign-in sessions, one-time invitations, and the record of login attempts
-- that throttling reads. Tokens are stored only as their SHA-256 (hex); times are RFC 3339 UTC
-- text, so text order is time order.
CREATE TABLE users (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    email          TEXT    NOT NULL UNIQUE,
    name           TEXT    NOT NULL,
    role           TEXT    NOT NULL CHECK (role IN ('admin', 'coordinator', 'reader')),
    password_hash  TEXT,
    locale         TEXT,
    created_at     TEXT    NOT NULL,
    disabled       BOOLEAN NOT NULL DEFAULT FALSE
);

CREATE TABLE sessions (
    token_hash    TEXT    PRIMARY KEY,
    user_id       INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at    TEXT    NOT NULL,
    last_seen_at  TEXT    NOT NULL,
    expires_at    TEXT    NOT NULL,
    ttl_seconds   INTEGER NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE invites (
    token_hash  TEXT    PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at  TEXT    NOT NULL,
    expires_at  TEXT    NOT NULL,
    used_at     TEXT
);
CREATE INDEX invites_user ON invites (user_id);

CREATE TABLE login_attempts (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    email      TEXT    NOT NULL,
    ip         TEXT    NOT NULL,
    succeeded  BOOLEAN NOT NULL,
    at         TEXT    NOT NULL
);
CREATE INDEX login_attempts_email ON login_attempts (email, id);
CREATE INDEX login_attempts_ip ON login_attempts (ip, at);
