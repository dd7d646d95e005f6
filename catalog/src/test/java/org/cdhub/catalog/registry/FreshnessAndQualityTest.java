package org.cdhub.catalog.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.cdhub.model.lakehouse.LakehouseTable;
import org.junit.jupiter.api.Test;

class FreshnessAndQualityTest {
  static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");

  private static Dataset updatedAgo(Duration ago) {
    return DatasetDescriptions.forTable(LakehouseTable.GOLD_PERSON, 1, 1L, ago == null ? null : NOW.minus(ago), NOW);
  }

  @Test
  void aDailyDatasetIsFreshForOneDayLateForTheNextAndStaleAfter() {
    assertThat(Freshness.of(updatedAgo(Duration.ofHours(3)), NOW))
        .isEqualTo(new Freshness(Freshness.Status.FRESH, Duration.ofHours(3)));
    assertThat(Freshness.of(updatedAgo(Duration.ofDays(1)), NOW).status()).isEqualTo(Freshness.Status.FRESH);
    assertThat(Freshness.of(updatedAgo(Duration.ofHours(30)), NOW).status()).isEqualTo(Freshness.Status.LATE);
    assertThat(Freshness.of(updatedAgo(Duration.ofHours(49)), NOW).status()).isEqualTo(Freshness.Status.STALE);
    assertThat(Freshness.of(updatedAgo(Duration.ofHours(49)), NOW).describe()).isEqualTo("STALE (age 2d 01h)");
  }

  @Test
  void aDatasetWithoutDataIsStaleAndAFutureCommitIsAgeZero() {
    assertThat(Freshness.of(updatedAgo(null), NOW).describe()).isEqualTo("STALE (no data yet)");
    assertThat(Freshness.of(updatedAgo(Duration.ofMinutes(-2)), NOW)).isEqualTo(new Freshness(Freshness.Status.FRESH, Duration.ZERO));
  }

  @Test
  void theScoreIsPassedChecksTimesRowsKeptWeightedByRowsIn() {
    DatasetQuality one = DatasetQuality.of("bronze.hr_household", List.of(new DatasetQuality.Run("r1", 3, 1, 1000, 100, NOW)));
    assertThat(one.score()).isEqualTo(67.5); // 3/4 passed x 900/1000 kept

    DatasetQuality two = DatasetQuality.of("gold.person", List.of(new DatasetQuality.Run("r1", 4, 0, 300, 0, NOW),
        new DatasetQuality.Run("r2", 1, 1, 100, 0, NOW.minusSeconds(60))));
    assertThat(two.score()).isEqualTo(87.5); // (100 x 300 + 50 x 100) / 400
    assertThat(two.measuredAt()).isEqualTo(NOW);
    assertThat(two.checksPassed()).isEqualTo(5);
  }

  @Test
  void aScoreNeedsRuns() {
    assertThatThrownBy(() -> DatasetQuality.of("gold.person", List.of())).hasMessageContaining("gold.person: no standardize runs");
  }
}
