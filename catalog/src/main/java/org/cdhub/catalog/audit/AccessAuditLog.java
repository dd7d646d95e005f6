package org.cdhub.catalog.audit;

import java.util.List;

/**
 * The trail of every use of data, for auditors. Append-only: there is no way to change or remove
 * an event through this interface, and the database refuses it too.
 */
public interface AccessAuditLog {
  /** Appends one event; it is durable when this returns. */
  void record(AccessEvent event);

  /** The latest {@code limit} events, newest first (in the reverse order they were recorded). */
  List<AccessEvent> recent(int limit);
}
