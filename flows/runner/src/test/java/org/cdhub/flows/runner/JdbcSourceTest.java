package org.cdhub.flows.runner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Map;
import org.apache.nifi.flow.VersionedExternalFlow;
import org.junit.jupiter.api.Test;

class JdbcSourceTest {
  private static final Path DEFINITIONS = Path.of(System.getProperty("hub.flows.definitions", "../definitions"));

  private static VersionedExternalFlow flow(String feed) throws Exception {
    return new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
        .readValue(DEFINITIONS.resolve(feed + ".json").toFile(), VersionedExternalFlow.class);
  }

  @Test
  void findsTheTablePullOfTheDatabaseFlowWithRunValuesOverDefaults() throws Exception {
    JdbcSource source = JdbcSource.of(flow("hr_household"), Map.of(
        "source.jdbc.url", "jdbc:postgresql://db:5432/hr?currentSchema=front", "source.jdbc.driver", "org.postgresql.Driver",
        "source.jdbc.user", "reader", "source.jdbc.password", "s3cret", "source.table", "HR_PERSON",
        "source.jdbc.driver.location", "/d/postgresql.jar, /d/sqlite.jar")).orElseThrow();

    assertThat(source.url()).isEqualTo("jdbc:postgresql://db:5432/hr?currentSchema=front");
    assertThat(source.driverClass()).isEqualTo("org.postgresql.Driver");
    assertThat(source.driverJars()).containsExactly(Path.of("/d/postgresql.jar"), Path.of("/d/sqlite.jar"));
    assertThat(source.user()).isEqualTo("reader");
    assertThat(source.table()).isEqualTo("HR_PERSON");
    assertThat(source.watermark()).isEqualTo("updated_at"); // the flow's default
    assertThat(source.stateKey()).isEqualTo("hr_person@!@updated_at"); // NiFi's key: lower case
    assertThat(source.toString()).doesNotContain("s3cret");
  }

  @Test
  void aFlowWithoutATablePullOrWithoutItsUrlHasNone() throws Exception {
    assertThat(JdbcSource.of(flow("ca_elderly"), Map.of())).isEmpty();
    assertThat(JdbcSource.of(flow("hr_household"), Map.of())).as("no source.jdbc.url").isEmpty();
  }

  @Test
  void refusesATableNameItWouldHaveToPutIntoSqlVerbatim() throws Exception {
    assertThat(JdbcSource.of(flow("hr_household"), Map.of("source.jdbc.url", "jdbc:sqlite:x.db",
        "source.table", "hr_person; DROP TABLE hr_person"))).isEmpty();
    assertThat(JdbcSource.of(flow("hr_household"), Map.of("source.jdbc.url", "jdbc:sqlite:x.db",
        "source.watermark", "updated_at) OR (1=1"))).isEmpty();
    assertThat(JdbcSource.of(flow("hr_household"), Map.of("source.jdbc.url", "jdbc:sqlite:x.db", "source.table", "front.hr_person")))
        .map(JdbcSource::table).contains("front.hr_person");
  }
}
