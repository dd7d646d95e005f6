package org.cdhub.jobs.merge;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cdhub.jobs.resolve.MasterIds;
import org.cdhub.jobs.standardize.KnownPlaces;
import org.cdhub.model.entity.PlaceType;
import org.cdhub.model.entity.SilverPlace;

/**
 * Places resolve by their position in the hierarchy: community code, then compound name
 * (canonical, within the community), building, unit and room. Two records naming the same
 * position are the same place, whatever their feed; the master id derives from the position,
 * so it is stable for as long as the place exists.
 */
public final class PlaceHierarchy {
  static final String PREFIX = "L-";
  private static final char SEP = '\u001f';

  private PlaceHierarchy() {}

  /**
   * Every hierarchy level {@code place} speaks for, its own level marked direct. A record that
   * cannot name its own level (a house without a room, a compound without a readable name) is a
   * record of the deepest level it names; one that names none is a place of its own, so every
   * record has exactly one direct fact and a gold.xref row.
   */
  public static List<PlaceFact> facts(SilverPlace place, Map<String, String> compoundCodes) {
    List<PlaceFact> facts = levels(place, compoundCodes);
    if (facts.stream().anyMatch(PlaceFact::direct)) {
      return facts;
    }
    if (!facts.isEmpty()) {
      PlaceFact deepest = facts.remove(facts.size() - 1);
      facts.add(new PlaceFact(deepest.placeType(), deepest.placeKey(), deepest.parentKey(), deepest.code(), deepest.name(), deepest.address(),
          deepest.communityCode(), deepest.gridCode(), true, deepest.sourceSystem(), deepest.sourceRecordId(), deepest.trustRank(), deepest.ingestedAt(),
          deepest.completeness()));
      return facts;
    }
    String key = "RECORD" + SEP + place.sourceSystem() + SEP + place.sourceRecordId();
    facts.add(fact(place, place.placeType(), key, null, blankToNull(place.code()), place.name(), place.addressRaw(), null, true,
        AttributeVotes.completeness(place)));
    return facts;
  }

  private static List<PlaceFact> levels(SilverPlace place, Map<String, String> compoundCodes) {
    requireNonNull(place, "place is null");
    String cc = blankToNull(place.communityCode());
    String compoundName = KnownPlaces.canonicalCompound(place.compound() != null ? place.compound()
        : place.placeType() == PlaceType.COMPOUND ? place.name() : null);
    double completeness = AttributeVotes.completeness(place);
    List<PlaceFact> facts = new ArrayList<>();
    String communityKey = cc == null ? null : communityKey(cc);
    if (communityKey != null) {
      facts.add(fact(place, PlaceType.COMMUNITY, communityKey, null, cc, place.community(), null, cc, false, completeness));
    }
    if (compoundName == null) {
      return facts;
    }
    String compoundKey = compoundKey(cc, compoundName);
    boolean isCompound = place.placeType() == PlaceType.COMPOUND;
    facts.add(fact(place, PlaceType.COMPOUND, compoundKey, communityKey, isCompound ? blankToNull(place.code()) : null, compoundName,
        isCompound ? blankToNull(place.addressRaw()) : null, cc, isCompound, completeness));
    if (place.placeType() != PlaceType.HOUSE || place.building() == null) {
      return facts;
    }
    String buildingKey = compoundKey + SEP + "B" + place.building();
    String compoundCode = compoundCodes.get(compoundKey);
    String buildingName = compoundName + buildingLabel(place.building());
    facts.add(fact(place, PlaceType.BUILDING, buildingKey, compoundKey, compoundCode == null ? null : compoundCode + "-" + place.building(),
        buildingName, buildingName, cc, false, completeness));
    if (place.room() == null) {
      return facts;
    }
    String houseKey = buildingKey + SEP + "U" + nullToEmpty(place.unit()) + SEP + "R" + place.room();
    facts.add(fact(place, PlaceType.HOUSE, houseKey, buildingKey, blankToNull(place.code()), place.name(), place.name(), cc, true, completeness));
    return facts;
  }

  /** Natural key of a compound record's compound, for the code lookup house records need. */
  public static String compoundKeyOf(SilverPlace compound) {
    String name = KnownPlaces.canonicalCompound(compound.name());
    return name == null ? null : compoundKey(blankToNull(compound.communityCode()), name);
  }

  /** The 6-digit county/district code a 12-digit statistical division code starts with; null for anything shorter. */
  public static String districtOf(String communityCode) {
    return communityCode != null && communityCode.length() >= 6 ? communityCode.substring(0, 6) : null;
  }

  /** The master id of the place with this natural key. */
  public static String masterId(String placeKey) {
    return MasterIds.ofNaturalKey(PREFIX, placeKey);
  }

  static String communityKey(String communityCode) {
    return PlaceType.COMMUNITY.name() + SEP + communityCode;
  }

  static String compoundKey(String communityCode, String compoundName) {
    return PlaceType.COMPOUND.name() + SEP + nullToEmpty(communityCode) + SEP + compoundName;
  }

  /** {@code 3} reads {@code 3号楼}; a building that is not a number (A座) keeps its own name. */
  static String buildingLabel(String building) {
    return building.chars().allMatch(Character::isDigit) ? building + "号楼" : building;
  }

  private static PlaceFact fact(SilverPlace p, PlaceType type, String key, String parentKey, String code, String name, String address,
      String communityCode, boolean direct, double completeness) {
    return new PlaceFact(type.name(), key, parentKey, code, name, address, communityCode, blankToNull(p.gridCode()), direct,
        p.sourceSystem(), p.sourceRecordId(), p.trustRank(), p.ingestedAt(), completeness);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
