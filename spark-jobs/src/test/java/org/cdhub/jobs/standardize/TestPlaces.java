package org.cdhub.jobs.standardize;

import java.time.Instant;
import java.util.List;
import org.cdhub.model.entity.PlaceType;
import org.cdhub.model.entity.SilverPlace;

/**
 * A small known city for matching tests: community 640106001001 (丽景社区) with compound
 * 丽景湾小区 (XQ001) and its house 3-2-501 (FW0001), and 幸福里小区 (XQ002) in community
 * 640106001002.
 */
final class TestPlaces {
  static final String LIJING = "640106001001";
  static final String XINGFU = "640106001002";
  private static final Instant INGESTED = Instant.parse("2026-11-01T00:00:00Z");

  private TestPlaces() {}

  static SilverPlace compound(String code, String name, String communityCode) {
    return new SilverPlace("housing_compound", code, "b0", PlaceType.COMPOUND, code, name, name, null, null, null, null, null, null,
        null, communityCode, null, null, null, null, null, null, List.of(), 85, INGESTED);
  }

  static SilverPlace house(String code, String compound, String building, String unit, String room, String communityCode, String community) {
    return new SilverPlace("housing_house", code, "b0", PlaceType.HOUSE, code, null, compound, building, unit, room, null, null, null,
        community, communityCode, null, null, null, null, null, null, List.of(), 85, INGESTED);
  }

  static KnownPlaces city() {
    return KnownPlaces.of(List.of(
        compound("XQ001", "丽景湾小区", LIJING),
        house("FW0001", "丽景湾小区", "3", "2", "501", LIJING, "丽景社区"),
        house("FW0002", "丽景湾小区", "3", "1", "501", LIJING, "丽景社区"),
        compound("XQ002", "幸福里", XINGFU)));
  }
}
