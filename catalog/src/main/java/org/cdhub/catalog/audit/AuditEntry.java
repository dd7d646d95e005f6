package org.cdhub.catalog.audit;

import static java.util.Objects.requireNonNull;

/**
 * An access event as the audit log holds it: its place in the hash chain and the hashes that
 * link it (see {@link AccessEventHash}).
 *
 * @param seq place in the chain, from 1 without gaps; 0 for rows written before the chain existed
 * @param event what happened
 * @param previousHash the hash of entry {@code seq - 1} (or the anchor for entry 1); null when seq is 0
 * @param hash this entry's hash; null when seq is 0
 */
public record AuditEntry(long seq, AccessEvent event, String previousHash, String hash) {
  public AuditEntry {
    requireNonNull(event, "event is null");
    if (seq < 0) {
      throw new IllegalArgumentException("Invalid audit entry of client " + event.clientId() + ": seq must not be negative: " + seq);
    }
  }

  /** Whether this row predates the hash chain (written before catalog migration V3). */
  public boolean legacy() {
    return seq == 0;
  }
}
