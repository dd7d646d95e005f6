package org.cdhub.jobs.standardize;

import java.util.EnumSet;
import java.util.Set;
import org.cdhub.model.contract.FieldFormat;

/** The silver.event attributes a contract field can map to ({@code maps_to}). Vendor feeds map the person involved as {@code name}, {@code id_number} and {@code phone}: accepted as aliases. */
public enum EventAttribute implements EntityAttribute {
  SOURCE_EVENT_ID("source_event_id", EnumSet.of(FieldFormat.CODE)),
  EVENT_TYPE("event_type", EnumSet.of(FieldFormat.CODE, FieldFormat.TEXT)),
  STATUS("status", EnumSet.of(FieldFormat.CODE, FieldFormat.TEXT)),
  DESCRIPTION("description", EnumSet.of(FieldFormat.TEXT)),
  /** A local timestamp with patterns, or epoch milliseconds (INTEGER). */
  OCCURRED_AT("occurred_at", EnumSet.of(FieldFormat.TIMESTAMP, FieldFormat.INTEGER)),
  DEVICE_IDENTIFIER("device_identifier", EnumSet.of(FieldFormat.CODE)),
  COMPOUND("compound", EnumSet.of(FieldFormat.TEXT)),
  ADDRESS("address", EnumSet.of(FieldFormat.ADDRESS, FieldFormat.TEXT)),
  COMMUNITY_CODE("community_code", EnumSet.of(FieldFormat.CODE)),
  GRID_CODE("grid_code", EnumSet.of(FieldFormat.CODE)),
  INVOLVED_NAME("involved_name", EnumSet.of(FieldFormat.CHINESE_NAME, FieldFormat.TEXT), "name"),
  INVOLVED_ID_NUMBER("involved_id_number", EnumSet.of(FieldFormat.CITIZEN_ID), "id_number"),
  INVOLVED_PHONE("involved_phone", EnumSet.of(FieldFormat.MOBILE), "phone");

  private final String key;
  private final Set<FieldFormat> formats;
  private final Set<String> aliases;

  EventAttribute(String key, Set<FieldFormat> formats, String... aliases) {
    this.key = key;
    this.formats = formats;
    this.aliases = Set.of(aliases);
  }

  @Override
  public String key() {
    return key;
  }

  @Override
  public Set<String> aliases() {
    return aliases;
  }

  @Override
  public Set<FieldFormat> formats() {
    return formats;
  }

  @Override
  public boolean strict() {
    return this == INVOLVED_ID_NUMBER;
  }
}
