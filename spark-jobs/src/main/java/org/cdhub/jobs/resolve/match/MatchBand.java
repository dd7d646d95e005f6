package org.cdhub.jobs.resolve.match;

/** What a scored pair leads to. */
public enum MatchBand {
  /** Linked without a person looking. */
  AUTO_MATCH,
  /** Queued for a data steward, with its evidence. */
  REVIEW,
  /** Kept apart. */
  NON_MATCH
}
