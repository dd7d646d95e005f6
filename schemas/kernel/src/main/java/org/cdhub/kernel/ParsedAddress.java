package org.cdhub.kernel;

/**
 * An address split into the place hierarchy. Every part is null when absent (blank becomes
 * null). Parts are canonical: community ends in 社区 or 村, compound in 小区 (or as written
 * for 新村 and similar), building/unit/room are plain numbers or letters ("3", "A", "501").
 *
 * @param district district, county or county-level city (金凤区)
 * @param street street office, town or township (长城中路街道)
 * @param community community or village (丽景社区)
 * @param compound residential compound (丽景湾小区)
 * @param building building number (3)
 * @param unit unit (entrance) number (2)
 * @param room room number (501)
 * @param unparsed text the parser could not place, in order; null when everything was placed
 */
public record ParsedAddress(
    String district,
    String street,
    String community,
    String compound,
    String building,
    String unit,
    String room,
    String unparsed) {

  public ParsedAddress {
    district = blankToNull(district);
    street = blankToNull(street);
    community = blankToNull(community);
    compound = blankToNull(compound);
    building = blankToNull(building);
    unit = blankToNull(unit);
    room = blankToNull(room);
    unparsed = blankToNull(unparsed);
  }

  /** An address with no parts at all. */
  public static ParsedAddress empty() {
    return new ParsedAddress(null, null, null, null, null, null, null, null);
  }

  /**
   * Canonical text: the present parts in hierarchy order with their markers, then any
   * unparsed text, e.g. {@code 金凤区长城中路街道丽景社区丽景湾小区3号楼2单元501室}.
   * Empty when nothing is present.
   */
  public String standardForm() {
    StringBuilder out = new StringBuilder();
    append(out, district, "");
    append(out, street, "");
    append(out, community, "");
    append(out, compound, "");
    append(out, building, "号楼");
    append(out, unit, "单元");
    append(out, room, "室");
    append(out, unparsed, "");
    return out.toString();
  }

  private static void append(StringBuilder out, String part, String marker) {
    if (part != null) {
      out.append(part).append(marker);
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
