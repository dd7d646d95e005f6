package org.cdhub.jobs.standardize;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.cdhub.model.contract.FieldFormat;
import org.cdhub.model.contract.FieldSpec;
import org.cdhub.model.contract.SourceContract;
import org.cdhub.model.entity.EntityType;
import org.cdhub.model.schema.Sensitivity;

/**
 * What a standardizer needs from one feed's contract, as a small serializable value shipped to
 * executors (contracts themselves hold non-serializable parts such as a Charset).
 *
 * @param feed feed id
 * @param entity the entity the feed describes
 * @param trustRank the feed's trust rank
 * @param fields every contract field, in contract order
 */
public record FeedMapping(String feed, EntityType entity, int trustRank, List<FieldRule> fields) implements Serializable {
  private static final long serialVersionUID = 1L;

  public FeedMapping {
    requireNonNull(feed, "feed is null");
    requireNonNull(entity, "entity is null");
    fields = List.copyOf(requireNonNull(fields, "fields is null"));
    Set<EntityAttribute> seen = new HashSet<>();
    for (FieldRule f : fields) {
      if (f.attribute() == null) {
        continue;
      }
      boolean tag = entity == EntityType.PERSON && f.attribute() instanceof PersonTag;
      if (!tag && !List.of(attributesOf(entity)).contains(f.attribute())) {
        throw new IllegalArgumentException("Cannot standardize feed " + feed + ": field " + f.name() + " maps to "
            + f.attribute().key() + ", which is not an attribute of " + entity);
      }
      if (!seen.add(f.attribute()) && !f.attribute().composable()) {
        throw new IllegalArgumentException("Cannot standardize feed " + feed + ": two fields map to " + f.attribute().key());
      }
    }
    if (seen.contains(PersonAttribute.NAME) && (seen.contains(PersonAttribute.SURNAME) || seen.contains(PersonAttribute.GIVEN_NAME))) {
      // one name per record: either delivered whole or composed from its parts, never both
      throw new IllegalArgumentException("Cannot standardize feed " + feed + ": fields map to name and to surname or given_name;"
          + " map the whole name or its parts");
    }
  }

  /**
   * One contract field and its rules.
   *
   * @param name source field name (the bronze column)
   * @param attribute silver attribute it maps to, or null when kept in bronze only
   * @param format domain format
   * @param pattern date/time patterns for DATE and TIMESTAMP, a regular expression for CODE, else null
   * @param required whether a record without a valid value is quarantined
   * @param maxLength longest accepted value, in characters (code points)
   * @param allowedValues closed value list, empty when open
   * @param sensitivity how the value is masked in quarantine
   */
  public record FieldRule(
      String name,
      EntityAttribute attribute,
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
   * Builds the mapping of a feed, checking that each {@code maps_to} names an attribute of the
   * feed's silver entity with a fitting format.
   *
   * @throws IllegalArgumentException naming feed, field and the problem
   */
  /**
   * This mapping, checked to describe {@code entity}: a standardizer built for another entity's
   * feed is a wiring bug.
   *
   * @param plural what the standardizer makes, for the message (e.g. "events")
   */
  public FeedMapping requireEntity(EntityType expected, String plural) {
    if (entity != expected) {
      throw new IllegalArgumentException("Cannot standardize feed " + feed + " as " + plural + ": its entity is " + entity);
    }
    return this;
  }

  public static FeedMapping of(SourceContract contract) {
    requireNonNull(contract, "contract is null");
    EntityType entity = contract.entity();
    EntityAttribute[] known = attributesOf(entity);
    List<FieldRule> rules = new ArrayList<>();
    for (FieldSpec f : contract.fields()) {
      EntityAttribute attribute = null;
      if (entity == EntityType.PERSON && f.mapsTo() != null && f.mapsTo().startsWith(PersonTag.PREFIX)) {
        attribute = new PersonTag(f.mapsTo());
      }
      if (f.mapsTo() != null && attribute == null) {
        for (EntityAttribute a : known) {
          if (a.answersTo(f.mapsTo())) {
            attribute = a;
            break;
          }
        }
        if (attribute == null) {
          throw new IllegalArgumentException("Cannot standardize feed " + contract.feed() + ": field " + f.name()
              + " maps to '" + f.mapsTo() + "', which silver." + entity.name().toLowerCase(Locale.ROOT)
              + " does not have (known: " + keys(known) + (entity == EntityType.PERSON ? ", " + PersonTag.PREFIX + "<name>" : "") + ")");
        }
      }
      if (attribute != null) {
        if (!attribute.accepts(f.format())) {
          throw new IllegalArgumentException("Cannot standardize feed " + contract.feed() + ": field " + f.name()
              + " maps to " + attribute.key() + " but has format " + lower(f.format())
              + ", expected one of " + attribute.formats().stream().map(FeedMapping::lower).sorted().toList());
        }
      }
      rules.add(new FieldRule(f.name(), attribute, f.format(), f.pattern(), f.required(), f.maxLength(), f.allowedValues(), f.sensitivity()));
    }
    return new FeedMapping(contract.feed(), entity, contract.trustRank(), rules);
  }

  /** The field mapped to {@code attribute}, or null when the feed does not deliver it. */
  public FieldRule field(EntityAttribute attribute) {
    for (FieldRule f : fields) {
      if (attribute.equals(f.attribute())) {
        return f;
      }
    }
    return null;
  }

  /** Whether some field maps to {@code attribute}. */
  public boolean maps(EntityAttribute attribute) {
    return field(attribute) != null;
  }

  /** The attributes silver records of an entity have. */
  public static EntityAttribute[] attributesOf(EntityType entity) {
    return switch (requireNonNull(entity, "entity is null")) {
      case PERSON -> PersonAttribute.values();
      case ORGANIZATION -> OrganizationAttribute.values();
      case PLACE -> PlaceAttribute.values();
      case THING -> ThingAttribute.values();
      case EVENT -> EventAttribute.values();
    };
  }

  private static List<String> keys(EntityAttribute[] attributes) {
    List<String> keys = new ArrayList<>();
    for (EntityAttribute a : attributes) {
      keys.add(a.key());
    }
    return keys;
  }

  private static String lower(FieldFormat format) {
    return format.name().toLowerCase(Locale.ROOT);
  }
}
