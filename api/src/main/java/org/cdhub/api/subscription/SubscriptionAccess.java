package org.cdhub.api.subscription;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.cdhub.api.problem.InvalidParameterException;
import org.cdhub.api.security.ApiClient;
import org.cdhub.api.trino.DatasetQuery;
import org.cdhub.api.trino.TableName;
import org.cdhub.api.trino.TrinoAccessRules;
import org.cdhub.api.trino.TrinoLakehouse;
import org.cdhub.api.trino.TrinoUnavailableException;
import org.cdhub.catalog.registry.Dataset;
import org.cdhub.catalog.subscription.Decider;
import org.cdhub.catalog.subscription.Subscription;
import org.cdhub.catalog.subscription.SubscriptionException;
import org.cdhub.catalog.subscription.SubscriptionRequest;
import org.cdhub.catalog.subscription.SubscriptionService;
import org.cdhub.kernel.Masking;

/**
 * Subscriptions as API clients see them: a client is the requesting department (its id is its
 * Trino user); a {@code dataset-owner} client decides for its configured department; an owner or
 * {@code auditor} sees every subscription. Each decision rewrites Trino's access rules (when a
 * rules file is configured), so the grant is real access at once and a revocation ends it.
 */
public final class SubscriptionAccess {
  /** Order column of a grant's rows when it is granted: the master id, unique. */
  static final String PREFERRED_ORDER = "master_id";

  private final SubscriptionService service;
  private final TrinoLakehouse trino;
  private final Path rulesFile;

  /**
   * @param trino the lakehouse through Trino; null when no Trino is configured (rows then answer 503)
   * @param rulesFile the access rules file Trino reads; null to write none (rows then answer 503)
   */
  public SubscriptionAccess(SubscriptionService service, TrinoLakehouse trino, Path rulesFile) {
    this.service = requireNonNull(service, "service is null");
    this.trino = trino;
    this.rulesFile = rulesFile;
  }

  public Subscription request(ApiClient client, String dataset, String purpose, String legalPurpose, List<String> columns,
      String scope, Instant until, String requestedBy) {
    Subscription s = service.request(new SubscriptionRequest(client.id(), dataset, purpose, legalPurpose, columns, scope,
        until, requestedBy == null ? client.id() : requestedBy));
    publish();
    return s;
  }

  /** The client's own subscriptions, or every one for an owner or an auditor. */
  public List<Subscription> visibleTo(ApiClient client) {
    return seesAll(client) ? service.all() : service.ofDepartment(client.id());
  }

  public Subscription approve(ApiClient client, long id) {
    Subscription s = service.approve(id, owner(client, id));
    publish();
    return s;
  }

  public Subscription reject(ApiClient client, long id, String reason) {
    Subscription s = service.reject(id, owner(client, id), reason);
    publish();
    return s;
  }

  /** An owner revokes for its department; any other client for itself, as the requester. */
  public Subscription revoke(ApiClient client, long id, String reason) {
    Decider by = client.hasRole(ApiClient.DATASET_OWNER) ? new Decider(client.id(), client.department())
        : new Decider(client.id(), client.id());
    Subscription s = service.revoke(id, by, reason);
    publish();
    return s;
  }

  /** Marks ended periods expired and rewrites the rules; the API calls this on a schedule. */
  public List<Subscription> expireDue() {
    List<Subscription> expired = service.expireDue();
    publish();
    return expired;
  }

  /** Writes Trino's access rules for the grants active now (nothing when no rules file is configured). */
  public void publish() {
    if (rulesFile == null) {
      return;
    }
    String catalog = trino == null ? "hub" : trino.config().catalog();
    String serviceUser = trino == null ? "cdhub-api" : trino.config().user();
    TrinoAccessRules.of(catalog, serviceUser, service.activeGrants(), service::dataset).writeTo(rulesFile);
  }

  /**
   * One page of a grant's rows, read through Trino as the department's own user (so Trino's rules,
   * not this code, decide what it sees), personal columns masked, audited.
   *
   * @param query the request as the audit records it (masked by the caller)
   */
  public GrantedRows rows(ApiClient client, long id, String cursor, int limit, String query) {
    Subscription grant = service.grantFor(id, client.id());
    if (trino == null) {
      throw new TrinoUnavailableException("not-configured", "Cannot read the rows of subscription " + id
          + ": no Trino is configured (hub.trino.jdbc-url)", null);
    }
    if (rulesFile == null) {
      // without rules Trino would give the department's user every row: refuse rather than leak
      throw new TrinoUnavailableException("no-access-rules", "Cannot read the rows of subscription " + id
          + ": Trino's access rules are not written by this API (hub.subscriptions.trino-rules-file)", null);
    }
    Dataset dataset = service.dataset(grant);
    List<String> columns = grant.request().columns();
    String order = columns.contains(PREFERRED_ORDER) ? PREFERRED_ORDER : columns.get(0);
    DatasetQuery q = DatasetQuery.from(TableName.parse(dataset.qualifiedName(), "gold")).select(columns).orderBy(order)
        .after(decode(cursor)).limit(limit + 1);
    List<Map<String, Object>> read;
    try (TrinoLakehouse asDepartment = trino.asUser(client.id())) {
      read = asDepartment.select(q).rows();
    }
    List<Map<String, Object>> page = new ArrayList<>();
    for (Map<String, Object> row : read.subList(0, Math.min(limit, read.size()))) {
      page.add(GrantedRowMasking.mask(dataset, row));
    }
    String next = read.size() > limit ? encode(String.valueOf(read.get(limit - 1).get(order))) : null;
    service.recordUse(grant, page.size(), Masking.numbersInText(query));
    return new GrantedRows(grant, columns, page, next);
  }

  /** One page of rows under a grant. */
  public record GrantedRows(Subscription grant, List<String> columns, List<Map<String, Object>> rows, String nextCursor) {}

  private Decider owner(ApiClient client, long id) {
    if (!client.hasRole(ApiClient.DATASET_OWNER)) {
      throw new SubscriptionException(SubscriptionException.Kind.FORBIDDEN, "role", "not-owner",
          "Cannot decide subscription " + id + ": client " + client.id() + " has no role " + ApiClient.DATASET_OWNER);
    }
    return new Decider(client.id(), client.department());
  }

  private static boolean seesAll(ApiClient client) {
    return client.hasRole(ApiClient.DATASET_OWNER) || client.hasRole(ApiClient.AUDITOR);
  }

  private static String encode(String key) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
  }

  private static String decode(String cursor) {
    if (cursor == null) {
      return null;
    }
    try {
      return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new InvalidParameterException("cursor", "malformed", "cursor is not one this endpoint issued");
    }
  }
}
