package org.cdhub.catalog.registry;

import static java.util.Objects.requireNonNull;

import org.cdhub.model.schema.Sensitivity;

/**
 * One field of a catalog dataset.
 *
 * @param name column name as engines spell it ({@code id_number})
 * @param type column type as the lakehouse declares it ({@code string}, {@code date}, {@code list<string>})
 * @param description what the field holds, or null when nobody documented it
 * @param sensitivity sensitivity class: personal fields are masked on the way out
 */
public record DatasetField(String name, String type, String description, Sensitivity sensitivity) {
  public DatasetField {
    requireNonNull(name, "name is null");
    requireNonNull(type, "type is null");
    requireNonNull(sensitivity, "sensitivity is null");
    if (name.isBlank()) {
      throw new IllegalArgumentException("Invalid dataset field: name is blank");
    }
  }
}
