package org.cdhub.jobs.standardize;

import java.util.Set;
import org.cdhub.model.contract.FieldFormat;

/**
 * A silver attribute a contract field can map to ({@code maps_to}), with the field formats
 * that make sense for it. One enum per entity; a mismatch is a contract error, not a bad row.
 */
public interface EntityAttribute {
  /** The {@code maps_to} value in contracts, e.g. {@code credit_code}. */
  String key();

  /** Other {@code maps_to} values contracts use for the same attribute. */
  default Set<String> aliases() {
    return Set.of();
  }

  Set<FieldFormat> formats();

  /**
   * True for identity numbers: a present value that is invalid rejects the row even when the
   * field is optional, since a wrong ID number must never be guessed around.
   */
  default boolean strict() {
    return false;
  }

  default boolean accepts(FieldFormat format) {
    return formats().contains(format);
  }

  default boolean answersTo(String mapsTo) {
    return key().equals(mapsTo) || aliases().contains(mapsTo);
  }
}
