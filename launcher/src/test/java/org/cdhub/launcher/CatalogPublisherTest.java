package org.cdhub.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.cdhub.catalog.registry.DatasetQuality;
import org.cdhub.model.ops.QualityRun;
import org.junit.jupiter.api.Test;

/** Which standardize runs score which published dataset. */
class CatalogPublisherTest {
  static final Instant T = Instant.parse("2026-12-01T02:00:00Z");

  private static QualityRun run(String feed, String id, String entity, List<String> batches, long rowsIn, int failed, Instant at) {
    return new QualityRun(feed, id, entity, 1L, batches, rowsIn, rowsIn, 0, QualityRun.Status.PUBLISHED, 10 - failed, failed,
        List.of(), List.of(), at, 1_000);
  }

  @Test
  void aFeedsLatestRunWithBatchesScoresItsBronzeTableAndTheEntitysSilverAndGold() {
    List<QualityRun> runs = List.of(
        run("hr_household", "hr-1", "PERSON", List.of("b1"), 100, 5, T),
        run("hr_household", "hr-2", "PERSON", List.of("b2"), 100, 0, T.plusSeconds(60)),
        run("hr_household", "hr-idle", "PERSON", List.of(), 0, 0, T.plusSeconds(120)),
        run("health_residents", "he-1", "PERSON", List.of("b3"), 300, 1, T),
        run("mr_enterprise", "mr-1", "ORGANIZATION", List.of("b4"), 50, 0, T));

    Map<String, List<DatasetQuality.Run>> scored = CatalogPublisher.scoredRuns(runs);

    assertThat(scored.get("bronze.hr_household")).extracting(DatasetQuality.Run::runId).containsExactly("hr-2");
    assertThat(scored.get("silver.person")).extracting(DatasetQuality.Run::runId).containsExactlyInAnyOrder("hr-2", "he-1");
    assertThat(scored.get("gold.person")).extracting(DatasetQuality.Run::runId).containsExactlyInAnyOrder("hr-2", "he-1");
    assertThat(scored.get("gold.organization")).extracting(DatasetQuality.Run::runId).containsExactly("mr-1");
    assertThat(scored).doesNotContainKey("gold.place");
    // 100 rows at 100 and 300 rows at 90: weighted by rows in
    assertThat(DatasetQuality.of("gold.person", scored.get("gold.person")).score()).isEqualTo(92.5);
  }
}
