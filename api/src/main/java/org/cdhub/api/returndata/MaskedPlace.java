package org.cdhub.api.returndata;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import org.cdhub.model.entity.PlaceType;

/** A golden place as a community platform sees it: a house's name and address masked. */
public record MaskedPlace(String masterId, PlaceType kind, String code, String name, String parentId, String address,
    String districtCode, String communityCode, String gridCode, Instant updatedAt) {
  public MaskedPlace {
    requireNonNull(masterId, "masterId is null");
    requireNonNull(kind, "kind is null");
  }
}
