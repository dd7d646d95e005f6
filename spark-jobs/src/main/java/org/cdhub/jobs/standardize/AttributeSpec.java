package org.cdhub.jobs.standardize;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;
import java.util.Set;
import org.cdhub.model.contract.FieldFormat;

/**
 * What a silver attribute accepts from a contract: its {@code maps_to} key and aliases, the
 * field formats that make sense for it, and whether an invalid present value rejects the row.
 *
 * @param key the {@code maps_to} value in contracts, e.g. {@code credit_code}
 * @param formats field formats accepted for it
 * @param aliases other {@code maps_to} values contracts use for the same attribute
 * @param strict true for identity numbers: a present but invalid value rejects the row even when
 *     the field is optional, since a wrong ID number must never be guessed around (and a person
 *     status must never be read as "resident" because it was unreadable)
 * @param composable true when several contract fields may map to it, their values joined in
 *     contract order with one space (an address delivered as street number, street, suburb, ...)
 */
public record AttributeSpec(String key, Set<FieldFormat> formats, Set<String> aliases, boolean strict, boolean composable)
    implements Serializable {
  public AttributeSpec {
    requireNonNull(key, "key is null");
    formats = Set.copyOf(formats);
    aliases = Set.copyOf(aliases);
  }

  static AttributeSpec of(String key, Set<FieldFormat> formats, String... aliases) {
    return new AttributeSpec(key, formats, Set.of(aliases), false, false);
  }

  /** An attribute several fields may make up: see {@link #composable()}. */
  static AttributeSpec composable(String key, Set<FieldFormat> formats, String... aliases) {
    return new AttributeSpec(key, formats, Set.of(aliases), false, true);
  }

  /** An identity number: see {@link #strict()}. */
  static AttributeSpec identity(String key, Set<FieldFormat> formats, String... aliases) {
    return new AttributeSpec(key, formats, Set.of(aliases), true, false);
  }
}
