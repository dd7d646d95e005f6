package org.cdhub.jobs.merge;

import static java.util.Objects.requireNonNull;

/**
 * A silver record with the masters its references resolved to before merge: the place its
 * address matched, and for events the person involved.
 */
public record ResolvedRecord<R extends Record>(R silver, String placeId, String personId) {
  public ResolvedRecord {
    requireNonNull(silver, "silver is null");
  }
}
