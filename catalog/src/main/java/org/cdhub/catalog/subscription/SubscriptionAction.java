package org.cdhub.catalog.subscription;

/**
 * The access-audit actions of subscriptions: every decision and every use is an
 * {@link org.cdhub.catalog.audit.AccessEvent} with one of these, scope {@code subscription:<id>}.
 */
public enum SubscriptionAction {
  SUBSCRIPTION_REQUESTED,
  /** A request broken against the dataset (unknown column, personal column without legal purpose, ...). */
  SUBSCRIPTION_INVALID,
  SUBSCRIPTION_GRANTED,
  SUBSCRIPTION_APPROVED,
  SUBSCRIPTION_REJECTED,
  SUBSCRIPTION_REFUSED,
  SUBSCRIPTION_REVOKED,
  SUBSCRIPTION_EXPIRED,
  /** Rows read under a grant. */
  SUBSCRIPTION_READ;

  /** The audit scope naming one subscription. */
  public static String scope(long subscriptionId) {
    return "subscription:" + subscriptionId;
  }
}
