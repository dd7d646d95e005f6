package org.cdhub.api.trino;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** What a {@link DatasetQuery} and a {@link TableName} accept before any SQL is written. */
class DatasetQueryTest {
  static final TableName PERSON = new TableName("gold", "person");

  @Test
  void refinementsReturnNewQueriesAndLeaveTheOriginal() {
    DatasetQuery base = DatasetQuery.from(PERSON);
    DatasetQuery page = base.select("master_id", "name").where("community_code", "640106001001").atSnapshot(42)
        .orderBy("master_id").after("P-1").limit(7);

    assertThat(base.columns()).isEmpty();
    assertThat(base.equalTo()).isEmpty();
    assertThat(base.limit()).isEqualTo(DatasetQuery.DEFAULT_LIMIT);
    assertThat(page.columns()).containsExactly("master_id", "name");
    assertThat(page.equalTo()).containsEntry("community_code", "640106001001");
    assertThat(page.snapshotId()).isEqualTo(42L);
    assertThat(page.orderBy()).isEqualTo("master_id");
    assertThat(page.after()).isEqualTo("P-1");
    assertThat(page.limit()).isEqualTo(7);
  }

  @ParameterizedTest
  @ValueSource(strings = {"name; DROP TABLE gold.person", "name\" --", "Name", "1name", "name,id_number", "", "a.b"})
  void refusesAColumnThatIsNotALowerCaseIdentifier(String column) {
    assertThatThrownBy(() -> DatasetQuery.from(PERSON).select("master_id", column))
        .isInstanceOfSatisfying(InvalidQueryException.class, e -> {
          assertThat(e.field()).isEqualTo("columns");
          assertThat(e.rule()).isEqualTo("invalid-identifier");
        });
    assertThatThrownBy(() -> DatasetQuery.from(PERSON).where(column, "x"))
        .isInstanceOfSatisfying(InvalidQueryException.class, e -> assertThat(e.field()).isEqualTo("filter"));
    assertThatThrownBy(() -> DatasetQuery.from(PERSON).orderBy(column))
        .isInstanceOfSatisfying(InvalidQueryException.class, e -> assertThat(e.field()).isEqualTo("orderBy"));
  }

  @Test
  void letsValuesCarryAnyTextBecauseTheyTravelAsParameters() {
    DatasetQuery query = DatasetQuery.from(PERSON).where("name", "x' OR '1'='1");

    assertThat(query.equalTo()).containsEntry("name", "x' OR '1'='1");
  }

  @Test
  void refusesAFilterWithoutValueAColumnTwiceAndAKeysetBoundWithoutOrder() {
    assertThatThrownBy(() -> DatasetQuery.from(PERSON).where("name", null))
        .isInstanceOfSatisfying(InvalidQueryException.class, e -> assertThat(e.rule()).isEqualTo("null"))
        .hasMessageContaining("filter on name has no value");
    assertThatThrownBy(() -> DatasetQuery.from(PERSON).select("name", "name"))
        .isInstanceOfSatisfying(InvalidQueryException.class, e -> assertThat(e.rule()).isEqualTo("duplicate"));
    assertThatThrownBy(() -> DatasetQuery.from(PERSON).after("P-1"))
        .isInstanceOfSatisfying(InvalidQueryException.class, e -> assertThat(e.field() + "." + e.rule())
            .isEqualTo("after.without-order"));
    assertThatThrownBy(() -> DatasetQuery.from(PERSON).limit(0))
        .isInstanceOfSatisfying(InvalidQueryException.class, e -> assertThat(e.field() + "." + e.rule())
            .isEqualTo("limit.min"));
  }

  @Test
  void parsesQualifiedAndBareTableNames() {
    assertThat(TableName.parse("silver.person", "gold")).isEqualTo(new TableName("silver", "person"));
    assertThat(TableName.parse("person", "gold")).isEqualTo(new TableName("gold", "person"));
    assertThat(PERSON.sql("hub", "$refs")).isEqualTo("\"hub\".\"gold\".\"person$refs\"");
  }

  @ParameterizedTest
  @ValueSource(strings = {"gold.person; DELETE", "gold.\"person\"", "gold.per son", "../etc.passwd", "a.b.c", "GOLD.person"})
  void refusesATableNameThatIsNotTwoIdentifiers(String name) {
    assertThatThrownBy(() -> TableName.parse(name, "gold"))
        .isInstanceOfSatisfying(InvalidQueryException.class, e -> assertThat(e.field() + "." + e.rule())
            .isEqualTo("dataset.invalid-identifier"));
  }
}
