package org.cdhub.launcher;

import java.nio.file.Path;
import java.util.List;

/** Parameter values of the flow definitions in the embedded profile (the cluster sets its own). */
final class FlowParameters {
  private FlowParameters() {}

  static List<String> embedded(String feed, Path sourcesDir) {
    return switch (feed) {
      case "hr_household" -> List.of(
          "source.jdbc.url=jdbc:sqlite:" + sourcesDir.resolve("departments/hr.db").toAbsolutePath());
      default -> throw new IllegalArgumentException("Cannot ingest feed " + feed + ": no flow parameters for it in the embedded profile");
    };
  }
}
