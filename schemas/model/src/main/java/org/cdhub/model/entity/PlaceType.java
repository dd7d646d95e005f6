package org.cdhub.model.entity;

/** Levels of the place hierarchy, outermost first: district > ... > house. */
public enum PlaceType {
  DISTRICT,
  STREET,
  COMMUNITY,
  GRID,
  COMPOUND,
  BUILDING,
  UNIT,
  HOUSE
}
