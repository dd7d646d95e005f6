package org.cdhub.launcher;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The last records of a generated CSV file drop (UTF-8, RFC 4180, a header row), held back from
 * the first delivery and delivered later as a file of their own under the same name: what a
 * department's next weekly export looks like to the flow, whose listing picks up the newer file.
 * Records are split outside quotes only, so a quoted line break stays inside its record.
 */
final class HeldBackRecords {
  private final Path file;
  private final String header;
  private final List<String> held;

  private HeldBackRecords(Path file, String header, List<String> held) {
    this.file = file;
    this.header = header;
    this.held = List.copyOf(held);
  }

  /** Rewrites {@code file} without its last {@code count} records and keeps those back. */
  static HeldBackRecords holdBack(Path file, int count) throws IOException {
    requireNonNull(file, "file is null");
    List<String> records = records(Files.readString(file, StandardCharsets.UTF_8));
    if (count < 1 || count >= records.size() - 1) {
      throw new IllegalArgumentException("Cannot hold back " + count + " records of " + file + ": it has " + (records.size() - 1));
    }
    int keep = records.size() - count;
    Files.writeString(file, String.join("", records.subList(0, keep)), StandardCharsets.UTF_8);
    return new HeldBackRecords(file, records.get(0), records.subList(keep, records.size()));
  }

  int size() {
    return held.size();
  }

  /** Replaces the file with the header and the held-back records, stamped later than the first delivery. */
  void deliver() throws IOException {
    Instant before = Files.getLastModifiedTime(file).toInstant();
    Files.writeString(file, header + String.join("", held), StandardCharsets.UTF_8);
    Instant now = Instant.now();
    Files.setLastModifiedTime(file, FileTime.from(now.isAfter(before.plusSeconds(1)) ? now : before.plusSeconds(2)));
  }

  /** Each record (the header first) with its line end. */
  static List<String> records(String text) {
    List<String> out = new ArrayList<>();
    boolean quoted = false;
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (c == '\n' && !quoted) {
        out.add(text.substring(start, i + 1));
        start = i + 1;
      }
    }
    if (start < text.length()) {
      out.add(text.substring(start));
    }
    return out;
  }
}
