-- Catalog state, shared by SQLite (embedded profile) and PostgreSQL (cluster profile).
-- Keep this DDL portable: vendor-specific types come from the placeholders
-- ${auto_id} and ${instant_type} (see DatabaseVendor); anything else vendor-specific goes
-- into db/catalog/<vendor>/ with its own version number.

-- One row per registered lakehouse table or shared view, keyed by its qualified name
-- (gold.person); the government catalog's metadata plus what the hub knows about it.
CREATE TABLE dataset (
  qualified_name      VARCHAR(255)   NOT NULL PRIMARY KEY,
  resource_code       VARCHAR(32)    NOT NULL,
  title               VARCHAR(255)   NOT NULL,
  provider_department VARCHAR(255)   NOT NULL,
  description         TEXT,
  layer               VARCHAR(16)    NOT NULL,
  data_format         VARCHAR(64)    NOT NULL,
  sharing_type        VARCHAR(16)    NOT NULL,
  sharing_conditions  TEXT,
  legal_basis         TEXT,
  open_to_public      BOOLEAN        NOT NULL,
  update_cycle        VARCHAR(16)    NOT NULL,
  row_count           BIGINT         NOT NULL,
  snapshot_id         BIGINT,
  data_updated_at     ${instant_type},
  published_at        ${instant_type} NOT NULL,
  CONSTRAINT dataset_resource_code_unique UNIQUE (resource_code)
);

-- The fields of a dataset in table order; replaced as a whole when the dataset is re-published.
CREATE TABLE dataset_field (
  qualified_name VARCHAR(255) NOT NULL,
  ordinal        INTEGER      NOT NULL,
  field_name     VARCHAR(255) NOT NULL,
  field_type     VARCHAR(255) NOT NULL,
  description    TEXT,
  sensitivity    VARCHAR(32)  NOT NULL,
  CONSTRAINT dataset_field_pk PRIMARY KEY (qualified_name, ordinal),
  CONSTRAINT dataset_field_name_unique UNIQUE (qualified_name, field_name),
  CONSTRAINT dataset_field_dataset_fk FOREIGN KEY (qualified_name)
    REFERENCES dataset (qualified_name) ON DELETE CASCADE
);

-- Who read which dataset, when, for what purpose: append-only (see V2 per vendor).
-- No foreign key to dataset: refused reads of unknown datasets are audited too, and the
-- audit trail outlives the datasets it mentions.
CREATE TABLE access_event (
  id           ${auto_id},
  occurred_at  ${instant_type} NOT NULL,
  client_id    VARCHAR(128)   NOT NULL,
  purpose      TEXT,
  dataset      VARCHAR(255)   NOT NULL,
  access_action VARCHAR(64)   NOT NULL,
  access_scope TEXT,
  record_count INTEGER        NOT NULL,
  unmasked     BOOLEAN        NOT NULL,
  outcome      VARCHAR(64)    NOT NULL
);

CREATE INDEX access_event_dataset_idx ON access_event (dataset, id);
CREATE INDEX access_event_client_idx ON access_event (client_id, id);
