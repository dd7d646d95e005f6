-- Community corrections (issue 6): a community worker's report that a master person's record is
-- wrong. Each row is a source record of the feed community_correction (schemas/contracts), pulled
-- by its NiFi flow on the id watermark; rows are never updated, so a pull misses nothing.
CREATE TABLE community_correction (
  id             ${auto_id},
  client_id      VARCHAR(128)    NOT NULL,
  community_code VARCHAR(12)     NOT NULL,
  master_id      VARCHAR(80)     NOT NULL,
  -- looked up by the API from gold.person, so resolve links the record by ID number; never returned
  id_number      VARCHAR(18)     NOT NULL,
  -- PHONE, ADDRESS, MOVED_OUT or DECEASED
  kind           VARCHAR(16)     NOT NULL,
  -- one column per corrected attribute, as the feed's contract maps them; the others stay NULL
  phone          VARCHAR(11),
  address        VARCHAR(200),
  person_status  VARCHAR(16),
  -- ISO date (yyyy-MM-dd): the feed delivers it as text, like every departmental date
  effective_date VARCHAR(10)     NOT NULL,
  note           VARCHAR(500),
  received_at    ${instant_type} NOT NULL
);

CREATE INDEX community_correction_client_idx ON community_correction (client_id, community_code, id);
