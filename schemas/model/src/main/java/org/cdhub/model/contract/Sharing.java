package org.cdhub.model.contract;

import static java.util.Objects.requireNonNull;

/**
 * Sharing terms of a feed in the catalog.
 *
 * @param type sharing type
 * @param conditions for CONDITIONAL: what a requester must state or meet
 * @param legalBasis for NOT_SHARED (required) or CONDITIONAL: the law or rule behind it
 */
public record Sharing(SharingType type, String conditions, String legalBasis) {
  public Sharing {
    requireNonNull(type, "type is null");
    if (type == SharingType.NOT_SHARED && (legalBasis == null || legalBasis.isBlank())) {
      throw new IllegalArgumentException("Invalid sharing: NOT_SHARED needs legal_basis");
    }
    if (type == SharingType.CONDITIONAL && (conditions == null || conditions.isBlank())) {
      throw new IllegalArgumentException("Invalid sharing: CONDITIONAL needs conditions");
    }
  }
}
