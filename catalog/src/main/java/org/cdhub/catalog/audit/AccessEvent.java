package org.cdhub.catalog.audit;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * One use of data: who read (or was refused) which dataset, when, for what purpose, how much,
 * and whether personal fields were returned unmasked. Never holds the data itself.
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
    String outcome) {
  public AccessEvent {
    requireNonNull(at, "at is null");
    requireNonNull(clientId, "clientId is null");
    requireNonNull(dataset, "dataset is null");
    requireNonNull(action, "action is null");
    requireNonNull(outcome, "outcome is null");
    if (recordCount < 0) {
      throw new IllegalArgumentException(
          "Invalid access event of client " + clientId + " on " + dataset + ", field record_count: must not be negative: "
              + recordCount);
    }
  }
}
