package org.cdhub.api.queryaudit;

import static java.util.Objects.requireNonNull;

import org.cdhub.api.generated.api.InternalApi;
import org.cdhub.api.generated.model.TrinoQueryCompletedEvent;
import org.cdhub.api.generated.model.TrinoQueryEventReceipt;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/internal/trino/query-events}: Trino's HTTP event listener reports each
 * completed query. The shared secret and the body size are checked before this is reached
 * ({@code security.TrinoEventTokenFilter}).
 */
@RestController
class TrinoQueryEventsController implements InternalApi {
  private final QueryEventService events;

  TrinoQueryEventsController(QueryEventService events) {
    this.events = requireNonNull(events, "events is null");
  }

  @Override
  public ResponseEntity<TrinoQueryEventReceipt> recordTrinoQueryEvent(TrinoQueryCompletedEvent event) {
    TrinoQueryAudit.Audit audit = events.record(event);
    return ResponseEntity.ok(new TrinoQueryEventReceipt(audit.queryId(), audit.entries().size())
        .skipped(audit.skipped() == null ? null : TrinoQueryEventReceipt.SkippedEnum.fromValue(audit.skipped().name())));
  }
}
