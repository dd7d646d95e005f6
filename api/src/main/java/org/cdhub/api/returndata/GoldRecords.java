package org.cdhub.api.returndata;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.data.Record;
import org.cdhub.model.entity.MasterEvent;
import org.cdhub.model.entity.MasterOrganization;
import org.cdhub.model.entity.MasterPlace;
import org.cdhub.model.entity.PlaceType;

/**
 * Rows of gold.place, gold.organization and gold.event as the domain's master records, with the
 * columns their lists serve: provenance stays in the lakehouse (no client role reads it here).
 */
final class GoldRecords {
  static final List<String> PLACE_COLUMNS = List.of("master_id", "place_type", "code", "name", "parent_id", "address",
      "district_code", "community_code", "grid_code", "updated_at");
  static final List<String> ORGANIZATION_COLUMNS = List.of("master_id", "credit_code", "name", "org_type",
      "legal_representative", "address", "place_id", "community_code", "updated_at");
  static final List<String> EVENT_COLUMNS = List.of("master_id", "event_type", "source_event_id", "occurred_at",
      "status", "place_id", "community_code", "description", "person_ids", "updated_at");

  private GoldRecords() {}

  static MasterPlace place(Record row) {
    return new MasterPlace(
        text(row, "master_id"),
        PlaceType.valueOf(text(row, "place_type")),
        text(row, "code"),
        text(row, "name"),
        text(row, "parent_id"),
        text(row, "address"),
        text(row, "district_code"),
        text(row, "community_code"),
        text(row, "grid_code"),
        Map.of(),
        instant(row, "updated_at"));
  }

  static MasterOrganization organization(Record row) {
    return new MasterOrganization(
        text(row, "master_id"),
        text(row, "credit_code"),
        text(row, "name"),
        text(row, "org_type"),
        text(row, "legal_representative"),
        text(row, "address"),
        text(row, "place_id"),
        text(row, "community_code"),
        Map.of(),
        instant(row, "updated_at"));
  }

  @SuppressWarnings("unchecked")
  static MasterEvent event(Record row) {
    Object persons = row.getField("person_ids");
    return new MasterEvent(
        text(row, "master_id"),
        text(row, "event_type"),
        text(row, "source_event_id"),
        instant(row, "occurred_at"),
        text(row, "status"),
        text(row, "place_id"),
        text(row, "community_code"),
        text(row, "description"),
        persons == null ? List.of() : List.copyOf((List<String>) persons),
        Map.of(),
        instant(row, "updated_at"));
  }

  private static String text(Record row, String column) {
    return (String) row.getField(column);
  }

  /** A timestamptz column (the generic reader gives OffsetDateTime); null stays null. */
  static Instant instant(Record row, String column) {
    Object value = row.getField(column);
    if (value == null) {
      return null;
    }
    if (value instanceof OffsetDateTime odt) {
      return odt.toInstant();
    }
    if (value instanceof Instant instant) {
      return instant;
    }
    throw new IllegalStateException("Cannot read column " + column + ": unexpected value type " + value.getClass().getName());
  }
}
