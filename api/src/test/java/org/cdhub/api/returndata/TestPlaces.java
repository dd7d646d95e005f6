package org.cdhub.api.returndata;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.catalog.Catalog;
import org.cdhub.model.lakehouse.LakehouseTable;

/**
 * Made-up gold.place, gold.organization and gold.event rows of one community, shaped as the
 * merge job writes them, for the houses {@link TestPersons} puts persons in ({@code H-<community>-<n>},
 * n below 50). The hierarchy: community, compounds C1 (grid {@code <community>01}) and C2 (grid
 * {@code <community>02}), buildings B1 and B2 in C1 and B3 in C2, and house n in building
 * B{@code (n % 3) + 1}. No real personal data.
 */
public final class TestPlaces {
  public static final Instant UPDATED = Instant.parse("2026-11-01T08:00:00Z");
  public static final int HOUSES = 50;
  /** Events start at this instant, one per hour. */
  public static final Instant FIRST_EVENT = Instant.parse("2026-10-01T00:00:00Z");

  private TestPlaces() {}

  public static String compound(String community, int n) {
    return "L-" + community + "-C" + n;
  }

  public static String building(String community, int n) {
    return "L-" + community + "-B" + n;
  }

  public static String house(String community, int n) {
    return "H-" + community + "-" + n;
  }

  /** The building house n lies in. */
  public static String buildingOf(String community, int house) {
    return building(community, house % 3 + 1);
  }

  /** The standard address of house n (what a house's name and address hold). */
  public static String houseAddress(int house) {
    return "金凤区长城中路街道丽景社区丽景湾小区" + (house % 3 + 1) + "号楼" + (1 + house % 4) + "单元" + (101 + house) + "室";
  }

  /**
   * Publishes gold.place, gold.organization ({@code organizations} each) and gold.event
   * ({@code events} each) of the communities, one commit per table.
   */
  public static void publish(Catalog catalog, int organizations, int events, String... communities) {
    List<Map<String, Object>> places = new ArrayList<>();
    List<Map<String, Object>> orgs = new ArrayList<>();
    List<Map<String, Object>> happened = new ArrayList<>();
    for (String community : communities) {
      places.addAll(places(community));
      orgs.addAll(organizations(community, organizations));
      happened.addAll(events(community, events));
    }
    GoldTableRows.append(catalog, LakehouseTable.GOLD_PLACE, places);
    GoldTableRows.append(catalog, LakehouseTable.GOLD_ORGANIZATION, orgs);
    GoldTableRows.append(catalog, LakehouseTable.GOLD_EVENT, happened);
  }

  public static List<Map<String, Object>> places(String community) {
    List<Map<String, Object>> rows = new ArrayList<>();
    rows.add(place("L-" + community + "-COMM", "COMMUNITY", community, "丽景社区", null, null, community, null));
    rows.add(place(compound(community, 1), "COMPOUND", "XQ-1", "丽景湾小区", "L-" + community + "-COMM",
        "金凤区长城中路街道丽景社区丽景湾小区", community, community + "01"));
    rows.add(place(compound(community, 2), "COMPOUND", "XQ-2", "金凤苑小区", "L-" + community + "-COMM",
        "金凤区长城中路街道丽景社区金凤苑小区", community, community + "02"));
    for (int b = 1; b <= 3; b++) {
      String name = (b < 3 ? "丽景湾小区" : "金凤苑小区") + b + "号楼";
      rows.add(place(building(community, b), "BUILDING", null, name, compound(community, b < 3 ? 1 : 2), name, community,
          null));
    }
    for (int n = 0; n < HOUSES; n++) {
      rows.add(place(house(community, n), "HOUSE", "FW-" + n, houseAddress(n), buildingOf(community, n), houseAddress(n),
          community, null));
    }
    return rows;
  }

  /** Organization n (1..count) sits in compound 1 when n is odd, in building 3 (compound 2) when even. */
  public static List<Map<String, Object>> organizations(String community, int count) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int n = 1; n <= count; n++) {
      Map<String, Object> row = common("O-" + community + "-" + n, community);
      row.put("credit_code", "91640100MA7" + String.format("%07d", n));
      row.put("name", "丽景物业服务有限公司" + n);
      row.put("org_type", n % 2 == 1 ? "PROPERTY_COMPANY" : "ENTERPRISE");
      row.put("legal_representative", "欧阳秀英");
      row.put("address", "金凤区长城中路" + n + "号");
      row.put("place_id", n % 2 == 1 ? compound(community, 1) : building(community, 3));
      rows.add(row);
    }
    return rows;
  }

  /**
   * Event n (1..count) happened {@code n - 1} hours after {@link #FIRST_EVENT} in house n, involving
   * the person {@code P-<community>-<n>}; its description quotes a mobile number.
   */
  public static List<Map<String, Object>> events(String community, int count) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int n = 1; n <= count; n++) {
      Map<String, Object> row = common(String.format("E-%s-%03d", community, n), community);
      row.put("event_type", "GRID_INCIDENT");
      row.put("source_event_id", "WG-" + n);
      row.put("occurred_at", FIRST_EVENT.plus(Duration.ofHours(n - 1)));
      row.put("status", "REPORTED");
      row.put("place_id", house(community, n % HOUSES));
      row.put("description", "楼道堆放杂物，住户电话13912345678");
      row.put("person_ids", List.of(String.format("P-%s-%05d", community, n)));
      rows.add(row);
    }
    return rows;
  }

  private static Map<String, Object> place(String id, String type, String code, String name, String parent,
      String address, String community, String grid) {
    Map<String, Object> row = common(id, community);
    row.put("place_type", type);
    putIfPresent(row, "code", code);
    putIfPresent(row, "name", name);
    putIfPresent(row, "parent_id", parent);
    putIfPresent(row, "address", address);
    row.put("district_code", community.substring(0, 6));
    putIfPresent(row, "grid_code", grid);
    return row;
  }

  private static Map<String, Object> common(String id, String community) {
    Map<String, Object> row = new HashMap<>();
    row.put("master_id", id);
    row.put("community_code", community);
    row.put("updated_at", UPDATED);
    return row;
  }

  private static void putIfPresent(Map<String, Object> row, String column, Object value) {
    if (value != null) {
      row.put(column, value);
    }
  }
}
