package org.cdhub.jobs.standardize;

import java.util.Set;
import org.cdhub.model.contract.FieldFormat;

/**
 * A silver attribute a contract field can map to ({@code maps_to}), with the field formats
 * that make sense for it. One enum per entity; a mismatch is a contract error, not a bad row.
 */
public interface EntityAttribute {
  AttributeSpec spec();

  /** The {@code maps_to} value in contracts, e.g. {@code credit_code}. */
  default String key() {
    return spec().key();
  }

  /** Other {@code maps_to} values contracts use for the same attribute. */
  default Set<String> aliases() {
    return spec().aliases();
  }

  default Set<FieldFormat> formats() {
    return spec().formats();
  }

  /** See {@link AttributeSpec#strict()}. */
  default boolean strict() {
    return spec().strict();
  }

  /** See {@link AttributeSpec#composable()}. */
  default boolean composable() {
    return spec().composable();
  }

  default boolean accepts(FieldFormat format) {
    return formats().contains(format);
  }

  default boolean answersTo(String mapsTo) {
    return key().equals(mapsTo) || aliases().contains(mapsTo);
  }
}
