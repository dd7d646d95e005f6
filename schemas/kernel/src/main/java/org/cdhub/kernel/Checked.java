package org.cdhub.kernel;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.List;

/**
 * Outcome of checking one raw field value: either a standardized value (with optional notes
 * on what was repaired) or the rule that rejected it. Bad rows are data, not exceptions, so
 * validators return this and callers decide whether to quarantine or throw.
 *
 * <p>A reason never contains a raw ID or phone number: checkers put the masked value in it.
 *
 * @param value the standardized value; non-null exactly when valid
 * @param rule the failed rule code (e.g. {@code ID-CHECKSUM}); null when valid
 * @param reason human-readable reason for the failure; null when valid
 * @param notes repairs applied to a valid value (e.g. {@code ID_UPGRADED_FROM_15}); never null
 */
public record Checked<T>(T value, String rule, String reason, List<String> notes) {

  public Checked {
    notes = notes == null ? List.of() : List.copyOf(notes);
    if (rule == null) {
      requireNonNull(value, "value is null (a valid outcome needs a value)");
      if (reason != null) {
        throw new IllegalArgumentException("A valid outcome has no reason: " + reason);
      }
    } else {
      if (rule.isBlank()) {
        throw new IllegalArgumentException("rule is blank");
      }
      requireNonNull(reason, "reason is null");
      if (value != null) {
        throw new IllegalArgumentException("A rejected outcome has no value (rule " + rule + ")");
      }
    }
  }

  /** A valid outcome carrying {@code value} and any repair notes. */
  public static <T> Checked<T> ok(T value, String... notes) {
    requireNonNull(value, "value is null");
    return new Checked<>(value, null, null, notes == null ? List.of() : Arrays.asList(notes));
  }

  /** A rejected outcome: {@code rule} is a stable code, {@code reason} says why (masked). */
  public static <T> Checked<T> rejected(String rule, String reason) {
    requireNonNull(rule, "rule is null");
    return new Checked<>(null, rule, reason, List.of());
  }

  /** True when no rule failed. */
  public boolean valid() {
    return rule == null;
  }

  /**
   * The value, or an {@link IllegalArgumentException} naming the record, field and rule, e.g.
   * "Cannot standardize field sfzh of record hr-0017: rule ID-CHECKSUM failed: check character
   * should be 5 (value **************1234)".
   */
  public T orElseThrow(String recordId, String field) {
    if (valid()) {
      return value;
    }
    throw new IllegalArgumentException(
        "Cannot standardize field " + field + " of record " + recordId + ": rule " + rule + " failed: " + reason);
  }
}
