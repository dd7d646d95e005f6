package org.cdhub.jobs.standardize;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.cdhub.model.contract.FieldFormat;
import org.cdhub.model.contract.FieldSpec;
import org.cdhub.model.contract.SourceContract;
import org.cdhub.model.entity.EntityType;
import org.cdhub.model.schema.Sensitivity;

/**
 * What the standardizer needs from one person feed's contract, as a small serializable value
 * shipped to executors (contracts themselves hold non-serializable parts such as a Charset).
 *
 * @param feed feed id
 * @param trustRank the feed's trust rank
 * @param fields every contract field, in contract order
 */
public record PersonFieldMapping(String feed, int trustRank, List<FieldRule> fields) implements Serializable {
  private static final long serialVersionUID = 1L;

  public PersonFieldMapping {
    requireNonNull(feed, "feed is null");
    fields = List.copyOf(requireNonNull(fields, "fields is null"));
    Set<PersonAttribute> seen = EnumSet.noneOf(PersonAttribute.class);
    for (FieldRule f : fields) {
      if (f.attribute() != null && !seen.add(f.attribute())) {
        throw new IllegalArgumentException("Cannot standardize feed " + feed + ": two fields map to " + f.attribute().key());
      }
    }
  }

  /**
   * One contract field and its rules.
   *
   * @param name source field name (the bronze column)
   * @param attribute silver attribute it maps to, or null when kept in bronze only
   * @param format domain format
   * @param pattern date patterns for DATE, a regular expression for CODE, else null
   * @param required whether a record without a valid value is quarantined
   * @param maxLength longest accepted value, in characters
   * @param allowedValues closed value list, empty when open
   * @param sensitivity how the value is masked in quarantine
   */
  public record FieldRule(
      String name,
      PersonAttribute attribute,
      FieldFormat format,
      String pattern,
      boolean required,
      int maxLength,
      List<String> allowedValues,
      Sensitivity sensitivity) implements Serializable {
    private static final long serialVersionUID = 1L;

    public FieldRule {
      requireNonNull(name, "name is null");
      requireNonNull(format, "format is null");
      requireNonNull(sensitivity, "sensitivity is null");
      allowedValues = List.copyOf(requireNonNull(allowedValues, "allowedValues is null"));
    }
  }

  /**
   * Builds the mapping of a person feed, checking that each {@code maps_to} names a
   * silver.person attribute with a fitting format.
   *
   * @throws IllegalArgumentException naming feed, field and the problem
   */
  public static PersonFieldMapping of(SourceContract contract) {
    requireNonNull(contract, "contract is null");
    if (contract.entity() != EntityType.PERSON) {
      throw new IllegalArgumentException("Cannot standardize feed " + contract.feed() + " as persons: its entity is " + contract.entity());
    }
    List<FieldRule> rules = new ArrayList<>();
    for (FieldSpec f : contract.fields()) {
      PersonAttribute attribute = null;
      if (f.mapsTo() != null) {
        attribute = PersonAttribute.forKey(f.mapsTo());
        if (attribute == null) {
          throw new IllegalArgumentException("Cannot standardize feed " + contract.feed() + ": field " + f.name()
              + " maps to '" + f.mapsTo() + "', which silver.person does not have (known: " + knownKeys() + ")");
        }
        if (!attribute.accepts(f.format())) {
          throw new IllegalArgumentException("Cannot standardize feed " + contract.feed() + ": field " + f.name()
              + " maps to " + attribute.key() + " but has format " + f.format().name().toLowerCase(Locale.ROOT)
              + ", expected one of " + attribute.formats().stream().map(x -> x.name().toLowerCase(Locale.ROOT)).toList());
        }
      }
      rules.add(new FieldRule(f.name(), attribute, f.format(), f.pattern(), f.required(), f.maxLength(), f.allowedValues(), f.sensitivity()));
    }
    return new PersonFieldMapping(contract.feed(), contract.trustRank(), rules);
  }

  private static List<String> knownKeys() {
    List<String> keys = new ArrayList<>();
    for (PersonAttribute a : PersonAttribute.values()) {
      keys.add(a.key());
    }
    return keys;
  }
}
