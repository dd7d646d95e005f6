package org.cdhub.api.returndata;

import static java.util.Objects.requireNonNull;

/**
 * One change of the community's change feed as a platform sees it.
 *
 * @param survivorId for MERGE, the master of the community that absorbed {@code masterId}; null otherwise
 * @param person for INSERT and UPDATE, the person as now stored, masked as in the roster; null otherwise
 * @param snapshotId lakehouse snapshot the change was read at
 */
public record MaskedChange(ChangeType type, String masterId, String survivorId, MaskedPerson person, long snapshotId) {
  public MaskedChange {
    requireNonNull(type, "type is null");
    requireNonNull(masterId, "masterId is null");
  }
}
