package org.cdhub.api.subscription;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.cdhub.api.generated.api.SubscriptionsApi;
import org.cdhub.api.generated.model.Subscription;
import org.cdhub.api.generated.model.SubscriptionDecision;
import org.cdhub.api.generated.model.SubscriptionList;
import org.cdhub.api.generated.model.SubscriptionRequest;
import org.cdhub.api.generated.model.SubscriptionRows;
import org.cdhub.api.generated.model.SubscriptionState;
import org.cdhub.api.security.CurrentClient;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/subscriptions}: request, list, approve, reject, revoke, and the rows a grant opens. */
@RestController
class SubscriptionsController implements SubscriptionsApi {
  private final SubscriptionAccess subscriptions;
  private final CurrentClient currentClient;
  private final Clock clock;

  SubscriptionsController(SubscriptionAccess subscriptions, CurrentClient currentClient, Clock clock) {
    this.subscriptions = requireNonNull(subscriptions, "subscriptions is null");
    this.currentClient = requireNonNull(currentClient, "currentClient is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  @Override
  public ResponseEntity<Subscription> requestSubscription(SubscriptionRequest body) {
    var s = subscriptions.request(currentClient.require(), body.getDataset(), body.getPurpose(), body.getLegalPurpose(),
        body.getColumns(), body.getScope(), body.getUntil().toInstant(), body.getRequestedBy());
    return ResponseEntity.created(URI.create("/api/v1/subscriptions/" + s.id())).body(toDto(s));
  }

  @Override
  public ResponseEntity<SubscriptionList> listSubscriptions() {
    return ResponseEntity.ok(new SubscriptionList(
        subscriptions.visibleTo(currentClient.require()).stream().map(this::toDto).toList()));
  }

  @Override
  public ResponseEntity<Subscription> approveSubscription(Long subscriptionId) {
    return ResponseEntity.ok(toDto(subscriptions.approve(currentClient.require(), subscriptionId)));
  }

  @Override
  public ResponseEntity<Subscription> rejectSubscription(Long subscriptionId, SubscriptionDecision decision) {
    return ResponseEntity.ok(toDto(subscriptions.reject(currentClient.require(), subscriptionId, decision.getReason())));
  }

  @Override
  public ResponseEntity<Subscription> revokeSubscription(Long subscriptionId, SubscriptionDecision decision) {
    return ResponseEntity.ok(toDto(subscriptions.revoke(currentClient.require(), subscriptionId,
        decision == null ? null : decision.getReason())));
  }

  @Override
  public ResponseEntity<SubscriptionRows> listSubscriptionRows(Long subscriptionId, String cursor, Integer limit) {
    int pageSize = limit == null ? 50 : limit;
    String query = "GET /api/v1/subscriptions/" + subscriptionId + "/rows?limit=" + pageSize
        + (cursor == null ? "" : "&cursor=" + cursor);
    var page = subscriptions.rows(currentClient.require(), subscriptionId, cursor, pageSize, query);
    return ResponseEntity.ok(new SubscriptionRows(subscriptionId, page.grant().request().dataset(), page.columns(),
        page.rows(), true).nextCursor(page.nextCursor()));
  }

  private Subscription toDto(org.cdhub.catalog.subscription.Subscription s) {
    var r = s.request();
    return new Subscription(s.id(), r.department(), r.dataset(), r.purpose(), r.columns(), utc(r.until()),
        SubscriptionState.fromValue(s.stateAt(clock.instant()).name()), r.requestedBy(), utc(s.requestedAt()))
        .legalPurpose(r.legalPurpose())
        .scope(r.scope())
        .decidedBy(s.decidedBy())
        .decidedAt(utc(s.decidedAt()))
        .reason(s.reason())
        .endedBy(s.endedBy())
        .endedAt(utc(s.endedAt()));
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }
}
