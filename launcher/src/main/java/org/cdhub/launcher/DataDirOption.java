package org.cdhub.launcher;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The --data-dir option shared by commands that read or write the embedded lakehouse. */
final class DataDirOption {
  @Option(names = "--data-dir", description = "Data directory of the embedded profile (default: .hub/data under the hub's home).")
  Path dataDir;

  Path resolve(LauncherConfig config) {
    return (dataDir != null ? dataDir : config.defaultDataDir()).toAbsolutePath().normalize();
  }
}
