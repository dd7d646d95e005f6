package org.cdhub.api.report;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Locale;
import org.cdhub.api.generated.api.ReportsApi;
import org.cdhub.api.generated.model.ReportColumn;
import org.cdhub.api.security.CurrentClient;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/reports} and {@code /api/v1/communities/{communityCode}/reports/{reportCode}}. */
@RestController
class ReportsController implements ReportsApi {
  private final CommunityReportService reports;
  private final CurrentClient caller;

  ReportsController(CommunityReportService reports, CurrentClient caller) {
    this.reports = requireNonNull(reports, "reports is null");
    this.caller = requireNonNull(caller, "caller is null");
  }

  @Override
  public ResponseEntity<List<org.cdhub.api.generated.model.ReportTemplate>> listReportTemplates() {
    caller.require();
    return ResponseEntity.ok(reports.templates().stream().map(ReportsController::toDto).toList());
  }

  @Override
  public ResponseEntity<Resource> exportCommunityReport(String communityCode, String reportCode, String format) {
    ReportFile file = reports.export(caller.require(), communityCode, reportCode,
        ReportFormat.valueOf((format == null ? "csv" : format).toUpperCase(Locale.ROOT)));
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType(file.format().mediaType()))
        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
            .filename(file.fileName(), java.nio.charset.StandardCharsets.UTF_8).build().toString())
        .body(new ByteArrayResource(file.content()));
  }

  private static org.cdhub.api.generated.model.ReportTemplate toDto(ReportTemplate t) {
    return new org.cdhub.api.generated.model.ReportTemplate(t.code(), t.title(), t.department(), t.tag(),
        t.columns().stream().map(c -> new ReportColumn(c.field().key(), c.header())).toList());
  }
}
