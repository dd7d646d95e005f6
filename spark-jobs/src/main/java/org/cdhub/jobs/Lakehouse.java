package org.cdhub.jobs;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.iceberg.DataOperations;
import org.apache.iceberg.DistributionMode;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotSummary;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.spark.CommitMetadata;
import org.apache.iceberg.spark.SparkCatalog;
import org.apache.iceberg.spark.SparkSchemaUtil;
import org.apache.iceberg.spark.SparkWriteOptions;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.cdhub.model.lakehouse.LakehouseTable;

/**
 * The hub's Iceberg catalog as the jobs see it through Spark: table names, creation from the
 * model's schemas, reads, appends and keyed change sets (MERGE INTO).
 */
public final class Lakehouse {
  /** Snapshot summary property naming the job that wrote the snapshot. */
  public static final String SNAPSHOT_JOB_PROPERTY = "hub.job";
  /** Column of a change set saying whether the row is an upsert ({@link #UPSERT}) or a delete ({@link #DELETE}). */
  public static final String CHANGE_OP = "_change_op";
  public static final String UPSERT = "U";
  public static final String DELETE = "D";

  private final SparkSession spark;
  private final String catalogName;

  public Lakehouse(SparkSession spark, String catalogName) {
    this.spark = requireNonNull(spark, "spark is null");
    this.catalogName = requireNonNull(catalogName, "catalogName is null");
  }

  /** A Spark session for one job run: the hub catalog mounted, quiet, small shuffles, no UI. */
  public static SparkSession session(JobConfig config, String appName) {
    requireNonNull(config, "config is null");
    SparkSession.Builder builder = SparkSession.builder()
        .master(config.master())
        .appName(appName)
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", String.valueOf(config.shufflePartitions()))
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.debug.maxToStringFields", "200")
        // plans over cached datasets print every cached lineage; merge's plans would fill the heap with text
        .config("spark.sql.maxPlanStringLength", "200000")
        // rows carry java.time values, the same types as the model's records
        .config("spark.sql.datetime.java8API.enabled", "true");
    if (config.master().startsWith("local")) {
      builder.config("spark.driver.bindAddress", "127.0.0.1").config("spark.driver.host", "localhost");
    }
    config.lakehouse().sparkConf().forEach(builder::config);
    createSqliteDirectory(config.lakehouse().catalogUri());
    SparkSession spark = builder.getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    // the plan-string cap above is a memory guard, not news: one warning per query would drown progress
    org.apache.logging.log4j.core.config.Configurator.setLevel("org.apache.spark.sql.catalyst.util.StringUtils",
        org.apache.logging.log4j.Level.ERROR);
    return spark;
  }

  /** SQLite creates its file but not the folder; the embedded profile's data dir may be new. */
  static void createSqliteDirectory(String catalogUri) {
    String prefix = "jdbc:sqlite:";
    if (!catalogUri.startsWith(prefix) || catalogUri.contains(":memory:")) {
      return;
    }
    String file = catalogUri.substring(prefix.length());
    int query = file.indexOf('?');
    Path parent = Path.of(query < 0 ? file : file.substring(0, query)).toAbsolutePath().getParent();
    try {
      Files.createDirectories(parent);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the catalog database folder " + parent, e);
    }
  }

  public SparkSession spark() {
    return spark;
  }

  /** {@code hub.silver.person}: the name Spark SQL knows a table by. */
  public String sqlName(TableIdentifier id) {
    return catalogName + "." + id;
  }

  public String sqlName(LakehouseTable table) {
    return sqlName(table.identifier());
  }

  public Catalog icebergCatalog() {
    Object plugin = spark.sessionState().catalogManager().catalog(catalogName);
    if (!(plugin instanceof SparkCatalog sparkCatalog)) {
      throw new IllegalStateException("Cannot use catalog " + catalogName + ": it is not an Iceberg SparkCatalog but " + plugin.getClass().getName());
    }
    return sparkCatalog.icebergCatalog();
  }

  public boolean exists(TableIdentifier id) {
    return icebergCatalog().tableExists(id);
  }

  /**
   * Creates the table (format v2) and its namespace if missing. An existing table gains the
   * columns the model added since it was created (as optional columns, Iceberg schema evolution:
   * old rows read null), so a lakehouse written by an older hub keeps working; nothing else changes.
   */
  public void createIfMissing(TableIdentifier id, Schema schema, PartitionSpec spec) {
    createIfMissing(id, schema, spec, Map.of(TableProperties.FORMAT_VERSION, "2"));
  }

  /** Sets those of {@code properties} the table lacks or holds with another value (no commit when none). */
  public void ensureProperties(TableIdentifier id, Map<String, String> properties) {
    Table table = icebergCatalog().loadTable(id);
    org.apache.iceberg.UpdateProperties update = table.updateProperties();
    boolean changed = false;
    for (Map.Entry<String, String> e : properties.entrySet()) {
      if (!e.getValue().equals(table.properties().get(e.getKey()))) {
        update.set(e.getKey(), e.getValue());
        changed = true;
      }
    }
    if (changed) {
      update.commit();
    }
  }

  /** Replaces every row of a table with {@code rows} in one snapshot tagged with the job. */
  public void replaceAll(TableIdentifier id, Dataset<Row> rows, String job) {
    try {
      rows.writeTo(sqlName(id)).option("snapshot-property." + SNAPSHOT_JOB_PROPERTY, job).overwrite(org.apache.spark.sql.functions.lit(true));
    } catch (Exception e) {
      throw new IllegalStateException("Cannot overwrite " + sqlName(id) + ": " + e.getMessage(), e);
    }
  }

  /** Creates the job's own table with its properties if missing. */
  public void createIfMissing(JobTable table) {
    createIfMissing(table.identifier(), table.schema(), table.partitionSpec(), table.tableProperties());
  }

  private void createIfMissing(TableIdentifier id, Schema schema, PartitionSpec spec, Map<String, String> properties) {
    Catalog catalog = icebergCatalog();
    if (catalog.tableExists(id)) {
      org.apache.iceberg.Table table = catalog.loadTable(id);
      if (schema.columns().stream().anyMatch(c -> table.schema().findField(c.name()) == null)) {
        table.updateSchema().unionByNameWith(schema).commit();
        spark.catalog().refreshTable(sqlName(id));
      }
      return;
    }
    if (catalog instanceof SupportsNamespaces namespaces && !namespaces.namespaceExists(id.namespace())) {
      try {
        namespaces.createNamespace(id.namespace());
      } catch (AlreadyExistsException raced) {
        // another engine created it meanwhile: fine
      }
    }
    try {
      catalog.createTable(id, schema, spec, properties);
    } catch (AlreadyExistsException raced) {
      // created concurrently by another writer: use theirs
    }
  }

  public void createIfMissing(LakehouseTable table) {
    createIfMissing(table.identifier(), table.schema(), table.partitionSpec(), table.tableProperties());
  }

  public Dataset<Row> read(TableIdentifier id) {
    return spark.table(sqlName(id));
  }

  /** The table as of one snapshot, so several reads in a run see the same rows. */
  public Dataset<Row> readAt(TableIdentifier id, long snapshotId) {
    return spark.read().option("snapshot-id", snapshotId).table(sqlName(id));
  }

  /**
   * Rows appended after snapshot {@code afterSnapshotId} up to and including {@code toSnapshotId}
   * (an incremental append scan). Fails when a snapshot in between is not an append.
   */
  public Dataset<Row> readAppended(TableIdentifier id, long afterSnapshotId, long toSnapshotId) {
    return spark.read().format("iceberg")
        .option("start-snapshot-id", afterSnapshotId)
        .option("end-snapshot-id", toSnapshotId)
        .load(sqlName(id));
  }

  /** Whether {@code ancestorId} is {@code snapshotId} or one of its ancestors (not expired or rolled back). */
  public boolean isAncestor(TableIdentifier id, long snapshotId, long ancestorId) {
    return org.apache.iceberg.util.SnapshotUtil.isAncestorOf(icebergCatalog().loadTable(id), snapshotId, ancestorId);
  }

  /**
   * Rows appended per value of the snapshot summary property {@code key} (such as the bronze
   * batch id) by the snapshots after {@code afterSnapshotId} (null: from the table's first) up
   * to and including {@code toSnapshotId}, read from table metadata without scanning data.
   * Empty when the metadata cannot say exactly: a snapshot in between that is not an append or
   * lacks the property, an expired ancestor, or added rows that do not add up to the snapshots'
   * record totals; the caller then counts rows.
   */
  public Optional<Map<String, Long>> appendedRowsBy(TableIdentifier id, String key, Long afterSnapshotId, long toSnapshotId) {
    Table table = icebergCatalog().loadTable(id);
    Map<String, Long> rows = new TreeMap<>();
    long added = 0;
    Snapshot s = table.snapshot(toSnapshotId);
    while (s != null && (afterSnapshotId == null || s.snapshotId() != afterSnapshotId)) {
      String value = s.summary().get(key);
      Long count = summaryLong(s, SnapshotSummary.ADDED_RECORDS_PROP);
      if (!DataOperations.APPEND.equals(s.operation()) || value == null || count == null) {
        return Optional.empty();
      }
      rows.merge(value, count, Long::sum);
      added += count;
      Long parent = s.parentId();
      if (parent == null) {
        s = null;
        break;
      }
      s = table.snapshot(parent);
      if (s == null) {
        return Optional.empty(); // expired: its rows are still in the table but no longer described
      }
    }
    if (afterSnapshotId != null && s == null) {
      return Optional.empty(); // not an ancestor
    }
    Long total = summaryLong(table.snapshot(toSnapshotId), SnapshotSummary.TOTAL_RECORDS_PROP);
    Long before = s == null ? Long.valueOf(0) : summaryLong(s, SnapshotSummary.TOTAL_RECORDS_PROP);
    if (total == null || before == null || total - before != added) {
      return Optional.empty();
    }
    return Optional.of(rows);
  }

  /** Equality and position delete rows live in the snapshot. */
  private static long deleteRows(Snapshot snapshot) {
    Long equality = summaryLong(snapshot, SnapshotSummary.TOTAL_EQ_DELETES_PROP);
    Long position = summaryLong(snapshot, SnapshotSummary.TOTAL_POS_DELETES_PROP);
    return (equality == null ? 0 : equality) + (position == null ? 0 : position);
  }

  private static Long summaryLong(Snapshot snapshot, String property) {
    String value = snapshot == null ? null : snapshot.summary().get(property);
    try {
      return value == null ? null : Long.valueOf(value);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** Id of the table's current snapshot, or null while it has none. */
  public Long currentSnapshotId(TableIdentifier id) {
    org.apache.iceberg.Snapshot snapshot = icebergCatalog().loadTable(id).currentSnapshot();
    return snapshot == null ? null : snapshot.snapshotId();
  }

  public Dataset<Row> read(LakehouseTable table) {
    return read(table.identifier());
  }

  /** Rows of a table, or no rows of its schema when the table does not exist yet. */
  public Dataset<Row> readOrEmpty(TableIdentifier id, Schema schema) {
    return exists(id) ? read(id) : spark.createDataFrame(List.of(), sparkType(schema));
  }

  /** Column names as Spark's join API takes them. */
  public static scala.collection.Seq<String> columns(List<String> names) {
    return scala.collection.JavaConverters.asScalaBuffer(names).toList();
  }

  public static StructType sparkType(Schema schema) {
    return SparkSchemaUtil.convert(schema);
  }

  /** Number of snapshots of a table: unchanged when a job run changed nothing. */
  public long snapshotCount(TableIdentifier id) {
    if (!exists(id)) {
      return 0;
    }
    return spark.sql("SELECT count(*) FROM " + sqlName(id) + ".snapshots").first().getLong(0);
  }

  /**
   * Appends {@code rows} when {@code id} has never been written (no snapshot) and returns how
   * many; empty when the table has history. A job writing changes against stored rows tries
   * this first: on a first run every row is new, and an append costs far less than a MERGE.
   */
  public java.util.OptionalLong appendIfNeverWritten(TableIdentifier id, Dataset<Row> rows, String job) {
    if (currentSnapshotId(id) != null) {
      return java.util.OptionalLong.empty();
    }
    Dataset<Row> all = rows.persist(org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK());
    try {
      long n = all.count();
      if (n > 0) {
        append(id, all.select(java.util.Arrays.stream(read(id).columns()).map(org.apache.spark.sql.functions::col)
            .toArray(org.apache.spark.sql.Column[]::new)), job);
      }
      return java.util.OptionalLong.of(n);
    } finally {
      all.unpersist();
    }
  }

  /** Appends rows (already in the table's schema) in one snapshot tagged with the job. */
  public void append(TableIdentifier id, Dataset<Row> rows, String job) {
    try {
      rows.writeTo(sqlName(id)).option("snapshot-property." + SNAPSHOT_JOB_PROPERTY, job).append();
    } catch (Exception e) {
      throw new IllegalStateException("Cannot append to " + sqlName(id) + ": " + e.getMessage(), e);
    }
  }

  /**
   * Appends as {@link #append} but writes each task's rows where they are: no shuffle to
   * cluster rows by partition (Iceberg's default for a partitioned table) and one open file
   * per partition a task meets. For rows that fall in one or a few partitions, such as one
   * feed's rows of a table partitioned by feed, where the shuffle would funnel every row
   * through one task.
   */
  public void appendInPlace(TableIdentifier id, Dataset<Row> rows, String job) {
    try {
      rows.writeTo(sqlName(id))
          .option("snapshot-property." + SNAPSHOT_JOB_PROPERTY, job)
          .option(SparkWriteOptions.DISTRIBUTION_MODE, DistributionMode.NONE.modeName())
          .option(SparkWriteOptions.FANOUT_ENABLED, "true")
          .append();
    } catch (Exception e) {
      throw new IllegalStateException("Cannot append to " + sqlName(id) + ": " + e.getMessage(), e);
    }
  }

  /**
   * Applies a keyed change set in one MERGE INTO (one snapshot). {@code changes} has the
   * table's columns plus {@link #CHANGE_OP}: upserted rows replace or add the row with their
   * key; delete rows need only the key columns. Callers send only rows that really changed,
   * so a re-run with nothing new writes nothing.
   */
  public void applyChanges(TableIdentifier id, Dataset<Row> changes, List<String> keyColumns, String job) {
    requireNonNull(keyColumns, "keyColumns is null");
    if (keyColumns.isEmpty()) {
      throw new IllegalArgumentException("Cannot merge into " + sqlName(id) + ": no key columns");
    }
    String view = "hub_changes_" + id.name() + "_" + Long.toUnsignedString(System.nanoTime(), 36);
    changes.createOrReplaceTempView(view);
    List<String> columns = new ArrayList<>();
    for (String c : changes.columns()) {
      if (!c.equals(CHANGE_OP)) {
        columns.add(c);
      }
    }
    String on = keyColumns.stream().map(k -> "t." + q(k) + " <=> s." + q(k)).collect(Collectors.joining(" AND "));
    String set = columns.stream().map(c -> "t." + q(c) + " = s." + q(c)).collect(Collectors.joining(", "));
    String insertColumns = columns.stream().map(Lakehouse::q).collect(Collectors.joining(", "));
    String insertValues = columns.stream().map(c -> "s." + q(c)).collect(Collectors.joining(", "));
    String sql = "MERGE INTO " + sqlName(id) + " t USING " + view + " s ON " + on
        + " WHEN MATCHED AND s." + CHANGE_OP + " = '" + DELETE + "' THEN DELETE"
        + " WHEN MATCHED THEN UPDATE SET " + set
        + " WHEN NOT MATCHED AND s." + CHANGE_OP + " = '" + UPSERT + "' THEN INSERT (" + insertColumns + ") VALUES (" + insertValues + ")";
    try {
      // CommitMetadata tags the snapshot that the SQL statement commits
      CommitMetadata.withCommitProperties(Map.of(SNAPSHOT_JOB_PROPERTY, job), () -> spark.sql(sql), RuntimeException.class);
    } catch (RuntimeException e) {
      throw new IllegalStateException("Cannot merge changes into " + sqlName(id) + ": " + e.getMessage(), e);
    } finally {
      spark.catalog().dropTempView(view);
    }
  }

  /**
   * Replaces the rows with the keys of {@code upserts} by them and deletes the rows with the keys
   * of {@code deletedKeys} (null: none), in one snapshot; returns upserts plus deleted keys. Up to
   * {@code driverMaxRows} such rows go through the driver as one row delta with equality deletes,
   * which reads nothing of the table ({@link KeyedRowDelta}); more, or a table with data in many
   * partitions, take one MERGE INTO, which scans it. Callers pass only rows that really changed
   * and should persist {@code upserts}: a large change set is computed twice.
   */
  public long writeKeyedChanges(TableIdentifier id, Dataset<Row> upserts, Dataset<Row> deletedKeys, List<String> keyColumns,
      String job, int driverMaxRows) {
    KeyedRowDelta delta = new KeyedRowDelta(icebergCatalog().loadTable(id), keyColumns);
    org.apache.iceberg.util.StructLikeSet partitions = delta.partitionsWithData();
    if (partitions != null) {
      List<Row> upserted = upserts.limit(driverMaxRows + 1).collectAsList();
      if (upserted.size() <= driverMaxRows) {
        List<Row> deleted = deletedKeys == null ? List.of() : deletedKeys.limit(driverMaxRows + 1 - upserted.size()).collectAsList();
        if (upserted.size() + deleted.size() <= driverMaxRows) {
          delta.commit(upserted, deleted, partitions, Map.of(SNAPSHOT_JOB_PROPERTY, job));
          return upserted.size() + deleted.size();
        }
      }
    }
    Dataset<Row> changes = upserts.withColumn(CHANGE_OP, functions.lit(UPSERT));
    if (deletedKeys != null) {
      changes = changes.unionByName(deletedKeys.withColumn(CHANGE_OP, functions.lit(DELETE)), true);
    }
    changes = changes.persist(org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK());
    try {
      long n = changes.count();
      if (n > 0) {
        applyChanges(id, changes, keyColumns, job);
      }
      return n;
    } finally {
      changes.unpersist();
    }
  }

  /**
   * As above for changes already on the driver: {@code upserts} rows carry the table's columns by
   * name ({@code schema}), {@code deletedKeys} rows the key columns.
   */
  public long writeKeyedChanges(TableIdentifier id, List<Row> upserts, List<Row> deletedKeys, StructType schema,
      List<String> keyColumns, String job, int driverMaxRows) {
    if (upserts.size() + deletedKeys.size() <= driverMaxRows) {
      KeyedRowDelta delta = new KeyedRowDelta(icebergCatalog().loadTable(id), keyColumns);
      org.apache.iceberg.util.StructLikeSet partitions = delta.partitionsWithData();
      if (partitions != null) {
        delta.commit(upserts, deletedKeys, partitions, Map.of(SNAPSHOT_JOB_PROPERTY, job));
        return upserts.size() + deletedKeys.size();
      }
    }
    StructType keySchema = new StructType(
        keyColumns.stream().map(c -> schema.apply(c)).toArray(org.apache.spark.sql.types.StructField[]::new));
    return writeKeyedChanges(id, spark().createDataFrame(upserts, schema),
        deletedKeys.isEmpty() ? null : spark().createDataFrame(deletedKeys, keySchema), keyColumns, job, 0);
  }

  /**
   * The table's live rows from its current snapshot's summary, without reading it: its rows less
   * its delete rows. Exact for a table without deletes; with them a lower bound when each delete
   * row removes at most one row (keyed upserts), as in the resolve tables. 0 for an empty table.
   */
  public long liveRowsAtLeast(TableIdentifier id) {
    Snapshot current = icebergCatalog().loadTable(id).currentSnapshot();
    Long records = summaryLong(current, SnapshotSummary.TOTAL_RECORDS_PROP);
    long deletes = deleteRows(current);
    return records == null ? 0 : Math.max(0, records - deletes);
  }

  /**
   * Rewrites the table's data files with their deletes applied and drops the delete files, when
   * its live delete rows (equality and position) exceed {@code maxShare} of its rows: every row
   * delta and MERGE adds delete files that each later read applies. Returns whether it did.
   */
  public boolean compactWhenDeletesExceed(TableIdentifier id, double maxShare, String job) {
    Snapshot current = icebergCatalog().loadTable(id).currentSnapshot();
    Long records = summaryLong(current, SnapshotSummary.TOTAL_RECORDS_PROP);
    long deletes = deleteRows(current);
    if (records == null || deletes <= maxShare * records) {
      return false;
    }
    String sql = "CALL " + catalogName + ".system.rewrite_data_files(table => '" + id
        + "', options => map('rewrite-all', 'true', 'remove-dangling-deletes', 'true'))";
    try {
      CommitMetadata.withCommitProperties(Map.of(SNAPSHOT_JOB_PROPERTY, job), () -> spark.sql(sql).collectAsList(), RuntimeException.class);
    } catch (RuntimeException e) {
      throw new IllegalStateException("Cannot compact " + sqlName(id) + ": " + e.getMessage(), e);
    }
    return true;
  }

  /** Deletes every row whose {@code keyColumns} equal those of a row of {@code keys}, in one MERGE INTO (one snapshot). */
  public void deleteKeys(TableIdentifier id, Dataset<Row> keys, List<String> keyColumns, String job) {
    String view = "hub_deletes_" + id.name() + "_" + Long.toUnsignedString(System.nanoTime(), 36);
    keys.createOrReplaceTempView(view);
    String on = keyColumns.stream().map(k -> "t." + q(k) + " <=> s." + q(k)).collect(Collectors.joining(" AND "));
    try {
      CommitMetadata.withCommitProperties(Map.of(SNAPSHOT_JOB_PROPERTY, job),
          () -> spark.sql("MERGE INTO " + sqlName(id) + " t USING " + view + " s ON " + on + " WHEN MATCHED THEN DELETE"),
          RuntimeException.class);
    } catch (RuntimeException e) {
      throw new IllegalStateException("Cannot delete keys from " + sqlName(id) + ": " + e.getMessage(), e);
    } finally {
      spark.catalog().dropTempView(view);
    }
  }

  /** Deletes rows matching a SQL predicate in one snapshot (none if nothing matches). */
  public void delete(TableIdentifier id, String predicate, String job) {
    try {
      CommitMetadata.withCommitProperties(
          Map.of(SNAPSHOT_JOB_PROPERTY, job), () -> spark.sql("DELETE FROM " + sqlName(id) + " WHERE " + predicate), RuntimeException.class);
    } catch (RuntimeException e) {
      throw new IllegalStateException("Cannot delete from " + sqlName(id) + " where " + predicate + ": " + e.getMessage(), e);
    }
  }

  private static String q(String column) {
    return "`" + column.replace("`", "``") + "`";
  }
}
