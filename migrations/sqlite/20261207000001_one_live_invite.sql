-- An account has at most one live invitation, and only while it has no password: making a link
-- revokes the account's earlier unused ones, and using one revokes the rest. Before this, a
-- second unused link (or one made for an account that already had a password) could reset the
-- password of an account in use.
ALTER TABLE invites ADD COLUMN revoked_at TEXT;

-- Links made under the old rules that could still reset a password: every unused link of an
-- account that has a password, and every unused link but the newest of the others.
UPDATE invites SET revoked_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
WHERE used_at IS NULL
  AND user_id IN (SELECT id FROM users WHERE password_hash IS NOT NULL);
UPDATE invites SET revoked_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
WHERE used_at IS NULL AND revoked_at IS NULL
  AND EXISTS (
      SELECT 1 FROM invites AS newer
      WHERE newer.user_id = invites.user_id
        AND newer.used_at IS NULL AND newer.revoked_at IS NULL
        AND (newer.created_at, newer.token_hash) > (invites.created_at, invites.token_hash)
  );

CREATE UNIQUE INDEX invites_one_live ON invites (user_id)
    WHERE used_at IS NULL AND revoked_at IS NULL;
