package org.cdhub.jobs.resolve;

/** Why a source record belongs to its master. */
public enum MatchRule {
  /** Shares its valid citizen ID number (18-character form) with another record of the master. */
  ID_NUMBER_EXACT,
  /** Linked by the match model's score (and not, or not only, by a shared ID number). */
  MATCH_MODEL,
  /** Alone in its cluster. */
  SINGLETON
}
