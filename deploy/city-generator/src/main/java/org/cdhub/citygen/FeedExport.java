package org.cdhub.citygen;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * One generated feed as a department or vendor delivers it.
 *
 * @param feed feed id, equal to the name of its source contract
 * @param location database file, data file, or directory of pages
 * @param records records written (in-source duplicates included)
 * @param kind delivery kind as the contract spells it, e.g. {@code jdbc_table}, {@code csv_file}
 */
public record FeedExport(String feed, Path location, long records, String kind) {
  public FeedExport {
    requireNonNull(feed, "feed is null");
    requireNonNull(location, "location is null");
    requireNonNull(kind, "kind is null");
    if (records < 0) {
      throw new IllegalArgumentException("Invalid record count of feed " + feed + ": " + records);
    }
  }
}
