package org.cdhub.jobs.standardize;

import static java.util.Objects.requireNonNull;

import org.cdhub.model.entity.EntityType;
import org.cdhub.model.lakehouse.LakehouseTable;

/** The silver table and the standardizer of each entity: the one place that maps an entity to both. */
public final class EntityStandardizers {
  private EntityStandardizers() {}

  /** The silver table records of {@code entity} go to. */
  public static LakehouseTable silverTable(EntityType entity) {
    return LakehouseTable.silver(entity);
  }

  /**
   * The standardizer of the feed's entity. Plain Java and not serializable: build it on the
   * executors, once per partition, from the (serializable) mapping and known places.
   *
   * @param places known places for address matching; {@link KnownPlaces#NONE} when there are none yet
   */
  public static RecordStandardizer<? extends Record> create(FeedMapping mapping, KnownPlaces places) {
    requireNonNull(mapping, "mapping is null");
    requireNonNull(places, "places is null");
    return switch (mapping.entity()) {
      case PERSON -> new PersonStandardizer(mapping, places);
      case PLACE -> new PlaceStandardizer(mapping, places);
      case THING -> new ThingStandardizer(mapping, places);
      case EVENT -> new EventStandardizer(mapping, places);
      case ORGANIZATION -> new OrganizationStandardizer(mapping, places);
    };
  }
}
