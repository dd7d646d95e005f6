package org.cdhub.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.cdhub.citygen.CityGenerator;
import org.cdhub.citygen.CityGeneratorConfig;
import org.cdhub.model.contract.SourceContract;
import org.cdhub.model.contract.SourceContracts;
import org.cdhub.catalog.CatalogConfig;
import org.cdhub.catalog.correction.CommunityCorrection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlowParametersTest {
  private static final Path HUB_HOME = Path.of("..").toAbsolutePath().normalize();

  @Test
  void everyFlowDefinitionFindsItsSourceInAGeneratedCity(@TempDir Path dir) {
    new CityGenerator(new CityGeneratorConfig(3, 300, dir)).generate((stage, done, total) -> { });
    Map<String, SourceContract> contracts = SourceContracts.loadDirectory(HUB_HOME.resolve("schemas/contracts"));
    Artifacts artifacts = new Artifacts(HUB_HOME);

    var feeds = artifacts.flowFeeds();
    assertThat(feeds).contains("hr_household", "ca_elderly");
    for (String feed : feeds) {
      assertThat(contracts).as("contract for flow " + feed).containsKey(feed);
      List<String> params = FlowParameters.embedded(artifacts, feed, dir);
      for (String param : params) {
        String name = param.substring(0, param.indexOf('='));
        String value = param.substring(param.indexOf('=') + 1);
        if (name.equals("source.directory")) {
          // the department's drop directory holds the file the contract names
          assertThat(dir.resolve(contracts.get(feed).format().location())).as(feed + ": " + param)
              .exists().hasParent(Path.of(value));
        } else if (name.equals("source.jdbc.url") && feed.equals(CommunityCorrection.FEED)) {
          // the hub's own feed reads the catalog database of the data directory the city is generated in
          assertThat(value).as(feed).isEqualTo(CatalogConfig.embedded(dir.toAbsolutePath().getParent()).jdbcUrl());
        } else if (name.equals("source.jdbc.url")) {
          assertThat(Files.exists(Path.of(value.substring("jdbc:sqlite:".length())))).as(feed + ": " + param).isTrue();
        }
      }
      switch (contracts.get(feed).format().kind()) {
        case JDBC_TABLE, CSV_FILE, EXCEL_FILE -> assertThat(params).as(feed).anyMatch(p -> p.startsWith("source."));
        default -> { } // vendor endpoints are set up for each run by EmbeddedSource
      }
    }
  }
}
