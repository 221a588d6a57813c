-- The audit chain becomes keyed (HMAC-SHA256 with a secret kept outside the database). Rows
-- written before this migration keep their plain SHA-256 links and say so in `scheme`; every
-- new row is 'hmac-sha256', and `lector audit verify` accepts plain rows only before the first
-- keyed one.
ALTER TABLE audit_log ADD COLUMN scheme TEXT NOT NULL DEFAULT 'sha256';

-- A read is corrected at most once: of two corrections of the same rating sent at once, the
-- second is refused (and its reader told) instead of both being acknowledged.
CREATE UNIQUE INDEX reads_superseded_once ON reads (supersedes) WHERE supersedes IS NOT NULL;
