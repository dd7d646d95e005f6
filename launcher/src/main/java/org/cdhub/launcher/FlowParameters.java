package org.cdhub.launcher;

import java.nio.file.Path;
import java.util.List;
import org.cdhub.model.contract.SourceContract;

/**
 * Parameter values of the flow definitions in the embedded profile, derived from each feed's
 * source contract and the generated city's layout (the cluster sets its own in NiFi).
 */
final class FlowParameters {
  private FlowParameters() {}

  static List<String> embedded(SourceContract contract, Path sourcesDir) {
    Path sources = sourcesDir.toAbsolutePath();
    return switch (contract.format().kind()) {
      // file drops: the department's drop directory; the flow filters the file name itself
      case CSV_FILE, EXCEL_FILE -> List.of(
          "source.directory=" + sources.resolve(contract.format().location()).getParent());
      // front-end databases: one SQLite file per department, named for the feed's prefix (hr.db, housing.db)
      case JDBC_TABLE -> List.of(
          "source.jdbc.url=jdbc:sqlite:" + sources.resolve("departments").resolve(department(contract.feed()) + ".db"));
      default -> throw new IllegalArgumentException("Cannot ingest feed " + contract.feed() + ": the embedded profile has no "
          + contract.format().kind().name().toLowerCase(java.util.Locale.ROOT) + " flow parameters yet");
    };
  }

  static String department(String feed) {
    int underscore = feed.indexOf('_');
    return underscore < 0 ? feed : feed.substring(0, underscore);
  }
}
