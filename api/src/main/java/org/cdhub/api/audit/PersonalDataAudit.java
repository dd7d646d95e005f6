package org.cdhub.api.audit;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import org.cdhub.api.security.ApiClient;
import org.cdhub.catalog.audit.AccessAuditLog;
import org.cdhub.catalog.audit.AccessEvent;

/**
 * Writes every read of personal data, and every refused attempt, to the catalog's access audit
 * log. The write is durable before the data leaves the hub: if it fails, the request fails.
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

  /** A client listed {@code recordCount} masked records of a dataset within one community. */
  public void listed(ApiClient client, String dataset, String communityCode, int recordCount) {
    record(client, dataset, LIST, communityCode, recordCount, OK);
  }

  /** A client was refused a list outside its jurisdiction. */
  public void refused(ApiClient client, String dataset, String communityCode) {
    record(client, dataset, LIST, communityCode, 0, DENIED);
  }

  /** A client read {@code changeCount} changes of a dataset within one community. */
  public void changesListed(ApiClient client, String dataset, String communityCode, int changeCount) {
    record(client, dataset, CHANGES, communityCode, changeCount, OK);
  }

  /** A client was refused the change feed of a community outside its jurisdiction. */
  public void changesRefused(ApiClient client, String dataset, String communityCode) {
    record(client, dataset, CHANGES, communityCode, 0, DENIED);
  }

  /** The scope of a read limited to one community, as the audit log spells it. */
  public static String communityScope(String communityCode) {
    return "community:" + communityCode;
  }

  private void record(ApiClient client, String dataset, String action, String communityCode, int recordCount,
      String outcome) {
    requireNonNull(client, "client is null");
    requireNonNull(communityCode, "communityCode is null");
    log.record(new AccessEvent(clock.instant(), client.id(), client.purpose(), dataset, action,
        communityScope(communityCode), recordCount, false, outcome));
  }
}
