package org.cdhub.api.report;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One business line's report: the persons it lists (those carrying {@code tag}) and its columns.
 *
 * @param code URL name, e.g. {@code elderly-alone}
 * @param title title of the sheet and of the file, e.g. 独居老人台账
 * @param department department the report goes to
 * @param tag key-population tag of the persons listed, e.g. ELDERLY_ALONE
 * @param columns columns in order
 */
public record ReportTemplate(String code, String title, String department, String tag, List<Column> columns) {
  /** A column: the masked person's field and the header the receiving department expects. */
  public record Column(ReportField field, String header) {
    public Column {
      requireNonNull(field, "field is null");
      requireNonNull(header, "header is null");
    }
  }

  public ReportTemplate {
    requireNonNull(code, "code is null");
    requireNonNull(title, "title is null");
    requireNonNull(department, "department is null");
    requireNonNull(tag, "tag is null");
    columns = List.copyOf(requireNonNull(columns, "columns is null"));
  }
}
