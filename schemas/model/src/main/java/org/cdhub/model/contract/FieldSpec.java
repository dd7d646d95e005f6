package org.cdhub.model.contract;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.cdhub.model.schema.Sensitivity;

/**
 * One field of a feed as delivered, and what it means.
 *
 * @param name field name in the source
 * @param mapsTo master attribute it feeds (e.g. {@code id_number}), or null if kept raw only
 * @param format domain format, choosing the standardizer and its checks
 * @param pattern date/time pattern(s) for DATE and TIMESTAMP, '|' separated; or a regex for CODE
 * @param required whether a record without it is rejected
 * @param maxLength longest accepted value, in characters
 * @param allowedValues closed value list, empty when open
 * @param sensitivity sensitivity class of the value
 * @param description what the field holds, for the catalog
 * @param trustRank trust of this attribute (0-100) when it differs from the feed's
 */
public record FieldSpec(
    String name,
    String mapsTo,
    FieldFormat format,
    String pattern,
    boolean required,
    int maxLength,
    List<String> allowedValues,
    Sensitivity sensitivity,
    String description,
    Integer trustRank) {
  public FieldSpec {
    requireNonNull(name, "name is null");
    requireNonNull(format, "format is null");
    requireNonNull(sensitivity, "sensitivity is null");
    allowedValues = allowedValues == null ? List.of() : List.copyOf(allowedValues);
    if (maxLength <= 0) {
      throw new IllegalArgumentException("Invalid max_length of field " + name + ": " + maxLength);
    }
    if (trustRank != null && (trustRank < 0 || trustRank > 100)) {
      throw new IllegalArgumentException("Invalid trust_rank of field " + name + ", expected 0-100: " + trustRank);
    }
  }
}
