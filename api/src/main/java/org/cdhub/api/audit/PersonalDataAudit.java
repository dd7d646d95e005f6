package org.cdhub.api.audit;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.util.List;
import org.cdhub.api.security.ApiClient;
import org.cdhub.api.security.CommunityScope;
import org.cdhub.catalog.audit.AccessAuditLog;
import org.cdhub.catalog.audit.AccessEvent;
import org.cdhub.catalog.grant.UnmaskGrant;

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

  /**
   * A client read the records {@code masterIds} of a dataset within {@code scope} (a community, or
   * some of its grids): masked, or unmasked under {@code grant}, whose purpose is then the one recorded.
   *
   * @param grant the unmask grant the read used; null for a masked read
   */
  public void read(ApiClient client, AuditedQuery query, String dataset, String action, String scope,
      List<String> masterIds, UnmaskGrant grant) {
    requireNonNull(client, "client is null");
    requireNonNull(query, "query is null");
    requireNonNull(scope, "scope is null");
    log.record(new AccessEvent(clock.instant(), client.id(), grant == null ? client.purpose() : grant.purpose(), dataset,
        action, scope, masterIds.size(), grant != null, OK, query.text(), masterIds, grant == null ? null : grant.id()));
  }

  /**
   * A client was refused a read within {@code scope}: outside its jurisdiction, or unmasking
   * without a grant (then {@code purpose} is the one the request stated).
   */
  public void refused(ApiClient client, String purpose, AuditedQuery query, String dataset, String action, String scope) {
    requireNonNull(client, "client is null");
    requireNonNull(query, "query is null");
    log.record(new AccessEvent(clock.instant(), client.id(), purpose == null ? client.purpose() : purpose, dataset,
        action, scope, 0, false, DENIED, query.text(), List.of()));
  }

  /** A client listed the masked records {@code masterIds} of a dataset within one community. */
  public void listed(ApiClient client, AuditedQuery query, String dataset, String communityCode, List<String> masterIds) {
    read(client, query, dataset, LIST, communityScope(communityCode), masterIds, null);
  }

  /** A client was refused a list outside its jurisdiction. */
  public void refused(ApiClient client, AuditedQuery query, String dataset, String communityCode) {
    refused(client, null, query, dataset, LIST, communityScope(communityCode));
  }

  /** The scope of a read limited to one community, as the audit log spells it. */
  public static String communityScope(String communityCode) {
    return CommunityScope.whole(communityCode).auditScope();
  }
}
