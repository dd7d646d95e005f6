package org.cdhub.api.returndata;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/** A golden event as a community platform sees it: numbers in its description masked, persons by master id. */
public record MaskedEvent(String masterId, String eventType, String sourceEventId, Instant occurredAt, String status,
    String placeId, String communityCode, String description, List<String> personIds, Instant updatedAt) {
  public MaskedEvent {
    requireNonNull(masterId, "masterId is null");
    requireNonNull(eventType, "eventType is null");
    personIds = personIds == null ? List.of() : List.copyOf(personIds);
  }
}
