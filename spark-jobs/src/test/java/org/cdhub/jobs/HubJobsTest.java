package org.cdhub.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HubJobsTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int execute(String... args) {
    return HubJobs.execute(List.of(args), Map.of(),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void noArgumentsIsAUsageErrorWithExitCode2() {
    assertThat(execute()).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("usage: HubJobs <standardize|resolve|merge>");
    assertThat(out.size()).isZero();
  }

  @Test
  void unknownJobIsAUsageErrorNamingIt() {
    assertThat(execute("publish")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("Unknown job: publish").contains("usage:");
  }

  @Test
  void unknownFlagIsAUsageError() {
    assertThat(execute("merge", "--people", "5")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("Unknown argument: --people");
  }

  @Test
  void resultLineCarriesStatusAndValuesInOrder() {
    JobResult result = JobResult.of("standardize").put("bronze_rows", 10).put("silver_rows", 8).put("quarantined", 2).build();

    assertThat(result.line()).isEqualTo("JOB standardize status=OK bronze_rows=10 silver_rows=8 quarantined=2");
  }
}
