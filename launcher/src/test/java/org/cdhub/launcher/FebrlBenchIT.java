package org.cdhub.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The FEBRL bench path as it ships (the benchmark's contract and flow, the NiFi stateless runner,
 * the Spark jobs jar) on the first 300 records of dataset1, copied at test time into a temp
 * directory from the shared data sets (never into the project).
 */
class FebrlBenchIT {
  private static final int RECORDS = 300;
  /**
   * Floors set before the first run, for a slice where many duplicates have lost their original:
   * probabilistic linkage on name, birth date and social security number should claim few wrong
   * pairs and find most of the true ones.
   */
  private static final double MIN_PRECISION = 0.90;
  private static final double MIN_RECALL = 0.70;

  @Test
  void linksMostDuplicatesOfADataset1SliceAndFewWrongPairs(@TempDir Path dir) throws Exception {
    Path hubHome = Path.of(System.getProperty("hub.home")).toAbsolutePath().normalize();
    Path shared = hubHome.resolve(FebrlBenchmark.DEFAULT_DATA_ROOT).normalize();
    assumeTrue(Files.isRegularFile(shared.resolve("dataset1.csv")), "no FEBRL data sets at " + shared + ": test skipped");
    Path root = Files.createDirectory(dir.resolve("febrl"));
    List<String> lines = Files.readAllLines(shared.resolve("dataset1.csv"), StandardCharsets.UTF_8);
    Files.write(root.resolve("dataset1.csv"), lines.subList(0, RECORDS + 1), StandardCharsets.UTF_8);

    Map<String, String> env = new HashMap<>(System.getenv());
    env.put("HUB_HOME", hubHome.toString());
    HubPipeline pipeline = new HubPipeline(new StepCommands(LauncherConfig.fromEnvironment(env)),
        FeedDefinitions.inDirectory(hubHome.resolve(FebrlBenchmark.DEFINITIONS)), dir.resolve("data"), System.out);

    FebrlBenchmark.Outcome outcome = FebrlBenchmark.run(pipeline, FebrlBenchmark.task("dataset1"), root);

    PairwiseScore s = outcome.result().score();
    assertThat(s.records() + outcome.result().unlinked()).as("every record linked or counted unlinked").isEqualTo(RECORDS);
    assertThat(s.truePairs()).as("the slice holds true pairs to find").isGreaterThan(20);
    assertThat(s.precision()).as("precision").isGreaterThanOrEqualTo(MIN_PRECISION);
    assertThat(s.recall()).as("recall").isGreaterThanOrEqualTo(MIN_RECALL);
  }
}
