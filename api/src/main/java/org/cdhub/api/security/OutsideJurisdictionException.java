package org.cdhub.api.security;

import static java.util.Objects.requireNonNull;

/** A client asked for a community outside its jurisdiction. */
public final class OutsideJurisdictionException extends RuntimeException {
  private final String clientId;
  private final String communityCode;

  public OutsideJurisdictionException(String clientId, String communityCode) {
    super("Cannot read community " + communityCode + ": it is outside the jurisdiction of client " + clientId);
    this.clientId = requireNonNull(clientId, "clientId is null");
    this.communityCode = requireNonNull(communityCode, "communityCode is null");
  }

  public String clientId() {
    return clientId;
  }

  public String communityCode() {
    return communityCode;
  }
}
