package org.cdhub.api.returndata;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** A golden organization as a community platform sees it: the legal representative's name masked. */
public record MaskedOrganization(String masterId, String creditCode, String name, String orgType,
    String legalRepresentative, String address, String placeId, String communityCode, Instant updatedAt) {
  public MaskedOrganization {
    requireNonNull(masterId, "masterId is null");
  }
}
