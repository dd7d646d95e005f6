-- Dataset subscriptions (issue 7): a department asks for a dataset's columns in a jurisdiction
-- for a purpose until a date; the sharing type decides (granted, waits for the owner, refused).
-- One row per request; decisions update it and every decision is also an access_event.
CREATE TABLE subscription (
  id             ${auto_id},
  department     VARCHAR(64)     NOT NULL,
  dataset        VARCHAR(128)    NOT NULL,
  purpose        VARCHAR(512)    NOT NULL,
  -- the legal purpose stated for personal columns; NULL when none was stated
  legal_purpose  VARCHAR(512),
  -- column names separated by single spaces, in the dataset's order
  column_names   VARCHAR(4000)   NOT NULL,
  -- district, street or community code prefix of the rows granted; NULL: no jurisdiction column
  scope          VARCHAR(12),
  valid_until    ${instant_type} NOT NULL,
  -- REQUESTED, GRANTED, REJECTED, REFUSED, EXPIRED, REVOKED
  state          VARCHAR(16)     NOT NULL,
  requested_by   VARCHAR(128)    NOT NULL,
  requested_at   ${instant_type} NOT NULL,
  decided_by     VARCHAR(128),
  decided_at     ${instant_type},
  reason         VARCHAR(1000),
  ended_by       VARCHAR(128),
  ended_at       ${instant_type}
);

CREATE INDEX subscription_department_idx ON subscription (department, id);
CREATE INDEX subscription_dataset_idx ON subscription (dataset, id);
