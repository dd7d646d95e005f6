package org.cdhub.model.entity;

/** The five master entities: 人、地、事、物、组织. */
public enum EntityType {
  PERSON,
  PLACE,
  THING,
  EVENT,
  ORGANIZATION
}
