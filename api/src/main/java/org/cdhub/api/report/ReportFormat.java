package org.cdhub.api.report;

/** The file formats a report is exported in. */
public enum ReportFormat {
  /** UTF-8 with a byte-order mark, so spreadsheet programs read the Chinese text right. */
  CSV("text/csv;charset=UTF-8", "csv"),
  XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx");

  private final String mediaType;
  private final String extension;

  ReportFormat(String mediaType, String extension) {
    this.mediaType = mediaType;
    this.extension = extension;
  }

  public String mediaType() {
    return mediaType;
  }

  public String extension() {
    return extension;
  }
}
