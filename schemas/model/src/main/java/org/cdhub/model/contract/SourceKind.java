package org.cdhub.model.contract;

/** How a feed delivers its records. */
public enum SourceKind {
  JDBC_TABLE,
  CSV_FILE,
  EXCEL_FILE,
  JSON_API,
  JSON_HTTP_PUSH,
  JSON_MQTT
}
