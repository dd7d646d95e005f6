package org.cdhub.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.cdhub.model.lakehouse.LakehouseConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobConfigTest {

  @Test
  void defaultsAreLocalTwoCoresBundledContractsAndTheEmbeddedLakehouseUnderData() {
    JobConfig config = JobConfig.resolve(List.of(), Map.of(), LakehouseConfig::embedded);

    assertThat(config.master()).isEqualTo("local[2]");
    assertThat(config.contracts()).isEmpty();
    assertThat(config.shufflePartitions()).isEqualTo(4);
    assertThat(config.dataDir()).isEqualTo(Path.of("data"));
    assertThat(config.lakehouse()).isEqualTo(LakehouseConfig.embedded(Path.of("data")));
  }

  @Test
  void mapsEveryFlagToItsSetting(@TempDir Path contracts) {
    JobConfig config = JobConfig.resolve(
        List.of("--master", "local[1]", "--contracts", contracts.toString(), "--shuffle-partitions=8", "--data-dir", "/d"),
        Map.of(), LakehouseConfig::embedded);

    assertThat(config.master()).isEqualTo("local[1]");
    assertThat(config.contracts()).contains(contracts);
    assertThat(config.shufflePartitions()).isEqualTo(8);
    assertThat(config.lakehouse()).isEqualTo(LakehouseConfig.embedded(Path.of("/d")));
  }

  @Test
  void flagBeatsEnvironmentWhichBeatsConfigFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("jobs.properties");
    Files.writeString(file, "hub.jobs.master=local[3]\nhub.jobs.shuffle-partitions=16\nhub.jobs.contracts=" + dir + "\n");

    JobConfig config = JobConfig.resolve(
        List.of("--config", file.toString(), "--master", "local[1]"),
        Map.of("HUB_JOBS_MASTER", "local[2]", "HUB_JOBS_SHUFFLE_PARTITIONS", "6"),
        LakehouseConfig::embedded);

    assertThat(config.master()).isEqualTo("local[1]");
    assertThat(config.shufflePartitions()).isEqualTo(6);
    assertThat(config.contracts()).contains(dir);
  }

  @Test
  void rejectsUnknownFlagNamingItAndTheKnownOnes() {
    assertThatThrownBy(() -> JobConfig.resolve(List.of("--contract", "x"), Map.of(), LakehouseConfig::embedded))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--contract")
        .hasMessageContaining("--contracts");
  }

  @Test
  void rejectsUnknownKeyInConfigFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("jobs.properties");
    Files.writeString(file, "hub.jobs.mastr=local[3]\n");

    assertThatThrownBy(() -> JobConfig.resolve(List.of("--config", file.toString()), Map.of(), LakehouseConfig::embedded))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("hub.jobs.mastr");
  }

  @Test
  void rejectsContractsDirectoryThatDoesNotExist(@TempDir Path dir) {
    Path missing = dir.resolve("missing");

    assertThatThrownBy(() -> JobConfig.resolve(List.of("--contracts", missing.toString()), Map.of(), LakehouseConfig::embedded))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("hub.jobs.contracts")
        .hasMessageContaining(missing.toString());
  }

  @Test
  void rejectsNonNumericShufflePartitionsNamingTheKey() {
    assertThatThrownBy(() -> JobConfig.resolve(List.of("--shuffle-partitions", "many"), Map.of(), LakehouseConfig::embedded))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("hub.jobs.shuffle-partitions")
        .hasMessageContaining("many");
  }

  @Test
  void rejectsFlagWithoutValue() {
    assertThatThrownBy(() -> JobConfig.resolve(List.of("--master"), Map.of(), LakehouseConfig::embedded))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Missing value for --master");
  }
}
