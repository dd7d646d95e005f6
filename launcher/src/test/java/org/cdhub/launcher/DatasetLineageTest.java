package org.cdhub.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.cdhub.catalog.lineage.DatasetLineage;
import org.cdhub.model.contract.SourceContract;
import org.cdhub.model.contract.SourceContracts;
import org.cdhub.model.entity.EntityType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Dataset and column lineage derived from the hub's real contracts and flow definitions. */
class DatasetLineageTest {
  static final Path HOME = Path.of("..").toAbsolutePath().normalize();
  static final FeedDefinitions FEEDS = FeedDefinitions.city(HOME);
  static final Collection<SourceContract> CONTRACTS = SourceContracts.loadDirectory(FEEDS.contractsDir()).values();
  static final DatasetLineage HUB = DatasetLineage.of(CONTRACTS, feed -> Files.isRegularFile(FEEDS.flowDefinition(feed)), Map.of("gold.person", Set.of("north-platform")));

  @Test
  void goldPersonComesFromEveryPersonFeedThroughItsFlowAndGoesToTheApiAndItsReaders() {
    DatasetLineage person = HUB.around("gold.person");
    List<String> personFeeds = CONTRACTS.stream().filter(c -> c.entity() == EntityType.PERSON).map(SourceContract::feed).toList();
    assertThat(personFeeds).contains("hr_household", "va_veteran");
    for (String feed : personFeeds) {
      assertThat(person.nodes()).containsKeys("source:" + feed, "bronze." + feed);
      assertThat(person.edges().get("bronze." + feed)).extracting(DatasetLineage.Edge::to).contains("silver.person");
    }
    assertThat(person.nodes()).containsKeys("flow:hr_household", "silver.person", "api:/communities/{c}/persons", "trino",
        "client:north-platform");
    assertThat(person.edges().get("silver.person")).extracting(DatasetLineage.Edge::to).containsExactly("gold.person");
    // other entities' feeds and the sibling gold tables are neither upstream nor downstream
    assertThat(person.nodes()).doesNotContainKeys("bronze.mr_enterprise", "gold.place", "gold.xref", "silver.quarantine");
  }

  @Test
  void aBronzeTableLeadsToItsEntitysSilverGoldAndQuarantineOnly() {
    DatasetLineage bronze = HUB.around("bronze.mr_enterprise");
    assertThat(bronze.nodes()).containsKeys("source:mr_enterprise", "silver.organization", "gold.organization", "silver.quarantine",
        "gold.xref", "api:/communities/{c}/organizations");
    assertThat(bronze.nodes().keySet()).noneMatch(id -> id.startsWith("bronze.") && !id.equals("bronze.mr_enterprise"));
    assertThat(bronze.nodes()).doesNotContainKeys("gold.person", "client:north-platform");
  }

  @Test
  void aColumnIsTracedToTheRawFieldOfEveryFeedThatFillsItHighestTrustFirst() {
    List<DatasetLineage.ColumnPath> phone = DatasetLineage.column(CONTRACTS, EntityType.PERSON, "phone");
    assertThat(phone).isNotEmpty().allSatisfy(p -> {
      assertThat(p.silverColumn()).isEqualTo("silver.person.phone");
      assertThat(p.goldColumn()).isEqualTo("gold.person.phone");
      SourceContract c = CONTRACTS.stream().filter(k -> k.feed().equals(p.feed())).findFirst().orElseThrow();
      assertThat(c.field(p.rawField()).orElseThrow().mapsTo()).isEqualTo("phone");
    });
    assertThat(phone).extracting(DatasetLineage.ColumnPath::feed).contains("hr_household");
    for (int i = 1; i < phone.size(); i++) {
      assertThat(phone.get(i).trustRank()).isLessThanOrEqualTo(phone.get(i - 1).trustRank());
    }
    assertThat(DatasetLineage.column(CONTRACTS, EntityType.PERSON, "no_such_column")).isEmpty();
  }

  @Test
  void anUnknownDatasetIsRefusedByName() {
    assertThatThrownBy(() -> HUB.around("gold.unicorn")).hasMessageContaining("gold.unicorn");
  }

  @Test
  void theCommandPrintsTheGraphAndTheColumnAndWritesAWellFormedPicture(@TempDir Path dataDir) throws Exception {
    StringWriter out = new StringWriter();
    CommandLine cli = Hub.commandLine();
    cli.setOut(new PrintWriter(out, true));
    Path svg = dataDir.resolve("person.svg");

    assertThat(cli.execute("lineage", "gold.person", "--column", "phone", "--data-dir", dataDir.toString(), "--svg", svg.toString()))
        .isZero();

    assertThat(out.toString()).contains("bronze.hr_household").contains("-> silver.person").contains("column phone:")
        .contains("-> gold.person.phone");
    String picture = Files.readString(svg);
    DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(picture.getBytes(StandardCharsets.UTF_8)));
    assertThat(picture).contains("gold.person").contains("hr_household");
  }
}
