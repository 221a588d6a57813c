-- Studies: the unit a coordinator sets up and readers read in.
CREATE TABLE studies (
    id              BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name            TEXT    NOT NULL UNIQUE,
    positive_label  TEXT    NOT NULL,
    negative_label  TEXT    NOT NULL,
    design          TEXT    NOT NULL CHECK (design IN ('crossover', 'sequential')),
    created_at      TEXT    NOT NULL
);
