package org.cdhub.flows.http;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.cdhub.flows.landing.RawRecord;

/**
 * Where a pull of a {@code next}-linked API stands, kept in the processor's state.
 *
 * <p>Resume rule: the cursor names the page to GET next. While a chain is followed it is the page
 * {@code next} pointed to, with nothing of it delivered. At the end of the chain (next = null) it
 * stays on that last page and remembers how many of its items were delivered and a hash of them:
 * the next pull GETs that page again and delivers only the items appended since (and follows a
 * {@code next} the page may have gained). If the delivered items changed instead (the vendor
 * rewrote the page), the page is delivered whole: nothing is lost, and bronze readers dedup
 * repeated rows on {@code _source_record_id} and {@code _payload_hash}.
 *
 * @param firstPage the first page the pull was started from (a new first page starts over)
 * @param page the page to GET next
 * @param delivered how many of that page's items were already delivered
 * @param deliveredHash hash of those items ("" when none)
 */
record PullCursor(URI firstPage, URI page, int delivered, String deliveredHash) {
  static final String KEY_FIRST_PAGE = "first.page.url";
  static final String KEY_PAGE = "page.url";
  static final String KEY_DELIVERED = "page.items.delivered";
  static final String KEY_DELIVERED_HASH = "page.items.sha256";

  PullCursor {
    requireNonNull(firstPage, "firstPage is null");
    requireNonNull(page, "page is null");
    requireNonNull(deliveredHash, "deliveredHash is null");
    if (delivered < 0) {
      throw new IllegalArgumentException("delivered must not be negative: " + delivered);
    }
  }

  /** A pull that starts at the first page. */
  static PullCursor start(URI firstPage) {
    return new PullCursor(firstPage, firstPage, 0, "");
  }

  /**
   * The cursor kept in {@code state}, or a fresh start when there is none, it was made for another
   * first page, or it cannot be read (a state written by hand or by an older version).
   */
  static PullCursor fromState(Map<String, String> state, URI firstPage) {
    String first = state.get(KEY_FIRST_PAGE);
    String page = state.get(KEY_PAGE);
    if (first == null || page == null || !first.equals(firstPage.toString())) {
      return start(firstPage);
    }
    try {
      return new PullCursor(firstPage, URI.create(page), Integer.parseInt(state.getOrDefault(KEY_DELIVERED, "0")),
          state.getOrDefault(KEY_DELIVERED_HASH, ""));
    } catch (IllegalArgumentException e) {
      return start(firstPage);
    }
  }

  Map<String, String> toState() {
    return Map.of(KEY_FIRST_PAGE, firstPage.toString(), KEY_PAGE, page.toString(),
        KEY_DELIVERED, Integer.toString(delivered), KEY_DELIVERED_HASH, deliveredHash);
  }

  /** The page {@code next} links to, nothing of it delivered yet. */
  PullCursor followTo(URI next) {
    return new PullCursor(firstPage, next, 0, "");
  }

  /** Stays on the last page, all of {@code items} delivered. */
  PullCursor atEnd(List<RawRecord> items) {
    return new PullCursor(firstPage, page, items.size(), hash(items));
  }

  /** Whether the first {@link #delivered} of {@code items} are the items delivered before. */
  boolean stillHolds(List<RawRecord> items) {
    return delivered <= items.size() && hash(items.subList(0, delivered)).equals(deliveredHash);
  }

  /** SHA-256 over the items' payload hashes, in order; "" for none. */
  static String hash(List<RawRecord> items) {
    if (items.isEmpty()) {
      return "";
    }
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      items.forEach(i -> sha.update((i.payloadHash() + "\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("The JDK has no SHA-256", e);
    }
  }
}
