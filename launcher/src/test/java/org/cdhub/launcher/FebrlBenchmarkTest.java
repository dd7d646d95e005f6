package org.cdhub.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.cdhub.model.contract.SourceContract;
import org.cdhub.model.contract.SourceContracts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FebrlBenchmarkTest {
  private static final Path HUB_HOME = Path.of("..").toAbsolutePath().normalize();

  @Test
  void readsTheTruePersonFromTheRecordId() {
    assertThat(FebrlBenchmark.truePerson("rec-712-org")).isEqualTo("712");
    assertThat(FebrlBenchmark.truePerson("rec-712-dup-0")).isEqualTo("712");
    assertThat(FebrlBenchmark.truePerson("rec-7-dup-12")).isEqualTo("7");
    assertThatThrownBy(() -> FebrlBenchmark.truePerson("rec-712"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'rec-712'");
  }

  @Test
  void dataset4aAndDataset4bAreOneLinkageTaskTheOthersDedupTasks() {
    FebrlBenchmark.Task linkage = FebrlBenchmark.task("dataset4");

    assertThat(linkage.files()).containsExactly("dataset4a.csv", "dataset4b.csv");
    assertThat(linkage.kind()).isEqualTo("linkage");
    assertThat(FebrlBenchmark.task("dataset2").kind()).isEqualTo("dedup");
    Pattern filter = Pattern.compile(linkage.fileFilter());
    assertThat(filter.matcher("dataset4a.csv").matches()).isTrue();
    assertThat(filter.matcher("dataset4b.csv").matches()).isTrue();
    assertThat(filter.matcher("dataset4c.csv").matches()).isFalse();
    assertThat(Pattern.compile(FebrlBenchmark.task("dataset1").fileFilter()).matcher("dataset1xcsv").matches())
        .as("the dot is literal").isFalse();
    assertThatThrownBy(() -> FebrlBenchmark.task("dataset4b")).hasMessageContaining("one linkage task, dataset4");
    assertThatThrownBy(() -> FebrlBenchmark.task("dataset9")).hasMessageContaining("dataset9").hasMessageContaining("dataset3");
  }

  @Test
  void aMissingDataDirectoryOrFileFailsNamingThePath(@TempDir Path dir) {
    Path absent = dir.resolve("no-such-dir");

    assertThatThrownBy(() -> FebrlBenchmark.dataRoot(HUB_HOME, absent))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining(absent.toString());
    assertThatThrownBy(() -> FebrlBenchmark.files(FebrlBenchmark.task("dataset4"), dir))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining(dir.resolve("dataset4a.csv").toString());
    assertThat(FebrlBenchmark.dataRoot(HUB_HOME, dir)).isEqualTo(dir.toAbsolutePath().normalize());
  }

  @Test
  void scoresLinksAgainstTheRecordIdsAndCountsUnlinkedRecords(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("dataset1.csv"), """
        rec_id, given_name, surname
        rec-1-org, ada, quill
        rec-1-dup-0, ada, quil
        rec-2-org, bo, reed
        rec-2-dup-0, bo, reid
        rec-3-org, cy, moss
        """);
    Map<String, String> truth = FebrlBenchmark.truth(FebrlBenchmark.files(FebrlBenchmark.task("dataset1"), dir));
    FebrlBenchmark.Scoring scoring = new FebrlBenchmark.Scoring(truth);

    scoring.link("febrl", "rec-1-org", "M1");
    scoring.link("febrl", "rec-1-dup-0", "M1");
    scoring.link("febrl", "rec-2-org", "M2");
    scoring.link("febrl", "rec-3-org", "M2"); // a false merge; rec-2-dup-0 never linked
    FebrlBenchmark.Result result = scoring.result();

    assertThat(result.people()).isEqualTo(3);
    assertThat(result.unlinked()).isEqualTo(1);
    assertThat(result.score().predictedPairs()).isEqualTo(2);
    assertThat(result.score().truePositivePairs()).isEqualTo(1);
    assertThat(result.score().precision()).isEqualTo(0.5);
    assertThatThrownBy(() -> scoring.link("febrl", "rec-1-org", "M1")).hasMessageContaining("linked twice");
    assertThatThrownBy(() -> scoring.link("hr_household", "rec-2-dup-0", "M2")).hasMessageContaining("not a record of feed febrl");
  }

  @Test
  void theBenchmarksContractAndFlowSitApartFromTheCitysFeeds() {
    FeedDefinitions feeds = FeedDefinitions.inDirectory(HUB_HOME.resolve(FebrlBenchmark.DEFINITIONS));
    Map<String, SourceContract> contracts = SourceContracts.loadDirectory(feeds.contractsDir());

    assertThat(contracts).containsOnlyKeys(FebrlBenchmark.FEED);
    assertThat(feeds.flowDefinition(FebrlBenchmark.FEED)).exists();
    assertThat(SourceContracts.loadDirectory(HUB_HOME.resolve("schemas/contracts"))).doesNotContainKey(FebrlBenchmark.FEED);
    assertThat(new Artifacts(HUB_HOME).flowFeeds()).doesNotContain(FebrlBenchmark.FEED);

    List<String> params = FlowParameters.embedded(feeds, FebrlBenchmark.FEED, HUB_HOME.resolve(".hub/sources"),
        Map.of("source.directory", "/data/febrl", "source.file.filter", "dataset1\\.csv"));
    assertThat(params).contains("contracts.location=" + feeds.contractsDir().toAbsolutePath(), "source.directory=/data/febrl",
        "source.file.filter=dataset1\\.csv", "source.min.file.age=0 sec");
  }
}
