package org.cdhub.citygen;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** One JSON object per line, UTF-8: how the vendor gateways log what they push. */
final class JsonLines implements AutoCloseable {
  private final Path path;
  private final OutputStream out;
  private long lines;

  JsonLines(Path path) {
    this.path = path;
    try {
      Files.createDirectories(path.getParent());
      out = new BufferedOutputStream(Files.newOutputStream(path), 1 << 16);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create " + path, e);
    }
  }

  void write(Map<String, ?> object) {
    try {
      out.write(Json.MAPPER.writeValueAsBytes(object));
      out.write('\n');
      lines++;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write line " + (lines + 1) + " of " + path, e);
    }
  }

  long lines() {
    return lines;
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
