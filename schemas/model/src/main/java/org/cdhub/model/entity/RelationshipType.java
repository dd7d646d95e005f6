package org.cdhub.model.entity;

import static java.util.Objects.requireNonNull;

/** Typed edges between master records, each with the entity types it may join. */
public enum RelationshipType {
  LIVES_IN(EntityType.PERSON, EntityType.PLACE),
  OWNS(EntityType.PERSON, EntityType.PLACE),
  MEMBER_OF_HOUSEHOLD(EntityType.PERSON, EntityType.PERSON),
  MANAGES(EntityType.ORGANIZATION, EntityType.PLACE),
  LOCATED_AT(EntityType.ORGANIZATION, EntityType.PLACE),
  INSTALLED_AT(EntityType.THING, EntityType.PLACE),
  OCCURRED_AT(EntityType.EVENT, EntityType.PLACE),
  INVOLVES(EntityType.EVENT, EntityType.PERSON),
  PART_OF(EntityType.PLACE, EntityType.PLACE);

  private final EntityType from;
  private final EntityType to;

  RelationshipType(EntityType from, EntityType to) {
    this.from = requireNonNull(from, "from is null");
    this.to = requireNonNull(to, "to is null");
  }

  public EntityType from() {
    return from;
  }

  public EntityType to() {
    return to;
  }
}
