package org.cdhub.catalog.subscription;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * One subscription: the request as asked and where it stands. Immutable; a decision gives a new value.
 *
 * @param id its number; 0 before it is stored
 * @param request what was asked
 * @param state the stored state; {@link #stateAt} also counts the period's end
 * @param requestedAt when it was asked
 * @param decidedBy who granted, approved, rejected or refused it; null while {@link SubscriptionState#REQUESTED}
 * @param decidedAt when; null with decidedBy
 * @param reason the owner's reason (rejected), the legal basis (refused), or the revocation's reason; may be null
 * @param endedBy who revoked it, or the hub when it expired; null while not ended
 * @param endedAt when; null with endedBy
 */
public record Subscription(long id, SubscriptionRequest request, SubscriptionState state, Instant requestedAt,
    String decidedBy, Instant decidedAt, String reason, String endedBy, Instant endedAt) {
  public Subscription {
    requireNonNull(request, "request is null");
    requireNonNull(state, "state is null");
    requireNonNull(requestedAt, "requestedAt is null");
    if ((decidedBy == null) != (decidedAt == null)) {
      throw invalid(id, "decidedBy", "must be set together with decidedAt");
    }
    if ((endedBy == null) != (endedAt == null)) {
      throw invalid(id, "endedBy", "must be set together with endedAt");
    }
    if (state == SubscriptionState.REQUESTED && decidedBy != null) {
      throw invalid(id, "decidedBy", "a request waiting for its owner has no decision yet");
    }
    if ((state == SubscriptionState.REJECTED || state == SubscriptionState.REFUSED) && (reason == null || reason.isBlank())) {
      throw invalid(id, "reason", "a " + state + " subscription needs its reason");
    }
    if ((state == SubscriptionState.REVOKED || state == SubscriptionState.EXPIRED) != (endedBy != null)) {
      throw invalid(id, "endedBy", "set exactly when revoked or expired, state " + state);
    }
    if (!request.until().isAfter(requestedAt)) {
      throw invalid(id, "until", "must be after the request " + requestedAt);
    }
  }

  /** A request as first decided, before it is stored. */
  static Subscription decided(SubscriptionRequest request, SubscriptionState state, Instant at, String decidedBy,
      String reason) {
    return new Subscription(0, request, state, at, decidedBy, decidedBy == null ? null : at, reason, null, null);
  }

  /** The state at {@code now}: a request or grant whose period has ended counts as expired. */
  public SubscriptionState stateAt(Instant now) {
    if ((state == SubscriptionState.REQUESTED || state == SubscriptionState.GRANTED) && !now.isBefore(request.until())) {
      return SubscriptionState.EXPIRED;
    }
    return state;
  }

  /** Whether it gives access at {@code now}. */
  public boolean grantsAccessAt(Instant now) {
    return stateAt(now) == SubscriptionState.GRANTED;
  }

  /**
   * Whether it gave access at {@code at}, as its record tells it now: granted (at once or on
   * approval) at or before {@code at}, and by then neither revoked, expired nor past its period.
   * For reads reported after the fact (Trino's query events), when the grant may have ended since;
   * {@link #grantsAccessAt} answers for the present.
   */
  public boolean gaveAccessAt(Instant at) {
    requireNonNull(at, "at is null");
    // a request that expired unanswered was never granted: it has no decision
    boolean wasGranted = state == SubscriptionState.GRANTED
        || ((state == SubscriptionState.REVOKED || state == SubscriptionState.EXPIRED) && decidedAt != null);
    return wasGranted && decidedAt != null && !at.isBefore(decidedAt) && at.isBefore(request.until())
        && (endedAt == null || at.isBefore(endedAt));
  }

  Subscription withId(long newId) {
    return new Subscription(newId, request, state, requestedAt, decidedBy, decidedAt, reason, endedBy, endedAt);
  }

  Subscription decide(SubscriptionState next, String by, Instant at, String why) {
    return new Subscription(id, request, next, requestedAt, by, at, why, null, null);
  }

  Subscription end(SubscriptionState next, String by, Instant at, String why) {
    return new Subscription(id, request, next, requestedAt, decidedBy, decidedAt, why == null ? reason : why, by, at);
  }

  private static IllegalArgumentException invalid(long id, String field, String rule) {
    return new IllegalArgumentException("Invalid subscription " + (id == 0 ? "(new)" : id) + ", field " + field + ": " + rule);
  }
}
