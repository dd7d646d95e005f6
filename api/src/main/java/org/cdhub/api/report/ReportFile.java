package org.cdhub.api.report;

import static java.util.Objects.requireNonNull;

/**
 * An exported report.
 *
 * @param content the file's bytes
 * @param fileName suggested file name, e.g. {@code elderly-alone-640106001001-20261206.xlsx}
 * @param format its format
 * @param rows persons listed
 */
public record ReportFile(byte[] content, String fileName, ReportFormat format, int rows) {
  public ReportFile {
    requireNonNull(content, "content is null");
    requireNonNull(fileName, "fileName is null");
    requireNonNull(format, "format is null");
  }
}
