-- Unmask grants (issue 6): a data-bureau operator lets one API client see named personal
-- fields unmasked, for a stated purpose, until an expiry, optionally in one community only.
-- Created and revoked with ./hub unmask; the API only reads them.
CREATE TABLE unmask_grant (
  id             ${auto_id},
  client_id      VARCHAR(128)    NOT NULL,
  -- field names of the served person separated by single spaces, e.g. 'idNumber phone'
  fields         VARCHAR(255)    NOT NULL,
  purpose        VARCHAR(64)     NOT NULL,
  -- NULL: every community of the client's jurisdiction
  community_code VARCHAR(12),
  expires_at     ${instant_type} NOT NULL,
  granted_by     VARCHAR(128)    NOT NULL,
  granted_at     ${instant_type} NOT NULL,
  revoked_by     VARCHAR(128),
  revoked_at     ${instant_type}
);

CREATE INDEX unmask_grant_client_idx ON unmask_grant (client_id, id);

-- The grant an unmasked read used; NULL for masked reads and refusals. Hashed into the chain
-- when set (AccessEventHash format v2), so rows written before this migration hash as before.
ALTER TABLE access_event ADD COLUMN grant_id BIGINT;
