package org.cdhub.jobs.standardize;

import org.cdhub.model.entity.EntityType;
import org.cdhub.model.lakehouse.LakehouseTable;

/** PLACEHOLDER until h/entities lands. */
public final class EntityStandardizers {
  private EntityStandardizers() {}

  public static LakehouseTable silverTable(EntityType entity) {
    return switch (entity) {
      case PERSON -> LakehouseTable.SILVER_PERSON;
      case PLACE -> LakehouseTable.SILVER_PLACE;
      case THING -> LakehouseTable.SILVER_THING;
      case EVENT -> LakehouseTable.SILVER_EVENT;
      case ORGANIZATION -> LakehouseTable.SILVER_ORGANIZATION;
    };
  }

  public static RecordStandardizer<? extends Record> create(FeedMapping mapping, KnownPlaces places) {
    if (mapping.person() == null) {
      throw new UnsupportedOperationException("placeholder: " + mapping.entity());
    }
    return new PersonStandardizer(mapping.person());
  }
}
