package org.cdhub.jobs.resolve;

/** Why a source record belongs to its master. */
public enum MatchRule {
  /** Same valid citizen ID number (18-character form) as the other records of the master. */
  ID_NUMBER_EXACT,
  /** No valid ID number: the record is its own master until stronger matching arrives. */
  SINGLETON
}
