-- Quality score per dataset (issue 7), computed when ./hub publish registers the dataset from the
-- quality metrics repository (ops.quality_run): the latest standardize run of its feed (bronze) or of
-- every feed of its entity (silver, gold). Freshness is not stored: it depends on the time it is read.
CREATE TABLE dataset_quality (
  qualified_name   VARCHAR(255)    NOT NULL PRIMARY KEY,
  -- 0..100: share of Deequ checks passed times share of rows not quarantined
  score            DOUBLE PRECISION NOT NULL,
  checks_passed    INTEGER         NOT NULL,
  checks_failed    INTEGER         NOT NULL,
  rows_in          BIGINT          NOT NULL,
  quarantined_rows BIGINT          NOT NULL,
  -- the standardize run ids the score was computed from, separated by single spaces
  run_ids          TEXT            NOT NULL,
  measured_at      ${instant_type} NOT NULL,
  CONSTRAINT dataset_quality_dataset_fk FOREIGN KEY (qualified_name)
    REFERENCES dataset (qualified_name) ON DELETE CASCADE
);
