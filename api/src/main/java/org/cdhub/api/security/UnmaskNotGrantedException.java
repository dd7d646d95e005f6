package org.cdhub.api.security;

import static java.util.Objects.requireNonNull;

import org.cdhub.catalog.grant.UnmaskableField;

/** A client asked to unmask a field no active grant of its allows here for the stated purpose. */
public final class UnmaskNotGrantedException extends RuntimeException {
  private final UnmaskableField field;

  public UnmaskNotGrantedException(String clientId, String communityCode, UnmaskableField field, String purpose) {
    super("Cannot unmask " + requireNonNull(field, "field is null").fieldName() + " for client " + clientId
        + " in community " + communityCode + ": no active grant allows it for purpose " + purpose);
    this.field = field;
  }

  public UnmaskableField field() {
    return field;
  }
}
