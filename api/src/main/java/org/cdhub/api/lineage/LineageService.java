package org.cdhub.api.lineage;

import static java.util.Objects.requireNonNull;

import java.util.Collection;
import java.util.List;
import java.util.function.Predicate;
import org.cdhub.api.audit.AuditedQuery;
import org.cdhub.api.audit.PersonalDataAudit;
import org.cdhub.api.problem.InvalidParameterException;
import org.cdhub.api.returndata.PersonNotFoundException;
import org.cdhub.api.security.ApiClient;
import org.cdhub.catalog.audit.AccessAuditLog;
import org.cdhub.catalog.audit.AuditEntry;
import org.cdhub.catalog.audit.AuditQuery;
import org.cdhub.catalog.lineage.DatasetLineage;
import org.cdhub.catalog.lineage.LakehouseRows;
import org.cdhub.catalog.lineage.RecordLineage;
import org.cdhub.model.contract.SourceContract;
import org.cdhub.model.lakehouse.LakehouseTable;

/**
 * Dataset lineage (metadata, for any client) and record lineage of one golden person (auditors
 * only, audited like any read of gold.person), over the catalog module's shared lineage model.
 */
public final class LineageService {
  /** The audit action of a record-lineage read. */
  public static final String ACTION = "LINEAGE";
  /** Audited reads of a master listed with its lineage, newest first (as {@code ./hub lineage} shows by default). */
  static final int READS_SHOWN = 20;
  /** Successful reads per served table scanned for its client nodes (as {@code ./hub lineage <dataset>}). */
  static final int READERS_SCANNED = 1000;

  private final Collection<SourceContract> contracts;
  private final Predicate<String> hasFlow;
  private final LakehouseRows lake;
  private final AccessAuditLog auditLog;
  private final PersonalDataAudit audit;

  public LineageService(Collection<SourceContract> contracts, Predicate<String> hasFlow, LakehouseRows lake, AccessAuditLog auditLog,
      PersonalDataAudit audit) {
    this.contracts = List.copyOf(contracts);
    this.hasFlow = requireNonNull(hasFlow, "hasFlow is null");
    this.lake = requireNonNull(lake, "lake is null");
    this.auditLog = requireNonNull(auditLog, "auditLog is null");
    this.audit = requireNonNull(audit, "audit is null");
  }

  /** The API's lineage service over its lakehouse catalog. */
  public static LineageService over(Collection<SourceContract> contracts, Predicate<String> hasFlow,
      org.apache.iceberg.catalog.Catalog lakehouse, AccessAuditLog auditLog, PersonalDataAudit audit) {
    return new LineageService(contracts, hasFlow, new IcebergLakehouseRows(lakehouse), auditLog, audit);
  }

  /**
   * The part of the hub's lineage graph through {@code dataset}.
   *
   * @throws DatasetNotInLineageException if the graph has no such dataset
   */
  public DatasetLineage around(String dataset) {
    requireNonNull(dataset, "dataset is null");
    DatasetLineage hub = DatasetLineage.of(contracts, hasFlow, DatasetLineage.readers(auditLog, READERS_SCANNED));
    if (!hub.nodes().containsKey(dataset)) {
      throw new DatasetNotInLineageException(dataset);
    }
    return hub.around(dataset);
  }

  /**
   * The raw fields behind {@code column} of {@code dataset}, highest trust first.
   *
   * @throws InvalidParameterException ({@code column.not-mapped}) if no contract maps a field to it
   */
  public List<DatasetLineage.ColumnPath> column(String dataset, String column) {
    List<DatasetLineage.ColumnPath> paths = DatasetLineage.column(contracts, dataset, column);
    if (paths.isEmpty()) {
      throw new InvalidParameterException("column", "not-mapped", "Invalid column " + column + " of dataset " + dataset
          + ": no source contract maps a raw field to it (only contract-mapped columns of bronze, silver and gold tables have column lineage)");
    }
    return paths;
  }

  /**
   * Where every value of golden person {@code masterId} came from and who read it. Only for
   * auditors; the call is audited (refused ones too) before anything is returned.
   *
   * @throws AuditorRoleRequiredException if the client lacks role {@code auditor}
   * @throws PersonNotFoundException if gold holds no such master
   */
  public RecordLineage person(ApiClient client, AuditedQuery query, String masterId) {
    requireNonNull(client, "client is null");
    requireNonNull(masterId, "masterId is null");
    String dataset = LakehouseTable.GOLD_PERSON.qualifiedName();
    if (!client.hasRole(ApiClient.AUDITOR)) {
      audit.refused(client, null, query, dataset, ACTION, recordScope(masterId));
      throw new AuditorRoleRequiredException(client.id());
    }
    // the reads before this one: the auditor's own read is written below, not listed in its answer
    List<AuditEntry> reads = auditLog.find(AuditQuery.latest(READS_SHOWN).withRecord(masterId));
    RecordLineage lineage = RecordLineage.trace(lake, masterId, reads);
    if (!lineage.found()) {
      audit.read(client, query, dataset, ACTION, recordScope(masterId), List.of(), null); // an auditor's search is use too
      throw new PersonNotFoundException(masterId);
    }
    audit.read(client, query, dataset, ACTION, recordScope(masterId), List.of(masterId), null);
    return lineage;
  }

  /** An auditor's read is not limited to a community: its scope is the one record. */
  private static String recordScope(String masterId) {
    return "record:" + masterId;
  }
}
