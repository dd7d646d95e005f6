package org.cdhub.flows.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class StateJsonTest {
  @Test
  void readsTheStateValuesTheEngineWrites() {
    // as the runner's state file holds it for QueryDatabaseTableRecord and ListFile
    assertThat(StateJson.stateValues("{\"version\":\"3\",\"stateValues\":{\"hr_person@!@updated_at\":\"2024-05-01 08:04:59\"}}"))
        .isEqualTo(Map.of("hr_person@!@updated_at", "2024-05-01 08:04:59"));
    assertThat(StateJson.stateValues("{\"stateValues\" : { \"id.0\" : \"/data/civil/ca_elderly.csv\", \"listing.timestamp\":\"1796167847892\" },"
        + "\"version\":\"1\"}")).containsEntry("id.0", "/data/civil/ca_elderly.csv").hasSize(2);
  }

  @Test
  void unescapesJsonStrings() {
    assertThat(StateJson.stateValues("{\"stateValues\":{\"k\":\"a\\\"b\\\\c\\/d\\u4e2d\\n\"}}"))
        .isEqualTo(Map.of("k", "a\"b\\c/d中\n"));
  }

  @Test
  void emptyOrAbsentStateValuesAreEmpty() {
    assertThat(StateJson.stateValues("{\"version\":\"1\",\"stateValues\":{}}")).isEmpty();
    assertThat(StateJson.stateValues("{\"version\":\"1\",\"stateValues\":null}")).isEmpty();
    assertThat(StateJson.stateValues("{\"version\":\"1\"}")).isEmpty();
  }

  @Test
  void aTruncatedOrMangledStateIsAnErrorNotAnEmptyState() {
    assertThatThrownBy(() -> StateJson.stateValues("{\"stateValues\":{\"k\":\"2024-05")).hasMessageContaining("Malformed component state");
    assertThatThrownBy(() -> StateJson.stateValues("{\"stateValues\":{\"k\" \"v\"}}")).hasMessageContaining("expected ':'");
    assertThatThrownBy(() -> StateJson.stateValues("{\"stateValues\":{\"k\":\"v\";}}")).hasMessageContaining("',' or '}'");
  }
}
