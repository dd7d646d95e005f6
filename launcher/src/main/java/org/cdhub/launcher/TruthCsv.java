package org.cdhub.launcher;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Streams the city generator's ground-truth CSV files (UTF-8, RFC 4180: a header line, quoted
 * fields where they hold a comma, quote or line break), handing over only the wanted columns.
 */
final class TruthCsv {
  private TruthCsv() {}

  /** Calls {@code row} with the values of {@code columns}, in that order, for every record after the header. */
  static long read(Path file, List<String> columns, Consumer<String[]> row) {
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return read(in, file.toString(), columns, row);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
  }

  static long read(Reader in, String name, List<String> columns, Consumer<String[]> row) throws IOException {
    List<String> header = next(in);
    if (header == null) {
      throw new IllegalArgumentException("Cannot read " + name + ": it is empty, expected a header line");
    }
    int[] positions = new int[columns.size()];
    for (int i = 0; i < positions.length; i++) {
      positions[i] = header.indexOf(columns.get(i));
      if (positions[i] < 0) {
        throw new IllegalArgumentException("Cannot read " + name + ": no column " + columns.get(i) + " in its header " + header);
      }
    }
    long rows = 0;
    for (List<String> fields = next(in); fields != null; fields = next(in)) {
      rows++;
      if (fields.size() != header.size()) {
        throw new IllegalArgumentException("Cannot read " + name + ": record " + rows + " has " + fields.size()
            + " fields, the header " + header.size());
      }
      String[] values = new String[positions.length];
      for (int i = 0; i < positions.length; i++) {
        values[i] = fields.get(positions[i]);
      }
      row.accept(values);
    }
    return rows;
  }

  /** The next record's fields, or null at the end. A record ends at an unquoted LF or CRLF. */
  private static List<String> next(Reader in) throws IOException {
    int c = in.read();
    if (c < 0) {
      return null;
    }
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    while (true) {
      if (quoted) {
        if (c < 0) {
          throw new IllegalArgumentException("Quoted field not closed before the end of the file");
        }
        if (c == '"') {
          int d = in.read();
          if (d == '"') {
            field.append('"');
          } else {
            quoted = false;
            c = d;
            continue;
          }
        } else {
          field.append((char) c);
        }
      } else if (c == '"' && field.isEmpty()) {
        quoted = true;
      } else if (c == ',') {
        fields.add(field.toString());
        field.setLength(0);
      } else if (c == '\n' || c < 0) {
        fields.add(field.toString());
        return fields;
      } else if (c != '\r') {
        field.append((char) c);
      }
      c = in.read();
    }
  }
}
