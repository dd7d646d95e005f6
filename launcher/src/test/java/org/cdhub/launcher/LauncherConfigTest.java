package org.cdhub.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LauncherConfigTest {
  private static final String JAVA_HOME = System.getProperty("java.home");

  private static Map<String, String> env(String heap) {
    return heap == null
        ? Map.of("HUB_HOME", "/tmp", "HUB_JAVA17_HOME", JAVA_HOME, "HUB_JAVA25_HOME", JAVA_HOME)
        : Map.of("HUB_HOME", "/tmp", "HUB_JAVA17_HOME", JAVA_HOME, "HUB_JAVA25_HOME", JAVA_HOME, "HUB_SPARK_HEAP", heap);
  }

  @Test
  void sparkJobsGetTwoGigabytesUnlessTheEnvironmentSaysOtherwise() {
    assertThat(LauncherConfig.fromEnvironment(env(null)).sparkHeap()).isEqualTo("2g");
    assertThat(LauncherConfig.fromEnvironment(env(" 6g ")).sparkHeap()).isEqualTo("6g");
    assertThat(LauncherConfig.fromEnvironment(env("6144m")).sparkHeap()).isEqualTo("6144m");
  }

  @Test
  void aHeapThatIsNotASizeIsRefusedNamingTheVariable() {
    for (String bad : new String[] {"6", "0g", "-Xmx6g", "6g -XX:+UseSerialGC", "lots"}) {
      assertThatThrownBy(() -> LauncherConfig.fromEnvironment(env(bad)))
          .as(bad).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("HUB_SPARK_HEAP");
    }
  }
}
