package org.cdhub.catalog.grant;

import java.util.Arrays;
import java.util.Optional;

/**
 * The personal fields of a served person that an unmask grant can open: the ones the API
 * otherwise masks (gold.person's {@code @Sensitive} fields that are served at all). The API
 * checks at startup that it can unmask each one.
 */
public enum UnmaskableField {
  ID_NUMBER("idNumber"),
  NAME("name"),
  PHONE("phone"),
  ADDRESS("address");

  private final String fieldName;

  UnmaskableField(String fieldName) {
    this.fieldName = fieldName;
  }

  /** The field's name in the API's person, in grants and in requests, e.g. {@code idNumber}. */
  public String fieldName() {
    return fieldName;
  }

  /** The field of this name, if it is one. */
  public static Optional<UnmaskableField> byName(String fieldName) {
    return Arrays.stream(values()).filter(f -> f.fieldName.equals(fieldName)).findFirst();
  }

  /** Every field name, in declaration order, comma-separated: for messages. */
  public static String names() {
    return String.join(",", Arrays.stream(values()).map(UnmaskableField::fieldName).toList());
  }
}
