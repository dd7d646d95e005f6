package org.cdhub.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ResultLineTest {

  @Test
  void readsTheLastResultLineOfItsKind() {
    List<String> out = List.of(
        "INGEST feed=old read=1 landed=1 quarantined=0",
        "some log line",
        "INGEST feed=hr_household read=10 landed=9 quarantined=1 duration_ms=420",
        "JOB standardize status=OK");

    ResultLine line = ResultLine.find("INGEST", out);

    assertThat(line.text("feed")).isEqualTo("hr_household");
    assertThat(line.number("read")).isEqualTo(line.number("landed") + line.number("quarantined"));
  }

  @Test
  void failsWithTheOutputTailWhenTheLineIsMissing() {
    assertThatThrownBy(() -> ResultLine.find("JOB", List.of("Exception in thread main", "boom")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("JOB")
        .hasMessageContaining("boom");
  }

  @Test
  void failsNamingTheMissingKey() {
    ResultLine line = ResultLine.find("JOB", List.of("JOB merge status=OK"));

    assertThatThrownBy(() -> line.number("gold_persons")).hasMessageContaining("gold_persons");
  }
}
