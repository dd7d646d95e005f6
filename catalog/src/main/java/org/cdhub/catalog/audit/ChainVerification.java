package org.cdhub.catalog.audit;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * What {@link AccessAuditLog#verify()} found.
 *
 * @param entriesChecked chained entries whose links and hashes were checked before the first break (all when intact)
 * @param legacyRows rows written before the chain existed, folded into the anchor of entry 1
 * @param headHash hash of the last entry checked ({@link AccessEventHash#GENESIS} or the anchor when none);
 *     an auditor who notes it can later tell whether the chain was rewritten from an earlier point
 * @param firstBreak the first broken link, empty when the chain is intact
 */
public record ChainVerification(long entriesChecked, long legacyRows, String headHash, Optional<Break> firstBreak) {
  public ChainVerification {
    requireNonNull(headHash, "headHash is null");
    requireNonNull(firstBreak, "firstBreak is null");
  }

  public boolean intact() {
    return firstBreak.isEmpty();
  }

  /** Why a link is broken. */
  public enum Reason {
    /** The entry's stored hash is not the hash of its stored fields: the entry was changed. */
    HASH_MISMATCH,
    /** The entry's previous hash is not the hash of the entry before it: an entry was changed, removed or forged before it. */
    PREVIOUS_HASH_MISMATCH,
    /** A sequence number is missing or out of order: an entry was removed or inserted. */
    GAP,
    /** A row without a sequence number after the chain began: it was inserted around the chain. */
    UNCHAINED_ROW
  }

  /**
   * The first broken link.
   *
   * @param seq the sequence number where the chain breaks: the changed entry, the missing number,
   *     or for {@link Reason#UNCHAINED_ROW} the next number expected
   * @param reason what is wrong
   * @param detail what was expected and what was found, naming the row
   */
  public record Break(long seq, Reason reason, String detail) {
    public Break {
      requireNonNull(reason, "reason is null");
      requireNonNull(detail, "detail is null");
    }
  }
}
