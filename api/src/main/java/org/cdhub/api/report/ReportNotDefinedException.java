package org.cdhub.api.report;

/** No report template has the code asked for. */
public final class ReportNotDefinedException extends RuntimeException {
  public ReportNotDefinedException(String code, java.util.List<String> defined) {
    super("Cannot export report " + code + ": no such template, defined are " + String.join(", ", defined));
  }
}
