package org.cdhub.jobs.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.cdhub.jobs.resolve.match.MatchThresholds;
import org.junit.jupiter.api.Test;

class ResolveSettingsTest {
  @Test
  void defaultsRunIncrementallyUpToAFifthNewOrChanged() {
    ResolveSettings d = ResolveSettings.defaults();

    assertThat(d.thresholds()).isEqualTo(MatchThresholds.defaults());
    assertThat(d.maxBlockSize()).isEqualTo(200);
    assertThat(d.forceFull()).isFalse();
    assertThat(d.incrementalMaxShare()).isEqualTo(0.2);
    assertThat(d.driverPairingMaxRecords()).isEqualTo(200_000);
    assertThat(ResolveSettings.fromEnvironment(Map.of())).isEqualTo(d);
  }

  @Test
  void readsEveryKeyFromTheEnvironment() {
    ResolveSettings s = ResolveSettings.fromEnvironment(Map.of("HUB_MATCH_AUTO", "0.98", "HUB_MATCH_REVIEW", "0.6", "HUB_MATCH_MAX_BLOCK", "50",
        "HUB_MATCH_FULL", "true", "HUB_MATCH_INCREMENTAL_MAX_SHARE", "0.05", "HUB_MATCH_DRIVER_PAIRING_MAX_RECORDS", "0"));

    assertThat(s.thresholds()).isEqualTo(new MatchThresholds(0.98, 0.6));
    assertThat(s.maxBlockSize()).isEqualTo(50);
    assertThat(s.forceFull()).isTrue();
    assertThat(s.incrementalMaxShare()).isEqualTo(0.05);
    assertThat(s.driverPairingMaxRecords()).isZero();
  }

  @Test
  void rejectsAFullFlagThatIsNotABoolean() {
    assertThatThrownBy(() -> ResolveSettings.fromEnvironment(Map.of("HUB_MATCH_FULL", "yes")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("HUB_MATCH_FULL").hasMessageContaining("'yes'");
  }

  @Test
  void rejectsAShareOutsideZeroToOne() {
    assertThatThrownBy(() -> ResolveSettings.fromEnvironment(Map.of("HUB_MATCH_INCREMENTAL_MAX_SHARE", "1.5")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("HUB_MATCH_INCREMENTAL_MAX_SHARE").hasMessageContaining("1.5");
  }

  @Test
  void rejectsANegativeDriverPairingLimit() {
    assertThatThrownBy(() -> ResolveSettings.fromEnvironment(Map.of("HUB_MATCH_DRIVER_PAIRING_MAX_RECORDS", "-1")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("HUB_MATCH_DRIVER_PAIRING_MAX_RECORDS").hasMessageContaining("-1");
  }
}
