package org.cdhub.model.lakehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.apache.iceberg.PartitionField;
import org.junit.jupiter.api.Test;

class LakehouseTableTest {

  @Test
  void everyTableHasASchemaAndAPartitionOnAnExistingColumn() {
    for (LakehouseTable table : LakehouseTable.values()) {
      assertThat(table.schema().columns()).as(table.qualifiedName()).isNotEmpty();
      PartitionField field = table.partitionSpec().fields().get(0);
      assertThat(table.schema().findField(field.sourceId())).as(table.qualifiedName()).isNotNull();
    }
  }

  @Test
  void goldPersonIsPartitionedByCommunityForJurisdictionScans() {
    assertThat(LakehouseTable.GOLD_PERSON.qualifiedName()).isEqualTo("gold.person");
    int sourceId = LakehouseTable.GOLD_PERSON.partitionSpec().fields().get(0).sourceId();
    assertThat(LakehouseTable.GOLD_PERSON.schema().findColumnName(sourceId)).isEqualTo("community_code");
  }

  @Test
  void nearlyUniqueColumnsAreWrittenWithoutAParquetDictionaryAndOthersKeepIt() {
    var properties = LakehouseTable.SILVER_PERSON.tableProperties();
    assertThat(properties).containsEntry("format-version", "2")
        .containsEntry("write.parquet.dict-encoding-enabled.column.id_number", "false")
        .containsEntry("write.parquet.dict-encoding-enabled.column.source_record_id", "false")
        .doesNotContainKey("write.parquet.dict-encoding-enabled.column.community_code")
        .doesNotContainKey("write.parquet.dict-encoding-enabled.column.sex");
    for (LakehouseTable table : LakehouseTable.values()) {
      table.tableProperties().keySet().stream().filter(k -> k.startsWith("write.parquet.dict-encoding-enabled.column."))
          .map(k -> k.substring("write.parquet.dict-encoding-enabled.column.".length()))
          .forEach(column -> assertThat(table.schema().findField(column)).as(table.qualifiedName() + "." + column).isNotNull());
    }
  }

  @Test
  void qualifiedNamesAreUnique() {
    assertThat(Arrays.stream(LakehouseTable.values()).map(LakehouseTable::qualifiedName).distinct().count())
        .isEqualTo(LakehouseTable.values().length);
  }

  @Test
  void bronzeTablesAreNamedPerFeed() {
    assertThat(LakehouseTable.bronze("hr_household").toString()).isEqualTo("bronze.hr_household");
    assertThatThrownBy(() -> LakehouseTable.bronze("HR-Household"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("HR-Household");
  }
}
