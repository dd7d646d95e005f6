package org.cdhub.citygen;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * truth/noise_log.csv: every injected noise, by feed, record and field, so that evaluations can
 * tell a validator's miss from a clean record.
 */
final class NoiseLog implements AutoCloseable {
  static final List<String> HEADER = List.of("source_system", "source_record_id", "field", "kind", "original_record_id");
  private final CsvFile file;

  NoiseLog(Path file) {
    this.file = new CsvFile(file, StandardCharsets.UTF_8, "\n", HEADER);
  }

  void log(String feed, String recordId, String field, NoiseKind kind, String originalRecordId) {
    file.row(feed, recordId, field, kind.name(), originalRecordId);
  }

  long entries() {
    return file.rows();
  }

  @Override
  public void close() {
    file.close();
  }
}
