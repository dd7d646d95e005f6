package org.cdhub.api.security;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.cdhub.catalog.grant.UnmaskGrant;
import org.cdhub.catalog.grant.UnmaskableField;

/**
 * A request's explicit ask to see personal fields unmasked ({@code unmask=idNumber,phone}) and
 * the purpose it states ({@code purpose=subsidy-review}). Without one, everything stays masked.
 *
 * @param fields the fields asked for, in {@link UnmaskableField} order; empty for a masked read
 * @param purpose the stated purpose; null exactly when no field is asked for
 */
public record UnmaskRequest(Set<UnmaskableField> fields, String purpose) {
  /** A masked read. */
  public static final UnmaskRequest NONE = new UnmaskRequest(Set.of(), null);

  public UnmaskRequest {
    requireNonNull(fields, "fields is null");
    // in declaration order, so a refusal always names the same first field
    fields = fields.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(fields));
    if (fields.isEmpty() != (purpose == null)) {
      throw new IllegalArgumentException("Invalid unmask request: a purpose goes with the fields to unmask, was "
          + fields + " for purpose " + purpose);
    }
  }

  /**
   * The request's {@code unmask} and {@code purpose} parameters, checked.
   *
   * @throws InvalidUnmaskRequestException if a field cannot be unmasked, the purpose is missing or
   *     malformed, or a purpose comes without fields
   */
  public static UnmaskRequest of(List<String> fieldNames, String purpose) {
    boolean noFields = fieldNames == null || fieldNames.isEmpty();
    if (noFields && purpose == null) {
      return NONE;
    }
    if (noFields) {
      throw new InvalidUnmaskRequestException("purpose", "without-unmask",
          "purpose states why personal fields are unmasked: give it only together with unmask");
    }
    EnumSet<UnmaskableField> fields = EnumSet.noneOf(UnmaskableField.class);
    for (String name : fieldNames) {
      fields.add(UnmaskableField.byName(name).orElseThrow(() -> new InvalidUnmaskRequestException("unmask", "unknown-field",
          "unmask names fields to show unmasked, one of " + UnmaskableField.names() + "; was '" + shortened(name) + "'")));
    }
    if (purpose == null || purpose.isEmpty()) {
      throw new InvalidUnmaskRequestException("purpose", "required",
          "unmask needs purpose: the purpose an unmask grant was given for");
    }
    if (!UnmaskGrant.PURPOSE.matcher(purpose).matches()) {
      throw new InvalidUnmaskRequestException("purpose", "pattern",
          "purpose must be lower-case letters, digits and dashes (at most 64), was '" + shortened(purpose) + "'");
    }
    return new UnmaskRequest(fields, purpose);
  }

  public boolean any() {
    return !fields.isEmpty();
  }

  private static String shortened(String value) {
    return value.length() <= 40 ? value : value.substring(0, 40) + "...";
  }
}
