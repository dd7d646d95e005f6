package org.cdhub.flows.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunnerOptionsTest {
  private static final Path HOME = Path.of("/opt/hub/flows/runner/target");

  @Test
  void defaultsNarsAndWorkDirectoryBesideTheJar() {
    RunnerOptions options = RunnerOptions.parse(List.of("--flow", "defs/hr_household.json", "--param", "a=b=c"), HOME);

    assertThat(options.narDir()).isEqualTo(HOME.resolve("nars"));
    assertThat(options.workDir()).isEqualTo(HOME.resolve("work"));
    assertThat(options.parameters()).isEqualTo(Map.of("a", "b=c"));
    assertThat(options.feed()).isEqualTo("hr_household");
  }

  @Test
  void pullsUntilDrainedByDefaultAndListensUntilIdleWhenAsked() {
    assertThat(RunnerOptions.parse(List.of("--flow", "f.json"), HOME).listenIdleMillis()).isZero();
    assertThat(RunnerOptions.parse(List.of("--flow", "f.json", "--listen-idle-ms", "1500"), HOME).listenIdleMillis()).isEqualTo(1500);
    assertThatThrownBy(() -> RunnerOptions.parse(List.of("--flow", "f.json", "--listen-idle-ms", "soon"), HOME))
        .hasMessageContaining("--listen-idle-ms needs a number, got 'soon'");
    assertThatThrownBy(() -> RunnerOptions.parse(List.of("--flow", "f.json", "--listen-idle-ms", "-1"), HOME))
        .hasMessageContaining("Invalid --listen-idle-ms");
  }

  @Test
  void keepsTheSavedStateUnlessAskedToReset() {
    assertThat(RunnerOptions.parse(List.of("--flow", "f.json"), HOME).resetState()).isFalse();
    assertThat(RunnerOptions.parse(List.of("--flow", "f.json", "--reset-state"), HOME).resetState()).isTrue();
  }

  @Test
  void rejectsMissingFlowAndMalformedOptionsWithTheReason() {
    assertThatThrownBy(() -> RunnerOptions.parse(List.of("--param", "x=1"), HOME))
        .isInstanceOf(RunnerOptions.UsageException.class).hasMessageContaining("--flow");
    assertThatThrownBy(() -> RunnerOptions.parse(List.of("--flow", "f.json", "--param", "novalue"), HOME))
        .hasMessageContaining("name=value");
    assertThatThrownBy(() -> RunnerOptions.parse(List.of("--flow", "f.json", "--nar-dir"), HOME))
        .hasMessageContaining("--nar-dir needs a value");
    assertThatThrownBy(() -> RunnerOptions.parse(List.of("--flow", "f.json", "--bogus"), HOME))
        .hasMessageContaining("Unknown option '--bogus'");
  }

  @Test
  void keysFlowStateBySourceAndLakehouseButNotByDriverJarPasswordOrToken() {
    Path flow = Path.of("hr_household.json");
    Map<String, String> params = Map.of("source.jdbc.url", "jdbc:sqlite:/a/hr.db", "lakehouse.catalog.uri", "jdbc:sqlite:/a/c.db");
    String name = FlowRunner.stateName(flow, params);

    assertThat(name).matches("hr_household-[0-9a-f]{12}\\.state\\.properties");
    assertThat(FlowRunner.stateName(flow, Map.of("source.jdbc.url", "jdbc:sqlite:/b/hr.db", "lakehouse.catalog.uri", "jdbc:sqlite:/a/c.db")))
        .isNotEqualTo(name);
    Map<String, String> more = new java.util.HashMap<>(params);
    more.put("source.jdbc.driver.location", "/x/sqlite.jar");
    more.put("source.jdbc.password", "secret");
    more.put("source.auth.token", "rotated-every-month");
    assertThat(FlowRunner.stateName(flow, more)).isEqualTo(name);
  }
}
