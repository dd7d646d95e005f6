package org.cdhub.catalog.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.cdhub.catalog.CatalogDatabase;
import org.cdhub.model.contract.SharingType;
import org.cdhub.model.contract.SourceContracts;
import org.cdhub.model.contract.UpdateCycle;
import org.cdhub.model.lakehouse.LakehouseTable;
import org.cdhub.model.schema.Sensitivity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every catalog database must do with datasets; run on SQLite and on PostgreSQL. */
abstract class JdbcDatasetRepositoryContract {
  // sub-millisecond digits on purpose: the repository keeps milliseconds on every database
  static final Instant COMMITTED = Instant.parse("2026-11-20T02:00:00.123456Z");
  static final Instant PUBLISHED = Instant.parse("2026-11-20T02:05:30.987654Z");

  private CatalogDatabase catalog;
  private DatasetRepository datasets;

  /** Opens a catalog database with no datasets in it. */
  abstract CatalogDatabase openEmptyCatalog() throws Exception;

  @BeforeEach
  void open() throws Exception {
    catalog = openEmptyCatalog();
    datasets = catalog.datasets();
  }

  /** Removes what {@link #openEmptyCatalog} created, after the catalog is closed. */
  void dropCatalog() throws Exception {}

  @AfterEach
  void close() throws Exception {
    if (catalog != null) { // null when the test was skipped
      catalog.close();
      dropCatalog();
    }
  }

  @Test
  void registersGoldPersonAndReadsBackTheSameEntry() {
    Dataset goldPerson = DatasetDescriptions.forTable(LakehouseTable.GOLD_PERSON, 4_812, 6_023_117_889L, COMMITTED, PUBLISHED);

    datasets.upsert(goldPerson);

    assertThat(datasets.findByQualifiedName("gold.person")).contains(atMillis(goldPerson));
    assertThat(datasets.findByQualifiedName("gold.person").orElseThrow().fields())
        .extracting(DatasetField::name)
        .startsWith("master_id", "id_number", "other_id_number", "name");
  }

  @Test
  void publishingTwiceKeepsOneEntryAndUpdatesItsCounts() {
    datasets.upsert(DatasetDescriptions.forTable(LakehouseTable.GOLD_PERSON, 100, 1L, COMMITTED, PUBLISHED));
    Instant later = PUBLISHED.plus(1, ChronoUnit.DAYS);

    datasets.upsert(DatasetDescriptions.forTable(LakehouseTable.GOLD_PERSON, 120, 2L, later, later));

    assertThat(datasets.findAll()).singleElement().satisfies(d -> {
      assertThat(d.rowCount()).isEqualTo(120);
      assertThat(d.snapshotId()).isEqualTo(2L);
      assertThat(d.dataUpdatedAt()).isEqualTo(later.truncatedTo(ChronoUnit.MILLIS));
      assertThat(d.publishedAt()).isEqualTo(later.truncatedTo(ChronoUnit.MILLIS));
      assertThat(d.resourceCode()).isEqualTo("640100-SQJC-000001");
    });
  }

  @Test
  void republishingReplacesTheFieldsInTheirNewOrder() {
    datasets.upsert(withFields(List.of(field("a"), field("b"), field("c"))));

    datasets.upsert(withFields(List.of(field("c"), field("a"))));

    assertThat(datasets.findByQualifiedName("shared.view_x").orElseThrow().fields())
        .extracting(DatasetField::name).containsExactly("c", "a");
  }

  @Test
  void listsEveryDatasetByQualifiedName() {
    Dataset bronze = DatasetDescriptions.forBronzeFeed(
        SourceContracts.loadBundled("hr_household"), 5_000, 11L, COMMITTED, PUBLISHED);
    datasets.upsert(DatasetDescriptions.forTable(LakehouseTable.SILVER_PERSON, 4_990, 12L, COMMITTED, PUBLISHED));
    datasets.upsert(DatasetDescriptions.forTable(LakehouseTable.GOLD_PERSON, 4_812, 13L, COMMITTED, PUBLISHED));
    datasets.upsert(bronze);

    assertThat(datasets.findAll()).extracting(Dataset::qualifiedName)
        .containsExactly("bronze.hr_household", "gold.person", "silver.person");
    assertThat(datasets.findAll().get(0)).isEqualTo(atMillis(bronze));
  }

  @Test
  void keepsAbsentFactsAbsent() {
    Dataset empty = new Dataset("640100-SQGX-000001", "shared.view_x", "视图 (view)", "市大数据管理局 (city data bureau)",
        null, "shared", "Iceberg (Parquet)", SharingType.UNCONDITIONAL, null, null, true, UpdateCycle.WEEKLY,
        List.of(new DatasetField("note", "string", null, Sensitivity.PUBLIC)), 0, null, null, PUBLISHED);

    datasets.upsert(empty);

    assertThat(datasets.findByQualifiedName("shared.view_x")).contains(atMillis(empty));
  }

  @Test
  void findsNothingForAnUnregisteredName() {
    assertThat(datasets.findByQualifiedName("gold.nothing")).isEmpty();
  }

  @Test
  void refusesAResourceCodeThatBelongsToAnotherDataset() {
    Dataset goldPerson = DatasetDescriptions.forTable(LakehouseTable.GOLD_PERSON, 1, 1L, COMMITTED, PUBLISHED);
    datasets.upsert(goldPerson);
    Dataset sameCode = withFields(List.of(field("a")));
    Dataset clash = new Dataset(goldPerson.resourceCode(), sameCode.qualifiedName(), sameCode.title(),
        sameCode.providerDepartment(), null, "shared", sameCode.format(), SharingType.UNCONDITIONAL, null, null,
        false, UpdateCycle.DAILY, sameCode.fields(), 1, null, null, PUBLISHED);

    assertThatThrownBy(() -> datasets.upsert(clash))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot register dataset shared.view_x: resource code 640100-SQJC-000001 already belongs to gold.person");
    assertThat(datasets.findAll()).extracting(Dataset::qualifiedName).containsExactly("gold.person");
  }

  @Test
  void keepsTheLatestQualityScoreOfARegisteredDataset() {
    datasets.upsert(DatasetDescriptions.forTable(LakehouseTable.GOLD_PERSON, 100, 1L, COMMITTED, PUBLISHED));
    DatasetQuality first = DatasetQuality.of("gold.person",
        List.of(new DatasetQuality.Run("run-1", 9, 1, 200, 20, COMMITTED)));
    DatasetQuality second = DatasetQuality.of("gold.person", List.of(new DatasetQuality.Run("run-2", 10, 0, 100, 0, PUBLISHED),
        new DatasetQuality.Run("run-3", 5, 5, 100, 50, COMMITTED)));

    catalog.qualityScores().record(first);
    catalog.qualityScores().record(second);

    DatasetQuality read = catalog.qualityScores().find("gold.person").orElseThrow();
    assertThat(read.score()).isEqualTo(second.score());
    assertThat(read.runIds()).containsExactly("run-2", "run-3");
    assertThat(read.measuredAt()).isEqualTo(PUBLISHED.truncatedTo(ChronoUnit.MILLIS));
    assertThat(read.quarantinedRows()).isEqualTo(50);
    assertThat(catalog.qualityScores().find("gold.place")).isEmpty();
  }

  private static Dataset withFields(List<DatasetField> fields) {
    return new Dataset("640100-SQGX-000001", "shared.view_x", "共享视图 (shared view)", "市大数据管理局 (city data bureau)",
        "a view", "shared", "Iceberg (Parquet)", SharingType.UNCONDITIONAL, null, null, false, UpdateCycle.DAILY,
        fields, 3, 5L, COMMITTED, PUBLISHED);
  }

  private static DatasetField field(String name) {
    return new DatasetField(name, "string", "field " + name, Sensitivity.INTERNAL);
  }

  private static Dataset atMillis(Dataset d) {
    return new Dataset(d.resourceCode(), d.qualifiedName(), d.title(), d.providerDepartment(), d.description(),
        d.layer(), d.format(), d.sharingType(), d.sharingConditions(), d.legalBasis(), d.openToPublic(),
        d.updateCycle(), d.fields(), d.rowCount(), d.snapshotId(),
        d.dataUpdatedAt() == null ? null : d.dataUpdatedAt().truncatedTo(ChronoUnit.MILLIS),
        d.publishedAt().truncatedTo(ChronoUnit.MILLIS));
  }
}
