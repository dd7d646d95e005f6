package org.cdhub.model.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.TypeUtil;
import org.apache.iceberg.types.Types;
import org.cdhub.kernel.Sex;
import org.cdhub.model.entity.MasterPerson;
import org.junit.jupiter.api.Test;

class TableSchemasTest {

  record Sample(
      @Required String sampleId,
      Sex sex,
      @Doc("born") LocalDate birthDate,
      Instant seenAt,
      int count,
      List<String> tags,
      Map<String, String> provenance) {}

  record Unsupported(Object anything) {}

  @Test
  void derivesColumnsInComponentOrderWithSnakeCaseNames() {
    Schema schema = TableSchemas.of(Sample.class);

    assertThat(schema.columns()).extracting(Types.NestedField::name)
        .containsExactly("sample_id", "sex", "birth_date", "seen_at", "count", "tags", "provenance");
    assertThat(schema.columns()).extracting(Types.NestedField::fieldId).containsExactly(1, 2, 3, 4, 5, 6, 7);
  }

  @Test
  void mapsJavaTypesToIcebergTypes() {
    Schema schema = TableSchemas.of(Sample.class);

    assertThat(schema.findType("sex")).isEqualTo(Types.StringType.get());
    assertThat(schema.findType("birth_date")).isEqualTo(Types.DateType.get());
    assertThat(schema.findType("seen_at")).isEqualTo(Types.TimestampType.withZone());
    assertThat(schema.findType("count")).isEqualTo(Types.IntegerType.get());
    assertThat(schema.findType("tags").typeId()).isEqualTo(Type.TypeID.LIST);
    assertThat(schema.findType("provenance").typeId()).isEqualTo(Type.TypeID.MAP);
  }

  @Test
  void requiredAndDocAnnotationsReachTheSchema() {
    Schema schema = TableSchemas.of(Sample.class);

    assertThat(schema.findField("sample_id").isRequired()).isTrue();
    assertThat(schema.findField("sex").isOptional()).isTrue();
    assertThat(schema.findField("birth_date").doc()).isEqualTo("born");
  }

  @Test
  void nestedFieldIdsAreUniqueAcrossTheSchema() {
    Schema schema = TableSchemas.of(MasterPerson.class);

    // indexById throws on duplicate ids; the count covers every nested id too
    assertThat(TypeUtil.indexById(schema.asStruct())).hasSize(schema.columns().size() + 1 + 2);
  }

  @Test
  void sensitivityComesFromAnnotations() {
    assertThat(TableSchemas.sensitivity(MasterPerson.class))
        .containsEntry("id_number", Sensitivity.SENSITIVE_PERSONAL)
        .containsEntry("phone", Sensitivity.PERSONAL)
        .doesNotContainKey("master_id");
  }

  @Test
  void rejectsUnsupportedComponentTypesNamingTheComponent() {
    assertThatThrownBy(() -> TableSchemas.of(Unsupported.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Unsupported.anything")
        .hasMessageContaining("java.lang.Object");
  }

  @Test
  void convertsCamelCaseToSnakeCase() {
    assertThat(TableSchemas.columnName("sourceRecordId")).isEqualTo("source_record_id");
    assertThat(TableSchemas.columnName("name")).isEqualTo("name");
  }
}
