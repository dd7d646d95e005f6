package org.cdhub.catalog.audit;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/**
 * One use of data: who read (or was refused) which dataset, when, for what purpose, by which
 * request, which records, and whether personal fields were returned unmasked. Never holds the
 * data itself.
 *
 * @param at when it happened
 * @param clientId the API client or department that asked
 * @param purpose the purpose the client stated, null if it stated none
 * @param dataset qualified name of the dataset read ({@code gold.person})
 * @param action what was done, e.g. {@code READ_PERSONS}
 * @param scope the jurisdiction or columns the read was limited to, e.g. {@code community:640104001001}
 * @param recordCount records returned
 * @param unmasked whether personal fields went out unmasked (needs a grant with a purpose)
 * @param outcome e.g. {@code OK}, {@code DENIED}, {@code ERROR}
 * @param query the request, e.g. {@code GET /api/v1/communities/640104001001/persons?limit=50},
 *     already masked by the caller (no raw ID or phone numbers); null if there was none
 * @param recordIds master ids of the records returned, in the order returned; empty when none
 *     were returned or the reader does not name them. Ids must not contain whitespace.
 * @param grantId the unmask grant that let personal fields go out unmasked; null when none did
 */
public record AccessEvent(
    Instant at,
    String clientId,
    String purpose,
    String dataset,
    String action,
    String scope,
    int recordCount,
    boolean unmasked,
    String outcome,
    String query,
    List<String> recordIds,
    Long grantId) {
  public AccessEvent {
    requireNonNull(at, "at is null");
    requireNonNull(clientId, "clientId is null");
    requireNonNull(dataset, "dataset is null");
    requireNonNull(action, "action is null");
    requireNonNull(outcome, "outcome is null");
    if (recordCount < 0) {
      throw invalid(clientId, dataset, "record_count", "must not be negative: " + recordCount);
    }
    recordIds = List.copyOf(requireNonNull(recordIds, "recordIds is null"));
    for (String id : recordIds) {
      // stored space-separated, and hashed as one field: an id with whitespace would be ambiguous
      if (id.isEmpty() || id.codePoints().anyMatch(Character::isWhitespace)) {
        throw invalid(clientId, dataset, "record_ids", "an id must be non-empty without whitespace: '" + id + "'");
      }
    }
    if (!recordIds.isEmpty() && recordIds.size() != recordCount) {
      throw invalid(clientId, dataset, "record_ids",
          "must name every record counted (record_count " + recordCount + "), named " + recordIds.size());
    }
    if (grantId != null && !unmasked) {
      throw invalid(clientId, dataset, "grant_id", "names grant " + grantId + " but nothing went out unmasked");
    }
  }

  /** An event without an unmask grant. */
  public AccessEvent(Instant at, String clientId, String purpose, String dataset, String action, String scope,
      int recordCount, boolean unmasked, String outcome, String query, List<String> recordIds) {
    this(at, clientId, purpose, dataset, action, scope, recordCount, unmasked, outcome, query, recordIds, null);
  }

  /** An event that names neither the request nor the records (written before issue 6's audit). */
  public AccessEvent(Instant at, String clientId, String purpose, String dataset, String action, String scope,
      int recordCount, boolean unmasked, String outcome) {
    this(at, clientId, purpose, dataset, action, scope, recordCount, unmasked, outcome, null, List.of());
  }

  private static IllegalArgumentException invalid(String clientId, String dataset, String field, String rule) {
    return new IllegalArgumentException(
        "Invalid access event of client " + clientId + " on " + dataset + ", field " + field + ": " + rule);
  }
}
