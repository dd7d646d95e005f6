package org.cdhub.api.correction;

/** How far a correction has come through the pipeline, as its sender sees it. */
public enum CorrectionStatus {
  /** Stored in the catalog database; not pulled by the feed yet. */
  RECEIVED,
  /** Its record is in bronze.community_correction; resolve and merge have not linked it yet. */
  INGESTED,
  /** gold.xref links its record to the master and the corrected attribute comes from it. */
  APPLIED,
  /** Quarantined, linked to another master, or outvoted by survivorship. */
  REJECTED
}
