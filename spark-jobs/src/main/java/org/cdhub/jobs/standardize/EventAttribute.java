package org.cdhub.jobs.standardize;

import java.util.EnumSet;
import org.cdhub.model.contract.FieldFormat;

/** The silver.event attributes a contract field can map to ({@code maps_to}). Vendor feeds map the person involved as {@code name}, {@code id_number} and {@code phone}: accepted as aliases. */
public enum EventAttribute implements EntityAttribute {
  SOURCE_EVENT_ID(AttributeSpec.of("source_event_id", EnumSet.of(FieldFormat.CODE))),
  EVENT_TYPE(AttributeSpec.of("event_type", EnumSet.of(FieldFormat.CODE, FieldFormat.TEXT))),
  STATUS(AttributeSpec.of("status", EnumSet.of(FieldFormat.CODE, FieldFormat.TEXT))),
  DESCRIPTION(AttributeSpec.of("description", EnumSet.of(FieldFormat.TEXT))),
  /** A local timestamp with patterns, or epoch milliseconds (INTEGER). */
  OCCURRED_AT(AttributeSpec.of("occurred_at", EnumSet.of(FieldFormat.TIMESTAMP, FieldFormat.INTEGER))),
  DEVICE_IDENTIFIER(AttributeSpec.of("device_identifier", EnumSet.of(FieldFormat.CODE))),
  COMPOUND(AttributeSpec.of("compound", EnumSet.of(FieldFormat.TEXT))),
  ADDRESS(AttributeSpec.of("address", EnumSet.of(FieldFormat.ADDRESS, FieldFormat.TEXT))),
  COMMUNITY_CODE(AttributeSpec.of("community_code", EnumSet.of(FieldFormat.CODE))),
  GRID_CODE(AttributeSpec.of("grid_code", EnumSet.of(FieldFormat.CODE))),
  INVOLVED_NAME(AttributeSpec.of("involved_name", EnumSet.of(FieldFormat.CHINESE_NAME, FieldFormat.TEXT), "name")),
  INVOLVED_ID_NUMBER(AttributeSpec.identity("involved_id_number", EnumSet.of(FieldFormat.CITIZEN_ID), "id_number")),
  INVOLVED_PHONE(AttributeSpec.of("involved_phone", EnumSet.of(FieldFormat.MOBILE), "phone"));

  private final AttributeSpec spec;

  EventAttribute(AttributeSpec spec) {
    this.spec = spec;
  }

  @Override
  public AttributeSpec spec() {
    return spec;
  }
}
