package org.cdhub.catalog.audit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The hash that chains the access audit: each entry's hash covers its own fields and the
 * previous entry's hash, so changing, removing or inserting an entry breaks every link after it.
 *
 * <p>Format, so an auditor can recompute it without this code. The message is the UTF-8 bytes of
 * {@code cdhub-access-event-v1} followed by these fields in this order, each written as a line
 * feed and then either {@code -} (null) or {@code <length>:<value>}, where length is the number
 * of UTF-8 bytes of the value in decimal:
 * <ol>
 *   <li>seq: the entry's sequence number in decimal (1, 2, 3 …; 0 for rows older than the chain)
 *   <li>occurred_at: milliseconds since 1970-01-01T00:00Z in decimal
 *   <li>client_id, purpose, dataset, access_action, access_scope: as stored
 *   <li>record_count in decimal; unmasked as {@code true} or {@code false}; outcome as stored
 *   <li>request_query as stored
 *   <li>record_ids: the master ids joined by single spaces, null when there are none
 *   <li>previous_hash: the previous entry's hash
 * </ol>
 * An entry with a grant_id (an unmasked read, since catalog migration V4) is hashed in format
 * {@code cdhub-access-event-v2}: the tag {@link #FORMAT_WITH_GRANT} instead, and one more field,
 * grant_id in decimal, after record_ids (before previous_hash). Entries without one keep the v1
 * message, so chains written before V4 verify unchanged, and removing a grant id breaks the hash.
 * The hash is the SHA-256 of the message as 64 lowercase hex digits. Entry 1's previous hash is
 * {@link #legacyAnchor the anchor} folded over rows written before the chain existed, which is
 * {@link #GENESIS} when there were none. Example (Python):
 * {@code f = lambda v: "\n-" if v is None else f"\n{len(v.encode())}:{v}"} and
 * {@code sha256(("cdhub-access-event-v1" + "".join(map(f, fields))).encode()).hexdigest()}.
 */
public final class AccessEventHash {
  /** Version tag at the start of every message; a new format gets a new tag. */
  public static final String FORMAT = "cdhub-access-event-v1";
  /** Tag of entries that name an unmask grant. */
  public static final String FORMAT_WITH_GRANT = "cdhub-access-event-v2";
  /** The previous hash of the first entry when no rows predate the chain. */
  public static final String GENESIS = "0".repeat(64);

  private AccessEventHash() {}

  /** The hash of entry {@code seq} holding {@code event} and linked to {@code previousHash}. */
  public static String of(long seq, AccessEvent event, String previousHash) {
    requireNonNull(event, "event is null");
    requireNonNull(previousHash, "previousHash is null");
    return sha256Hex(message(seq, event, previousHash));
  }

  /**
   * The previous hash of entry 1: {@link #GENESIS}, folded through each row written before the
   * chain (in the order recorded) as {@code h = of(0, row, h)}. Anchoring them this way makes a
   * change to those rows detectable without rewriting them.
   */
  public static String legacyAnchor(Iterable<AccessEvent> legacyRows) {
    String h = GENESIS;
    for (AccessEvent row : legacyRows) {
      h = of(0, row, h);
    }
    return h;
  }

  /** The exact message hashed, as documented above. */
  static String message(long seq, AccessEvent e, String previousHash) {
    StringBuilder m = new StringBuilder(256).append(e.grantId() == null ? FORMAT : FORMAT_WITH_GRANT);
    field(m, Long.toString(seq));
    field(m, Long.toString(e.at().toEpochMilli()));
    field(m, e.clientId());
    field(m, e.purpose());
    field(m, e.dataset());
    field(m, e.action());
    field(m, e.scope());
    field(m, Integer.toString(e.recordCount()));
    field(m, Boolean.toString(e.unmasked()));
    field(m, e.outcome());
    field(m, e.query());
    field(m, e.recordIds().isEmpty() ? null : String.join(" ", e.recordIds()));
    if (e.grantId() != null) {
      field(m, Long.toString(e.grantId()));
    }
    field(m, previousHash);
    return m.toString();
  }

  private static void field(StringBuilder m, String value) {
    m.append('\n');
    if (value == null) {
      m.append('-');
    } else {
      // the byte length makes every boundary explicit: no value can imitate a separator
      m.append(value.getBytes(UTF_8).length).append(':').append(value);
    }
  }

  private static String sha256Hex(String message) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(message.getBytes(UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Cannot hash an access event: this JVM has no SHA-256", e);
    }
  }
}
