package org.cdhub.catalog.subscription;

import static java.util.Objects.requireNonNull;
import static org.cdhub.catalog.subscription.SubscriptionException.Kind.CONFLICT;
import static org.cdhub.catalog.subscription.SubscriptionException.Kind.FORBIDDEN;
import static org.cdhub.catalog.subscription.SubscriptionException.Kind.INVALID;
import static org.cdhub.catalog.subscription.SubscriptionException.Kind.NOT_FOUND;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.cdhub.catalog.audit.AccessAuditLog;
import org.cdhub.catalog.audit.AccessEvent;
import org.cdhub.catalog.registry.Dataset;
import org.cdhub.catalog.registry.DatasetField;
import org.cdhub.catalog.registry.DatasetRepository;

/**
 * The subscription rules. The dataset's sharing type decides a request: unconditional is granted
 * at once, conditional waits for the owner department, not shared is refused with the legal
 * basis. Grants end at the period's end (against the clock) or when revoked. Every decision is
 * written to the access audit log before the call returns.
 */
public final class SubscriptionService {
  /** The column a dataset's rows are placed in a jurisdiction by; a scope filters on it. */
  public static final String JURISDICTION_COLUMN = "community_code";
  /** Who the hub's own decisions (unconditional grants, refusals, expiry) are written as. */
  public static final String HUB = "hub";

  private final DatasetRepository datasets;
  private final SubscriptionRepository subscriptions;
  private final AccessAuditLog audit;
  private final Clock clock;

  public SubscriptionService(DatasetRepository datasets, SubscriptionRepository subscriptions, AccessAuditLog audit,
      Clock clock) {
    this.datasets = requireNonNull(datasets, "datasets is null");
    this.subscriptions = requireNonNull(subscriptions, "subscriptions is null");
    this.audit = requireNonNull(audit, "audit is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  /**
   * Checks a request against its dataset and decides it by the sharing type.
   *
   * @throws SubscriptionException naming field and rule when the request breaks one (audited too)
   */
  public Subscription request(SubscriptionRequest request) {
    requireNonNull(request, "request is null");
    Instant now = clock.instant();
    Dataset dataset;
    try {
      dataset = check(request, now);
    } catch (SubscriptionException e) {
      audit.record(new AccessEvent(now, request.department(), request.purpose(), request.dataset(),
          SubscriptionAction.SUBSCRIPTION_INVALID.name(), "request", 0, false, e.code()));
      throw e;
    }
    Subscription decided = switch (dataset.sharingType()) {
      case UNCONDITIONAL -> Subscription.decided(request, SubscriptionState.GRANTED, now, HUB, null);
      case CONDITIONAL -> Subscription.decided(request, SubscriptionState.REQUESTED, now, null, null);
      case NOT_SHARED -> Subscription.decided(request, SubscriptionState.REFUSED, now, HUB, dataset.legalBasis());
    };
    Subscription stored = subscriptions.add(decided);
    record(stored, request.department(), SubscriptionAction.SUBSCRIPTION_REQUESTED, now);
    switch (stored.state()) {
      case GRANTED -> record(stored, HUB, SubscriptionAction.SUBSCRIPTION_GRANTED, now);
      case REFUSED -> record(stored, HUB, SubscriptionAction.SUBSCRIPTION_REFUSED, now);
      default -> { }
    }
    return stored;
  }

  /** The owner department grants a waiting request. */
  public Subscription approve(long id, Decider owner) {
    Instant now = clock.instant();
    Subscription s = waitingForOwner(id, owner, "approve", now);
    return transition(s, s.decide(SubscriptionState.GRANTED, owner.name(), now, null), SubscriptionState.REQUESTED,
        owner.name(), SubscriptionAction.SUBSCRIPTION_APPROVED, now);
  }

  /** The owner department turns a waiting request down, saying why. */
  public Subscription reject(long id, Decider owner, String reason) {
    Instant now = clock.instant();
    if (reason == null || reason.isBlank() || reason.length() > 1000) {
      throw new SubscriptionException(INVALID, "reason", "required",
          "Cannot reject subscription " + id + ": a rejection needs a reason (at most 1000 characters)");
    }
    Subscription s = waitingForOwner(id, owner, "reject", now);
    return transition(s, s.decide(SubscriptionState.REJECTED, owner.name(), now, reason), SubscriptionState.REQUESTED,
        owner.name(), SubscriptionAction.SUBSCRIPTION_REJECTED, now);
  }

  /** The owner department or the requesting department takes a grant back; access ends at once. */
  public Subscription revoke(long id, Decider by, String reason) {
    Instant now = clock.instant();
    Subscription s = find(id);
    Dataset dataset = dataset(s);
    if (!by.department().equals(dataset.providerDepartment()) && !by.department().equals(s.request().department())) {
      throw new SubscriptionException(FORBIDDEN, "department", "not-owner-or-requester", "Cannot revoke subscription "
          + id + ": only " + dataset.providerDepartment() + " or " + s.request().department() + " may, not "
          + by.department());
    }
    if (s.stateAt(now) != SubscriptionState.GRANTED) {
      throw new SubscriptionException(CONFLICT, "state", "not-granted",
          "Cannot revoke subscription " + id + ": it is " + s.stateAt(now) + ", only a grant can be revoked");
    }
    return transition(s, s.end(SubscriptionState.REVOKED, by.name(), now, reason), SubscriptionState.GRANTED, by.name(),
        SubscriptionAction.SUBSCRIPTION_REVOKED, now);
  }

  /**
   * Marks every request and grant whose period has ended as expired, auditing each once. Access
   * ends at the period's end whether or not this has run ({@link Subscription#stateAt}).
   */
  public List<Subscription> expireDue() {
    Instant now = clock.instant();
    List<Subscription> expired = new ArrayList<>();
    for (Subscription s : subscriptions.findAll()) {
      if (!s.state().isFinal() && s.stateAt(now) == SubscriptionState.EXPIRED
          && subscriptions.update(s.end(SubscriptionState.EXPIRED, HUB, now, null), s.state())) {
        Subscription ended = find(s.id());
        record(ended, HUB, SubscriptionAction.SUBSCRIPTION_EXPIRED, now);
        expired.add(ended);
      }
    }
    return expired;
  }

  public Subscription find(long id) {
    return subscriptions.find(id).orElseThrow(() -> new SubscriptionException(NOT_FOUND, "id", "not-found",
        "Subscription " + id + " does not exist"));
  }

  /** Every subscription of one department, oldest first. */
  public List<Subscription> ofDepartment(String department) {
    return subscriptions.findByDepartment(department);
  }

  public List<Subscription> all() {
    return subscriptions.findAll();
  }

  /** The subscriptions that give access now: what the lakehouse's access rules are made from. */
  public List<Subscription> activeGrants() {
    Instant now = clock.instant();
    return subscriptions.findAll().stream().filter(s -> s.grantsAccessAt(now)).toList();
  }

  /**
   * The grant a department reads under, checked now.
   *
   * @throws SubscriptionException if it is not the department's or does not give access now
   */
  public Subscription grantFor(long id, String department) {
    Subscription s = find(id);
    if (!s.request().department().equals(department)) {
      // as if it did not exist: ids of other departments' subscriptions are not probed
      throw new SubscriptionException(NOT_FOUND, "id", "not-found", "Subscription " + id + " does not exist");
    }
    SubscriptionState state = s.stateAt(clock.instant());
    if (state != SubscriptionState.GRANTED) {
      throw new SubscriptionException(FORBIDDEN, "state", "not-granted",
          "Subscription " + id + " gives no access: it is " + state);
    }
    return s;
  }

  /** Audits one use of a grant: rows read, with the request (already masked by the caller). */
  public void recordUse(Subscription grant, int rows, String query) {
    audit.record(new AccessEvent(clock.instant(), grant.request().department(), grant.request().purpose(),
        grant.request().dataset(), SubscriptionAction.SUBSCRIPTION_READ.name(), SubscriptionAction.scope(grant.id()), rows,
        false, "OK", query, List.of()));
  }

  /** The catalog entry a subscription is for. */
  public Dataset dataset(Subscription s) {
    return datasets.findByQualifiedName(s.request().dataset()).orElseThrow(() -> new SubscriptionException(NOT_FOUND,
        "dataset", "not-registered", "Dataset " + s.request().dataset() + " of subscription " + s.id()
            + " is no longer in the catalog"));
  }

  private Dataset check(SubscriptionRequest request, Instant now) {
    Dataset dataset = datasets.findByQualifiedName(request.dataset()).orElseThrow(() -> new SubscriptionException(
        INVALID, "dataset", "not-registered", "Invalid subscription request of department " + request.department()
            + ", field dataset: " + request.dataset() + " is not in the catalog"));
    for (String column : request.columns()) {
      DatasetField field = dataset.field(column).orElseThrow(() -> invalid(request, "columns", "not-in-dataset",
          column + " is not a column of " + dataset.qualifiedName()));
      if (field.sensitivity().isPersonal() && request.legalPurpose() == null) {
        throw invalid(request, "legalPurpose", "required-for-personal-column", "column " + column + " holds "
            + field.sensitivity() + " information: state the legal purpose it is needed for");
      }
    }
    boolean hasJurisdiction = dataset.field(JURISDICTION_COLUMN).isPresent();
    if (hasJurisdiction && request.scope() == null) {
      throw invalid(request, "scope", "required", dataset.qualifiedName() + " is kept per community: name a district, "
          + "street or community code");
    }
    if (!hasJurisdiction && request.scope() != null) {
      throw invalid(request, "scope", "no-jurisdiction-column", dataset.qualifiedName() + " has no "
          + JURISDICTION_COLUMN + " column to scope by: omit the scope");
    }
    if (!request.until().isAfter(now)) {
      throw invalid(request, "until", "not-in-future", "the period must end after now (" + now + "), was "
          + request.until());
    }
    return dataset;
  }

  private Subscription waitingForOwner(long id, Decider owner, String verb, Instant now) {
    Subscription s = find(id);
    Dataset dataset = dataset(s);
    if (!owner.department().equals(dataset.providerDepartment())) {
      throw new SubscriptionException(FORBIDDEN, "department", "not-owner", "Cannot " + verb + " subscription " + id
          + ": only the owner of " + dataset.qualifiedName() + " (" + dataset.providerDepartment() + ") may, not "
          + owner.department());
    }
    if (s.stateAt(now) != SubscriptionState.REQUESTED) {
      throw new SubscriptionException(CONFLICT, "state", "not-requested",
          "Cannot " + verb + " subscription " + id + ": it is " + s.stateAt(now) + ", not waiting for a decision");
    }
    return s;
  }

  private Subscription transition(Subscription current, Subscription next, SubscriptionState expected, String actor,
      SubscriptionAction action, Instant now) {
    if (!subscriptions.update(next, expected)) {
      throw new SubscriptionException(CONFLICT, "state", "changed",
          "Subscription " + current.id() + " was decided meanwhile by someone else");
    }
    record(next, actor, action, now);
    return next;
  }

  private void record(Subscription s, String actor, SubscriptionAction action, Instant at) {
    audit.record(new AccessEvent(at, actor, s.request().purpose(), s.request().dataset(), action.name(),
        SubscriptionAction.scope(s.id()), 0, false, s.state().name()));
  }

  private static SubscriptionException invalid(SubscriptionRequest request, String field, String rule, String message) {
    return new SubscriptionException(INVALID, field, rule, "Invalid subscription request of department "
        + request.department() + ", field " + field + ": " + message);
  }
}
