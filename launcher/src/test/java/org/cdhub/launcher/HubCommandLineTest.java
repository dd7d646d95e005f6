package org.cdhub.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cdhub.model.contract.SourceContracts;
import org.cdhub.model.entity.EntityType;
import org.cdhub.catalog.correction.CommunityCorrection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class HubCommandLineTest {

  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = Hub.commandLine();
    cli.setErr(new PrintWriter(err, true));
    cli.setOut(new PrintWriter(new StringWriter(), true));
    return cli.execute(args);
  }

  @Test
  void unknownCommandIsAUsageErrorWithExitCode2() {
    assertThat(run("frobnicate")).isEqualTo(2);
    assertThat(err.toString()).startsWith("hub: ").contains("frobnicate");
  }

  @Test
  void ingestNeedsExactlyOneOfFlowOrAll() {
    assertThat(run("ingest")).isEqualTo(2);
    assertThat(err.toString()).contains("--flow NAME or --all");
  }

  @Test
  void unknownJobIsAUsageError() {
    assertThat(run("run", "teleport")).isEqualTo(2);
    assertThat(err.toString()).contains("teleport").contains("standardize");
  }

  @Test
  void benchIngestRejectsAnUnknownSourceKind() {
    assertThat(run("bench", "ingest", "--kind", "carrier-pigeon")).isEqualTo(2);
    assertThat(err.toString()).contains("carrier-pigeon").contains("db");
  }

  @Test
  void everyCommandTheIssueNamesExists() {
    assertThat(Hub.commandLine().getSubcommands())
        .containsKeys("generate", "ingest", "run", "serve", "demo", "bench", "publish", "quality");
  }

  @Test
  void benchResolveScoresEveryPersonFeedThatHasAFlow() {
    assertThat(Hub.commandLine().getSubcommands().get("bench").getSubcommands()).containsKey("resolve");
    Path hubHome = Path.of("..").toAbsolutePath().normalize();
    var contracts = SourceContracts.loadDirectory(hubHome.resolve("schemas/contracts"));
    var flowedPersonFeeds = new Artifacts(hubHome).flowFeeds().stream()
        .filter(f -> contracts.get(f).entity() == EntityType.PERSON)
        // the hub's own feed: a generated city has no corrections to score
        .filter(f -> !f.equals(CommunityCorrection.FEED)).toList();

    assertThat(BenchCommand.Resolve.PERSON_FEEDS).containsExactlyInAnyOrderElementsOf(flowedPersonFeeds);
  }

  @Test
  void demoWipesOnlyADirectoryItMadeItself(@TempDir Path dir) throws Exception {
    Path foreign = Files.createDirectories(dir.resolve("foreign"));
    Files.writeString(foreign.resolve("precious.txt"), "keep me");

    assertThatThrownBy(() -> DemoCommand.resetDemoDir(foreign))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Refusing to wipe");
    assertThat(foreign.resolve("precious.txt")).exists();

    Path demo = dir.resolve("demo");
    DemoCommand.resetDemoDir(demo);
    Files.writeString(demo.resolve("old-run.txt"), "stale");
    DemoCommand.resetDemoDir(demo);
    assertThat(demo.resolve("old-run.txt")).doesNotExist();
    assertThat(demo.resolve(DemoCommand.MARKER)).exists();
  }
}
