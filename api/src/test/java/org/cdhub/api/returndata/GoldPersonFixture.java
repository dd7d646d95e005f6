package org.cdhub.api.returndata;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.RowDelta;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.data.GenericFileWriterFactory;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.deletes.EqualityDeleteWriter;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.io.OutputFileFactory;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.cdhub.model.entity.EntityType;
import org.cdhub.model.entity.MasterPerson;
import org.cdhub.model.lakehouse.LakehouseConfig;
import org.cdhub.model.lakehouse.LakehouseTable;

/**
 * A real gold.person Iceberg table in a data directory (embedded profile: JDBC catalog on
 * SQLite, local warehouse), written with the plain Iceberg Java API as the merge job would.
 */
public final class GoldPersonFixture implements AutoCloseable {
  private final JdbcCatalog catalog;
  private final Table table;
  private long fileSequence;

  private GoldPersonFixture(JdbcCatalog catalog, Table table) {
    this.catalog = catalog;
    this.table = table;
  }

  /** Opens the embedded lakehouse of {@code dataDir} and creates an empty gold.person. */
  public static GoldPersonFixture create(Path dataDir) {
    return create(open(dataDir));
  }

  /** Creates an empty gold.person in {@code catalog} (any lakehouse: SQLite, PostgreSQL); closing the fixture closes it. */
  public static GoldPersonFixture create(JdbcCatalog catalog) {
    LakehouseTable gold = LakehouseTable.GOLD_PERSON;
    if (!catalog.namespaceExists(Namespace.of("gold"))) {
      catalog.createNamespace(Namespace.of("gold"));
    }
    // format v2 as the merge job writes it: merge-on-read changes leave delete files
    Table table = catalog.createTable(gold.identifier(), gold.schema(), gold.partitionSpec(), gold.tableProperties());
    return new GoldPersonFixture(catalog, table);
  }

  /** Opens the embedded lakehouse of {@code dataDir} and its existing gold.person. */
  public static GoldPersonFixture existing(Path dataDir) {
    JdbcCatalog catalog = open(dataDir);
    return new GoldPersonFixture(catalog, catalog.loadTable(LakehouseTable.GOLD_PERSON.identifier()));
  }

  /** The embedded lakehouse catalog of {@code dataDir}, as the API opens it. */
  public static JdbcCatalog open(Path dataDir) {
    LakehouseConfig config = LakehouseConfig.embedded(dataDir);
    JdbcCatalog catalog = new JdbcCatalog();
    catalog.initialize(config.catalogName(), config.icebergCatalogProperties(true));
    return catalog;
  }

  public JdbcCatalog catalog() {
    return catalog;
  }

  public Table table() {
    return table;
  }

  /** Appends the persons in one commit (one Parquet file per community) and returns the new snapshot id. */
  public long append(List<MasterPerson> persons) {
    requireNonNull(persons, "persons is null");
    OutputFileFactory files = OutputFileFactory.builderFor(table, 1, ++fileSequence).format(FileFormat.PARQUET).build();
    AppendFiles append = table.newAppend();
    writeData(files, persons).forEach(append::appendFile);
    append.commit();
    return table.currentSnapshot().snapshotId();
  }

  /**
   * One merge-on-read commit as the merge job's MERGE INTO makes it: the stored rows of
   * {@code replaced} are deleted through equality-delete files on master_id (one per community
   * they were stored in), and {@code written} is appended. An update passes the old row in
   * {@code replaced} and the new one in {@code written}. Returns the new snapshot id.
   */
  public long replace(List<MasterPerson> replaced, List<MasterPerson> written) {
    requireNonNull(replaced, "replaced is null");
    requireNonNull(written, "written is null");
    Schema keySchema = table.schema().select("master_id");
    OutputFileFactory files = OutputFileFactory.builderFor(table, 1, ++fileSequence).format(FileFormat.PARQUET).build();
    GenericFileWriterFactory writers = new GenericFileWriterFactory.Builder(table)
        .dataFileFormat(FileFormat.PARQUET).deleteFileFormat(FileFormat.PARQUET)
        .equalityFieldIds(new int[] {keySchema.findField("master_id").fieldId()})
        .equalityDeleteRowSchema(keySchema)
        .build();
    RowDelta delta = table.newRowDelta();
    Map<String, List<MasterPerson>> byCommunity = new LinkedHashMap<>();
    for (MasterPerson p : replaced) {
      byCommunity.computeIfAbsent(p.communityCode(), c -> new ArrayList<>()).add(p);
    }
    for (List<MasterPerson> rows : byCommunity.values()) {
      PartitionKey partition = new PartitionKey(table.spec(), table.schema());
      partition.partition(toRecord(rows.get(0)));
      EqualityDeleteWriter<Record> writer =
          writers.newEqualityDeleteWriter(files.newOutputFile(table.spec(), partition), table.spec(), partition);
      try (writer) {
        for (MasterPerson p : rows) {
          GenericRecord key = GenericRecord.create(keySchema);
          key.setField("master_id", p.masterId());
          writer.write(key);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot write gold.person test deletes", e);
      }
      delta.addDeletes(writer.toDeleteFile());
    }
    // equality deletes reach only older data files, so the rows written in this commit stay
    writeData(files, written).forEach(delta::addRows);
    delta.commit();
    return table.currentSnapshot().snapshotId();
  }

  /** Records that {@code aliasId} was absorbed by {@code survivorId} (gold.master_alias, created on first use). */
  public long addPersonAlias(String aliasId, String survivorId, String runId, Instant mergedAt) {
    return addPersonAliases(Map.of(aliasId, survivorId), runId, mergedAt);
  }

  /** Records each alias id (key) as absorbed by its survivor (value), in one commit of gold.master_alias. */
  public long addPersonAliases(Map<String, String> survivorByAlias, String runId, Instant mergedAt) {
    LakehouseTable aliases = LakehouseTable.GOLD_MASTER_ALIAS;
    Table aliasTable = catalog.tableExists(aliases.identifier())
        ? catalog.loadTable(aliases.identifier())
        : catalog.createTable(aliases.identifier(), aliases.schema(), aliases.partitionSpec(), aliases.tableProperties());
    OutputFileFactory files = OutputFileFactory.builderFor(aliasTable, 1, ++fileSequence).format(FileFormat.PARQUET).build();
    GenericFileWriterFactory writers = new GenericFileWriterFactory.Builder(aliasTable).dataFileFormat(FileFormat.PARQUET).build();
    PartitionKey partition = new PartitionKey(aliasTable.spec(), aliasTable.schema());
    DataWriter<Record> writer = null;
    for (Map.Entry<String, String> alias : survivorByAlias.entrySet()) {
      GenericRecord row = GenericRecord.create(aliasTable.schema());
      row.setField("alias_id", alias.getKey());
      row.setField("entity_type", EntityType.PERSON.name());
      row.setField("master_id", alias.getValue());
      row.setField("run_id", runId);
      row.setField("merged_at", mergedAt.atOffset(ZoneOffset.UTC));
      if (writer == null) {
        partition.partition(row);
        writer = writers.newDataWriter(files.newOutputFile(aliasTable.spec(), partition), aliasTable.spec(), partition);
      }
      writer.write(row);
    }
    if (writer == null) {
      throw new IllegalArgumentException("Cannot add aliases: none given");
    }
    try {
      writer.close();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write gold.master_alias test rows", e);
    }
    aliasTable.newAppend().appendFile(writer.toDataFile()).commit();
    return aliasTable.currentSnapshot().snapshotId();
  }

  private List<DataFile> writeData(OutputFileFactory files, List<MasterPerson> persons) {
    Map<String, List<Record>> byCommunity = new LinkedHashMap<>();
    for (MasterPerson p : persons) {
      byCommunity.computeIfAbsent(p.communityCode(), c -> new ArrayList<>()).add(toRecord(p));
    }
    GenericFileWriterFactory writers = new GenericFileWriterFactory.Builder(table).dataFileFormat(FileFormat.PARQUET).build();
    List<DataFile> out = new ArrayList<>();
    for (List<Record> rows : byCommunity.values()) {
      PartitionKey partition = new PartitionKey(table.spec(), table.schema());
      partition.partition(rows.get(0));
      DataWriter<Record> writer = writers.newDataWriter(files.newOutputFile(table.spec(), partition), table.spec(), partition);
      try (writer) {
        rows.forEach(writer::write);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot write gold.person test rows", e);
      }
      out.add(writer.toDataFile());
    }
    return out;
  }

  private Record toRecord(MasterPerson p) {
    GenericRecord r = GenericRecord.create(table.schema());
    r.setField("master_id", p.masterId());
    r.setField("id_number", p.idNumber());
    r.setField("name", p.name());
    r.setField("name_pinyin", p.namePinyin());
    r.setField("sex", p.sex() == null ? null : p.sex().name());
    r.setField("birth_date", p.birthDate());
    r.setField("phone", p.phone());
    r.setField("address", p.address());
    r.setField("house_id", p.houseId());
    r.setField("district_code", p.districtCode());
    r.setField("community_code", p.communityCode());
    r.setField("grid_code", p.gridCode());
    r.setField("tags", p.tags());
    r.setField("status", p.status() == null ? null : p.status().name());
    r.setField("provenance", p.provenance());
    r.setField("source_count", p.sourceCount());
    r.setField("updated_at", p.updatedAt() == null ? null : p.updatedAt().atOffset(ZoneOffset.UTC));
    return r;
  }

  @Override
  public void close() {
    catalog.close();
  }
}
