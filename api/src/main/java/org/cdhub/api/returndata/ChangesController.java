package org.cdhub.api.returndata;

import static java.util.Objects.requireNonNull;

import org.cdhub.api.generated.api.ChangesApi;
import org.cdhub.api.audit.CurrentRequest;
import org.cdhub.api.generated.model.ChangeFeedInfo;
import org.cdhub.api.generated.model.ChangePage;
import org.cdhub.api.generated.model.PersonChange;
import org.cdhub.api.security.CurrentClient;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/communities/{communityCode}/changes}: binds, calls the feed, maps the page. */
@RestController
class ChangesController implements ChangesApi {
  private final ChangeFeed feed;
  private final CurrentRequest request;
  private final CurrentClient caller;

  ChangesController(ChangeFeed feed, CurrentClient caller, CurrentRequest request) {
    this.request = java.util.Objects.requireNonNull(request, "request is null");
    this.feed = requireNonNull(feed, "feed is null");
    this.caller = requireNonNull(caller, "caller is null");
  }

  @Override
  public ResponseEntity<ChangePage> listCommunityChanges(String communityCode, String since, Integer limit) {
    ChangeFeedPage page =
        feed.read(caller.require(), request.auditedQuery(), communityCode, since, limit == null ? ChangeFeed.DEFAULT_LIMIT : limit);
    return ResponseEntity.ok(toDto(page));
  }

  private static ChangePage toDto(ChangeFeedPage page) {
    ChangeFeedInfo info = new ChangeFeedInfo(page.limit(), page.hasMore(), page.nextCursor())
        .fromSnapshotId(text(page.fromSnapshotId()))
        .toSnapshotId(text(page.toSnapshotId()));
    return new ChangePage(page.communityCode(), page.masked(),
        page.changes().stream().map(ChangesController::toDto).toList(), info);
  }

  private static PersonChange toDto(MaskedChange change) {
    return new PersonChange(org.cdhub.api.generated.model.ChangeType.fromValue(change.type().name()), change.masterId(),
        Long.toString(change.snapshotId()))
        .survivorId(change.survivorId())
        .person(change.person() == null ? null : PersonsController.toDto(change.person()));
  }

  private static String text(Long snapshotId) {
    return snapshotId == null ? null : Long.toString(snapshotId);
  }
}
