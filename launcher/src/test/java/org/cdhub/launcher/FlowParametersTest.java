package org.cdhub.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.cdhub.citygen.CityGenerator;
import org.cdhub.citygen.CityGeneratorConfig;
import org.cdhub.model.contract.SourceContract;
import org.cdhub.model.contract.SourceContracts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlowParametersTest {
  private static final Path HUB_HOME = Path.of("..").toAbsolutePath().normalize();

  @Test
  void everyFlowDefinitionFindsItsSourceInAGeneratedCity(@TempDir Path dir) {
    new CityGenerator(new CityGeneratorConfig(3, 300, dir)).generate((stage, done, total) -> { });
    Map<String, SourceContract> contracts = SourceContracts.loadDirectory(HUB_HOME.resolve("schemas/contracts"));

    var feeds = new Artifacts(HUB_HOME).flowFeeds();
    assertThat(feeds).contains("hr_household", "ca_elderly");
    for (String feed : feeds) {
      assertThat(contracts).as("contract for flow " + feed).containsKey(feed);
      for (String param : FlowParameters.embedded(contracts.get(feed), dir)) {
        String value = param.substring(param.indexOf('=') + 1);
        Path source = Path.of(value.startsWith("jdbc:sqlite:") ? value.substring("jdbc:sqlite:".length()) : value);
        assertThat(Files.exists(source)).as(feed + ": " + param).isTrue();
      }
    }
  }

  @Test
  void feedsWithoutEmbeddedParametersFailNamingTheFeedAndKind() {
    SourceContract mqtt = SourceContracts.loadDirectory(HUB_HOME.resolve("schemas/contracts")).get("vendor_iot_alarm");

    assertThatThrownBy(() -> FlowParameters.embedded(mqtt, Path.of("/tmp")))
        .hasMessageContaining("vendor_iot_alarm")
        .hasMessageContaining("json_mqtt");
  }
}
