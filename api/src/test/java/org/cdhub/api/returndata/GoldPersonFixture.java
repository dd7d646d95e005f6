package org.cdhub.api.returndata;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.data.GenericFileWriterFactory;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.io.OutputFileFactory;
import org.apache.iceberg.jdbc.JdbcCatalog;
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
    JdbcCatalog catalog = open(dataDir);
    LakehouseTable gold = LakehouseTable.GOLD_PERSON;
    if (!catalog.namespaceExists(Namespace.of("gold"))) {
      catalog.createNamespace(Namespace.of("gold"));
    }
    Table table = catalog.createTable(gold.identifier(), gold.schema(), gold.partitionSpec());
    return new GoldPersonFixture(catalog, table);
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

  /** Appends the persons in one commit (one Parquet file per community) and returns the new snapshot id. */
  public long append(List<MasterPerson> persons) {
    requireNonNull(persons, "persons is null");
    Map<String, List<Record>> byCommunity = new LinkedHashMap<>();
    for (MasterPerson p : persons) {
      byCommunity.computeIfAbsent(p.communityCode(), c -> new java.util.ArrayList<>()).add(toRecord(p));
    }
    OutputFileFactory files = OutputFileFactory.builderFor(table, 1, ++fileSequence).format(FileFormat.PARQUET).build();
    GenericFileWriterFactory writers = new GenericFileWriterFactory.Builder(table).dataFileFormat(FileFormat.PARQUET).build();
    AppendFiles append = table.newAppend();
    for (List<Record> rows : byCommunity.values()) {
      PartitionKey partition = new PartitionKey(table.spec(), table.schema());
      partition.partition(rows.get(0));
      DataWriter<Record> writer = writers.newDataWriter(files.newOutputFile(table.spec(), partition), table.spec(), partition);
      try (writer) {
        rows.forEach(writer::write);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot write gold.person test rows", e);
      }
      append.appendFile(writer.toDataFile());
    }
    append.commit();
    return table.currentSnapshot().snapshotId();
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
