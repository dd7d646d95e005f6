package org.cdhub.catalog.audit;

import java.util.List;

/**
 * The trail of every use of data, for auditors. Append-only: there is no way to change or remove
 * an event through this interface, and the database refuses it too. Tamper-evident: events form
 * a hash chain (see {@link AccessEventHash}) that {@link #verify()} checks.
 */
public interface AccessAuditLog {
  /**
   * Appends one event as the next entry of the chain; it is durable when this returns. Appends
   * are serialized, so concurrent callers never fork the chain or leave a gap.
   */
  void record(AccessEvent event);

  /**
   * The latest {@code limit} events (at most {@link AuditQuery#MAX_LIMIT}), newest first (in the
   * reverse order they were recorded).
   */
  List<AccessEvent> recent(int limit);

  /** The newest entries matching the query, newest first. */
  List<AuditEntry> find(AuditQuery query);

  /** Recomputes the whole chain and reports the first broken link, if any. */
  ChainVerification verify();
}
