package org.cdhub.api.audit;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.util.List;
import org.cdhub.api.security.ApiClient;
import org.cdhub.catalog.audit.AccessAuditLog;
import org.cdhub.catalog.audit.AccessEvent;

/**
 * Writes every read of personal data, and every refused attempt, to the catalog's access audit
 * log, naming the request and the master ids returned. The write is durable before the data
 * leaves the hub: if it fails, the request fails.
 */
public final class PersonalDataAudit {
  public static final String LIST = "LIST";
  /** A read of a community's change feed. */
  public static final String CHANGES = "CHANGES";
  public static final String OK = "OK";
  public static final String DENIED = "DENIED";

  private final AccessAuditLog log;
  private final Clock clock;

  public PersonalDataAudit(AccessAuditLog log, Clock clock) {
    this.log = requireNonNull(log, "log is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  /** A client listed the masked records {@code masterIds} of a dataset within one community. */
  public void listed(ApiClient client, AuditedQuery query, String dataset, String communityCode, List<String> masterIds) {
    record(client, query, dataset, LIST, communityCode, masterIds, OK);
  }

  /** A client was refused a list outside its jurisdiction. */
  public void refused(ApiClient client, AuditedQuery query, String dataset, String communityCode) {
    record(client, query, dataset, LIST, communityCode, List.of(), DENIED);
  }

  /** A client read the changes of the masters {@code masterIds} of a dataset within one community. */
  public void changesListed(ApiClient client, AuditedQuery query, String dataset, String communityCode, List<String> masterIds) {
    record(client, query, dataset, CHANGES, communityCode, masterIds, OK);
  }

  /** A client was refused the change feed of a community outside its jurisdiction. */
  public void changesRefused(ApiClient client, AuditedQuery query, String dataset, String communityCode) {
    record(client, query, dataset, CHANGES, communityCode, List.of(), DENIED);
  }

  /** The scope of a read limited to one community, as the audit log spells it. */
  public static String communityScope(String communityCode) {
    return "community:" + communityCode;
  }

  private void record(ApiClient client, AuditedQuery query, String dataset, String action, String communityCode,
      List<String> masterIds, String outcome) {
    requireNonNull(client, "client is null");
    requireNonNull(query, "query is null");
    requireNonNull(communityCode, "communityCode is null");
    log.record(new AccessEvent(clock.instant(), client.id(), client.purpose(), dataset, action,
        communityScope(communityCode), masterIds.size(), false, outcome, query.text(), masterIds));
  }
}
