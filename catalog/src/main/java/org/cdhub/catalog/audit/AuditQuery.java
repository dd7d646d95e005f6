package org.cdhub.catalog.audit;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * An auditor's question to the access audit: the newest {@code limit} entries that match every
 * filter given (a null filter matches everything). Build with {@link #latest} and the {@code with}
 * methods; each returns a new query.
 *
 * @param clientId only this client's events
 * @param dataset only events on this dataset ({@code gold.person})
 * @param recordId only events that returned this master id
 * @param since only events that happened at or after this instant
 * @param until only events that happened before this instant
 * @param outcome only this outcome ({@code OK}, {@code DENIED})
 * @param limit at most this many entries, newest first
 */
public record AuditQuery(
    String clientId, String dataset, String recordId, Instant since, Instant until, String outcome, int limit) {
  /** Upper bound of {@code limit}: a page an auditor can read, not a dump of the log. */
  public static final int MAX_LIMIT = 10_000;

  public AuditQuery {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException(
          "Cannot query the access audit: limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
    }
    if (recordId != null && (recordId.isEmpty() || recordId.codePoints().anyMatch(Character::isWhitespace))) {
      throw new IllegalArgumentException(
          "Cannot query the access audit: record id must be non-empty without whitespace, was '" + recordId + "'");
    }
    if (since != null && until != null && !since.isBefore(until)) {
      throw new IllegalArgumentException(
          "Cannot query the access audit: since " + since + " must be before until " + until);
    }
  }

  /** The newest {@code limit} entries, unfiltered. */
  public static AuditQuery latest(int limit) {
    return new AuditQuery(null, null, null, null, null, null, limit);
  }

  public AuditQuery withClient(String clientId) {
    return new AuditQuery(requireNonNull(clientId, "clientId is null"), dataset, recordId, since, until, outcome, limit);
  }

  public AuditQuery withDataset(String dataset) {
    return new AuditQuery(clientId, requireNonNull(dataset, "dataset is null"), recordId, since, until, outcome, limit);
  }

  public AuditQuery withRecord(String recordId) {
    return new AuditQuery(clientId, dataset, requireNonNull(recordId, "recordId is null"), since, until, outcome, limit);
  }

  public AuditQuery withSince(Instant since) {
    return new AuditQuery(clientId, dataset, recordId, requireNonNull(since, "since is null"), until, outcome, limit);
  }

  public AuditQuery withUntil(Instant until) {
    return new AuditQuery(clientId, dataset, recordId, since, requireNonNull(until, "until is null"), outcome, limit);
  }

  public AuditQuery withOutcome(String outcome) {
    return new AuditQuery(clientId, dataset, recordId, since, until, requireNonNull(outcome, "outcome is null"), limit);
  }
}
