package org.cdhub.launcher;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cdhub.catalog.CatalogConfig;
import org.cdhub.catalog.CatalogDatabase;
import picocli.CommandLine.Option;

/** The --data-dir option shared by commands that read or write the embedded lakehouse. */
final class DataDirOption {
  @Option(names = "--data-dir", description = "Data directory of the embedded profile (default: .hub/data under the hub's home).")
  Path dataDir;

  Path resolve(LauncherConfig config) {
    return (dataDir != null ? dataDir : config.defaultDataDir()).toAbsolutePath().normalize();
  }

  /**
   * The catalog database of the data dir (or {@code -Dhub.catalog.jdbc-url=...}), or null after
   * telling {@code out} so when the embedded one was never created: opening would create an
   * empty one, and a user pointed at the wrong dir must be told ({@code consequence}) instead.
   */
  CatalogDatabase openCatalog(PrintWriter out, String consequence) {
    Path dir = resolve(LauncherConfig.fromEnvironment(System.getenv()));
    CatalogConfig config = CatalogConfig.fromSystemProperties(dir);
    Path embedded = dir.resolve(CatalogConfig.EMBEDDED_FILE_NAME);
    if (config.equals(CatalogConfig.embedded(dir)) && !Files.isRegularFile(embedded)) {
      out.println("No catalog database at " + embedded + ": " + consequence + " (pass --data-dir).");
      out.flush();
      return null;
    }
    return CatalogDatabase.open(config);
  }
}
