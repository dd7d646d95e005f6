package org.cdhub.api.queryaudit;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.cdhub.api.generated.model.TrinoQueryCompletedEvent;
import org.cdhub.catalog.audit.AccessAuditLog;
import org.cdhub.catalog.audit.AccessEvent;
import org.cdhub.catalog.registry.Dataset;
import org.cdhub.catalog.registry.DatasetRepository;
import org.cdhub.catalog.subscription.Subscription;
import org.cdhub.catalog.subscription.SubscriptionRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the reads of each query Trino reports to the access audit, looking the department's
 * subscriptions and the catalog entries up in the catalog database. Logs query ids, never SQL.
 */
public final class QueryEventService {
  private static final Logger LOG = LoggerFactory.getLogger(QueryEventService.class);

  private final TrinoQueryAudit mapping;
  private final SubscriptionRepository subscriptions;
  private final DatasetRepository datasets;
  private final AccessAuditLog audit;
  private final Clock clock;

  public QueryEventService(TrinoQueryAudit mapping, SubscriptionRepository subscriptions, DatasetRepository datasets,
      AccessAuditLog audit, Clock clock) {
    this.mapping = requireNonNull(mapping, "mapping is null");
    this.subscriptions = requireNonNull(subscriptions, "subscriptions is null");
    this.datasets = requireNonNull(datasets, "datasets is null");
    this.audit = requireNonNull(audit, "audit is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  /**
   * Audits one completed query.
   *
   * @throws AuditUnavailableException when the catalog database cannot be read or written; the
   *     entries written before the failure stay (the chain stays whole), so a retried event may
   *     repeat them
   */
  public TrinoQueryAudit.Audit record(TrinoQueryCompletedEvent event) {
    requireNonNull(event, "event is null");
    String queryId = event.getMetadata().getQueryId();
    try {
      TrinoQueryAudit.Audit result = mapping.audit(event, new TrinoQueryAudit.CatalogLookup() {
        @Override
        public List<Subscription> subscriptionsOf(String department) {
          return subscriptions.findByDepartment(department);
        }

        @Override
        public Optional<Dataset> dataset(String qualifiedName) {
          return datasets.findByQualifiedName(qualifiedName);
        }
      }, clock.instant());
      for (AccessEvent entry : result.entries()) {
        audit.record(entry);
      }
      return result;
    } catch (IllegalStateException e) {
      // the catalog repositories' way of saying the database failed
      LOG.warn("Cannot audit Trino query {}: {}", queryId, e.getMessage());
      throw new AuditUnavailableException("Cannot audit Trino query " + queryId
          + ": the access audit cannot be written now; send the event again", e);
    }
  }
}
