package org.cdhub.citygen;

import static java.util.Objects.requireNonNull;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * An RFC 4180 CSV file in a declared encoding. A character the encoding cannot hold is an
 * error, never a silent '?': a GBK export must really be GBK.
 */
final class CsvFile implements AutoCloseable {
  private final Path path;
  private final Writer out;
  private final String lineEnd;
  private final int width;
  private long rows;

  CsvFile(Path path, Charset charset, String lineEnd, List<String> header) {
    this.path = requireNonNull(path, "path is null");
    this.lineEnd = requireNonNull(lineEnd, "lineEnd is null");
    this.width = header.size();
    try {
      Files.createDirectories(path.getParent());
      this.out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(path),
          charset.newEncoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)),
          1 << 16);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create " + path, e);
    }
    write(header.toArray(new String[0]));
  }

  /** One record; null values are written as empty fields. */
  void row(String... values) {
    if (values.length != width) {
      throw new IllegalArgumentException("Cannot write row " + (rows + 1) + " of " + path + ": expected " + width + " values, got " + values.length);
    }
    write(values);
    rows++;
  }

  long rows() {
    return rows;
  }

  Path path() {
    return path;
  }

  private void write(String[] values) {
    try {
      for (int i = 0; i < values.length; i++) {
        if (i > 0) {
          out.write(',');
        }
        String v = values[i];
        if (v == null) {
          continue;
        }
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
          out.write('"');
          out.write(v.replace("\"", "\"\""));
          out.write('"');
        } else {
          out.write(v);
        }
      }
      out.write(lineEnd);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write row " + (rows + 1) + " of " + path + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot close " + path, e);
    }
  }
}
