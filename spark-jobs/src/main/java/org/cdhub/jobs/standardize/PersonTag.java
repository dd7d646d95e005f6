package org.cdhub.jobs.standardize;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import org.cdhub.model.contract.FieldFormat;

/**
 * A key-population fact a person feed asserts ({@code maps_to: tag_elderly_alone}): the tag
 * (ELDERLY_ALONE) goes to silver.person's tags when the field holds a value that is not a
 * negative (否, 0, N, false, or a zero amount).
 *
 * @param key the {@code maps_to} value, starting with {@value #PREFIX}
 */
public record PersonTag(String key) implements EntityAttribute, Serializable {
  private static final long serialVersionUID = 1L;
  public static final String PREFIX = "tag_";
  private static final Set<String> NEGATIVES = Set.of("否", "无", "0", "N", "n", "NO", "no", "false", "FALSE");

  public PersonTag {
    requireNonNull(key, "key is null");
    if (!key.startsWith(PREFIX) || key.length() == PREFIX.length()) {
      throw new IllegalArgumentException("Invalid person tag attribute, expected " + PREFIX + "<name>: " + key);
    }
  }

  /** The tag, e.g. ELDERLY_ALONE for {@code tag_elderly_alone}. */
  public String tag() {
    return key.substring(PREFIX.length()).toUpperCase(Locale.ROOT);
  }

  @Override
  public AttributeSpec spec() {
    return AttributeSpec.of(key, EnumSet.of(FieldFormat.CODE, FieldFormat.TEXT, FieldFormat.DECIMAL, FieldFormat.INTEGER));
  }

  /** Whether a field value (contract rules passed) asserts the tag. */
  public boolean assertedBy(String value) {
    if (value == null || value.isBlank()) {
      return false;
    }
    String v = value.strip();
    if (NEGATIVES.contains(v)) {
      return false;
    }
    try {
      return new BigDecimal(v).signum() != 0;
    } catch (NumberFormatException notANumber) {
      return true;
    }
  }
}
