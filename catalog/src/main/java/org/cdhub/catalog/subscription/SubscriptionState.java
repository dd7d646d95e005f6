package org.cdhub.catalog.subscription;

/** Where a subscription stands. Only {@link #GRANTED} gives access; the others are final except {@link #REQUESTED}. */
public enum SubscriptionState {
  /** Waiting for the owner department (conditional sharing). */
  REQUESTED,
  /** Access given, until the end of the period or a revocation. */
  GRANTED,
  /** The owner department said no, with a reason. */
  REJECTED,
  /** Not shared: refused at once with the dataset's legal basis. */
  REFUSED,
  /** The period ended before a decision or while granted. */
  EXPIRED,
  /** Taken back by the owner or the requesting department. */
  REVOKED;

  /** Whether no decision can follow any more. */
  public boolean isFinal() {
    return this != REQUESTED && this != GRANTED;
  }
}
