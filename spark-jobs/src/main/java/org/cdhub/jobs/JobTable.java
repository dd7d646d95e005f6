package org.cdhub.jobs;

import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import java.util.Map;
import org.apache.iceberg.TableProperties;
import org.cdhub.jobs.resolve.MatchModelLevel;
import org.cdhub.jobs.resolve.PersonBlock;
import org.cdhub.jobs.resolve.PersonLink;
import org.cdhub.jobs.resolve.ResolveRun;
import org.cdhub.model.schema.TableSchemas;

/**
 * Tables the jobs keep for themselves between runs, in the style of {@code LakehouseTable}
 * (a candidate to move there once other modules read them).
 */
public enum JobTable {
  /** Resolve's output: cluster and master id of every current silver person. */
  PERSON_LINK("gold", "person_link", PersonLink.class),
  /** Resolve's blocking keys of every current silver person, for incremental runs. */
  PERSON_BLOCK("gold", "person_block", PersonBlock.class),
  /** The match models full resolve runs estimated, which incremental runs reuse. */
  PERSON_MATCH_MODEL("gold", "person_match_model", MatchModelLevel.class),
  /** Resolve runs that changed something: their watermark and model. */
  RESOLVE_RUN("ops", "resolve_run", ResolveRun.class);

  private final String namespace;
  private final String name;
  private final Class<? extends Record> rowType;

  JobTable(String namespace, String name, Class<? extends Record> rowType) {
    this.namespace = namespace;
    this.name = name;
    this.rowType = rowType;
  }

  public TableIdentifier identifier() {
    return TableIdentifier.of(Namespace.of(namespace), name);
  }

  public Schema schema() {
    return TableSchemas.of(rowType);
  }

  public PartitionSpec partitionSpec() {
    return PartitionSpec.unpartitioned();
  }

  /**
   * Format v2, and row-level changes as delete files (merge-on-read): an incremental resolve
   * changes a few thousand of a million rows, which copy-on-write would answer by rewriting
   * every data file holding one of them.
   */
  public Map<String, String> tableProperties() {
    return Map.of(TableProperties.FORMAT_VERSION, "2",
        TableProperties.DELETE_MODE, "merge-on-read",
        TableProperties.UPDATE_MODE, "merge-on-read",
        TableProperties.MERGE_MODE, "merge-on-read");
  }
}
