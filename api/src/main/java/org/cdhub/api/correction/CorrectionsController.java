package org.cdhub.api.correction;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.ZoneOffset;
import org.cdhub.api.audit.CurrentRequest;
import org.cdhub.api.generated.api.CorrectionsApi;
import org.cdhub.api.generated.model.Correction;
import org.cdhub.api.generated.model.CorrectionKind;
import org.cdhub.api.generated.model.CorrectionPage;
import org.cdhub.api.generated.model.CorrectionRequest;
import org.cdhub.api.generated.model.CorrectionStatus;
import org.cdhub.api.generated.model.PageInfo;
import org.cdhub.api.security.CurrentClient;
import org.cdhub.catalog.correction.CommunityCorrection;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/communities/{communityCode}/corrections}: binds, calls the service, maps the result (never the ID number). */
@RestController
class CorrectionsController implements CorrectionsApi {
  private final CorrectionService corrections;
  private final CurrentClient caller;
  private final CurrentRequest request;

  CorrectionsController(CorrectionService corrections, CurrentClient caller, CurrentRequest request) {
    this.corrections = requireNonNull(corrections, "corrections is null");
    this.caller = requireNonNull(caller, "caller is null");
    this.request = requireNonNull(request, "request is null");
  }

  @Override
  public ResponseEntity<Correction> submitCorrection(String communityCode, CorrectionRequest body) {
    CorrectionService.CorrectionView view = corrections.submit(caller.require(), request.auditedQuery(), communityCode,
        body.getMasterId(), org.cdhub.catalog.correction.CorrectionKind.valueOf(body.getKind().getValue()), body.getValue(),
        body.getEffectiveDate(), body.getNote());
    return ResponseEntity.created(URI.create("/api/v1/communities/" + communityCode + "/corrections/"
        + view.correction().id())).body(toDto(view));
  }

  @Override
  public ResponseEntity<CorrectionPage> listCorrections(String communityCode, String cursor, Integer limit) {
    CorrectionService.CorrectionPage page = corrections.list(caller.require(), request.auditedQuery(), communityCode,
        cursor, limit == null ? CorrectionService.DEFAULT_LIMIT : limit);
    return ResponseEntity.ok(new CorrectionPage(page.communityCode(),
        page.items().stream().map(CorrectionsController::toDto).toList(),
        new PageInfo(page.limit(), page.hasMore()).nextCursor(page.nextCursor())));
  }

  @Override
  public ResponseEntity<Correction> getCorrection(String communityCode, Long correctionId) {
    return ResponseEntity.ok(toDto(corrections.find(caller.require(), request.auditedQuery(), communityCode, correctionId)));
  }

  private static Correction toDto(CorrectionService.CorrectionView view) {
    CommunityCorrection c = view.correction();
    return new Correction(c.id(), c.communityCode(), c.masterId(), CorrectionKind.fromValue(c.kind().name()),
        c.effectiveDate(), c.receivedAt().atOffset(ZoneOffset.UTC),
        CorrectionStatus.fromValue(view.progress().status().name()))
        .value(view.maskedValue())
        .note(c.note())
        .statusReason(view.progress().reason());
  }
}
