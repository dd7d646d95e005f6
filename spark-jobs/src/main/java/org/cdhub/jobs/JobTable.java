package org.cdhub.jobs;

import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.cdhub.jobs.resolve.PersonLink;
import org.cdhub.model.schema.TableSchemas;

/**
 * Tables the jobs keep for themselves between runs, in the style of {@code LakehouseTable}
 * (a candidate to move there once other modules read them).
 */
public enum JobTable {
  /** Resolve's output: cluster and master id of every current silver person. */
  PERSON_LINK("gold", "person_link", PersonLink.class);

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
}
