package org.cdhub.jobs.standardize;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.cdhub.kernel.AddressParser;
import org.cdhub.kernel.ParsedAddress;
import org.cdhub.model.entity.PlaceMatch;
import org.cdhub.model.entity.PlaceType;
import org.cdhub.model.entity.SilverPlace;

/**
 * The communities, compounds, buildings and houses the hub knows from the housing feeds, for
 * matching addresses of other records to them. Immutable and serializable, so a job can
 * broadcast it; every lookup is a hash lookup.
 *
 * <p>Compound names are compared in canonical form ({@code 丽景湾} and {@code 丽景湾小区} are one
 * compound). Within a community code a compound name is looked up directly; without one, only a
 * name that is unique in the city matches.
 */
public final class KnownPlaces implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final char SEP = '\u0001';

  /** Knows no place: every address is {@link PlaceMatch#UNMATCHED}. */
  public static final KnownPlaces NONE = new KnownPlaces();

  /** A compound: its lookup key, code (null when only its houses are known) and community code. */
  private record Compound(String key, String code, String communityCode) implements Serializable {
    private static final long serialVersionUID = 1L;

    boolean ambiguous() {
      return key == null;
    }
  }

  private static final Compound AMBIGUOUS = new Compound(null, null, null);

  private final Map<String, Compound> compoundsInCommunity = new HashMap<>();
  private final Map<String, Compound> compoundsByName = new HashMap<>();
  private final Set<String> buildings = new HashSet<>();
  private final Map<String, String> houses = new HashMap<>();
  private final Set<String> communityCodes = new HashSet<>();
  /** Community name to code; null value when two codes share the name. */
  private final Map<String, String> communityCodesByName = new HashMap<>();

  private KnownPlaces() {}

  /**
   * Indexes compounds and houses (other place types are ignored). A house whose compound has
   * no compound record still matches as a house, but not as a building or compound.
   */
  /** Known houses and compounds (for progress lines). */
  public int size() {
    return houses.size() + compoundsByName.size();
  }

  public static KnownPlaces of(Iterable<SilverPlace> places) {
    requireNonNull(places, "places is null");
    KnownPlaces k = new KnownPlaces();
    for (SilverPlace p : places) {
      k.community(p.communityCode(), p.community());
      String name = canonicalCompound(p.compound() != null ? p.compound() : p.placeType() == PlaceType.COMPOUND ? p.name() : null);
      if (p.placeType() == PlaceType.COMPOUND && name != null && p.code() != null) {
        k.register(new Compound(key(p.communityCode(), name), p.code().strip(), blankToNull(p.communityCode())), name);
      }
    }
    for (SilverPlace p : places) {
      String name = canonicalCompound(p.compound());
      if (p.placeType() != PlaceType.HOUSE || name == null || p.building() == null) {
        continue;
      }
      Compound c = k.compound(name, blankToNull(p.communityCode()));
      if (c == null || c.ambiguous()) {
        c = new Compound(key(p.communityCode(), name), null, blankToNull(p.communityCode()));
        k.register(c, name);
      }
      k.buildings.add(c.key() + SEP + p.building());
      if (p.code() != null && p.room() != null) {
        k.houses.put(houseKey(c, p.building(), p.unit(), p.room()), p.code().strip());
      }
    }
    return k;
  }

  /**
   * The most specific known place of an address: HOUSE (compound, building, unit and room),
   * BUILDING, COMPOUND, COMMUNITY (the given community code, the matched compound's, or the
   * address's community name), else UNMATCHED. Never null.
   *
   * @param address the parsed address, its compound canonical as {@link AddressParser} makes it
   * @param communityCode the record's own community code, or null
   */
  public PlaceMatchResult match(ParsedAddress address, String communityCode) {
    String given = blankToNull(communityCode);
    String community = given != null && communityCodes.contains(given) ? given : null;
    if (address == null) {
      return community == null ? PlaceMatchResult.UNMATCHED : new PlaceMatchResult(community, PlaceMatch.COMMUNITY, community);
    }
    if (community == null && address.community() != null) {
      community = communityCodesByName.get(address.community());
    }
    if (address.compound() != null) {
      Compound c = compound(address.compound(), community);
      if (c != null && !c.ambiguous()) {
        String inCommunity = c.communityCode() != null ? c.communityCode() : community;
        String building = address.building();
        if (building != null && buildings.contains(c.key() + SEP + building)) {
          if (address.room() != null) {
            String house = houses.get(houseKey(c, building, address.unit(), address.room()));
            if (house != null) {
              return new PlaceMatchResult(house, PlaceMatch.HOUSE, inCommunity);
            }
          }
          if (c.code() != null) {
            return new PlaceMatchResult(c.code() + "-" + building, PlaceMatch.BUILDING, inCommunity);
          }
        }
        if (c.code() != null) {
          return new PlaceMatchResult(c.code(), PlaceMatch.COMPOUND, inCommunity);
        }
        if (community == null) {
          community = c.communityCode();
        }
      }
    }
    return community == null ? PlaceMatchResult.UNMATCHED : new PlaceMatchResult(community, PlaceMatch.COMMUNITY, community);
  }

  /** Number of compounds, buildings and houses known, for progress messages. */
  @Override
  public String toString() {
    return "KnownPlaces[communities=" + communityCodes.size() + ", compounds=" + compoundsInCommunity.size()
        + ", buildings=" + buildings.size() + ", houses=" + houses.size() + "]";
  }

  /**
   * A compound name in the canonical form {@link AddressParser} gives it ({@code 丽景湾} ->
   * {@code 丽景湾小区}, full width folded, traditional simplified); null for blank names, the
   * stripped name when the parser cannot read it as a compound.
   */
  public static String canonicalCompound(String name) {
    if (name == null || name.isBlank()) {
      return null;
    }
    ParsedAddress alone = AddressParser.parse(name);
    if (alone.compound() != null && alone.unparsed() == null && alone.building() == null) {
      return alone.compound();
    }
    // a name without a compound suffix ("幸福里二期") is still a compound name
    ParsedAddress marked = AddressParser.parse(name.strip() + "小区");
    if (marked.compound() != null && marked.unparsed() == null && marked.building() == null) {
      return marked.compound();
    }
    return name.strip();
  }

  private void register(Compound c, String name) {
    if (c.communityCode() != null) {
      compoundsInCommunity.putIfAbsent(c.communityCode() + SEP + name, c);
    }
    Compound before = compoundsByName.putIfAbsent(name, c);
    if (before != null && !before.equals(c) && !c.key().equals(before.key())) {
      compoundsByName.put(name, AMBIGUOUS);
    }
  }

  private Compound compound(String name, String communityCode) {
    if (communityCode != null) {
      Compound c = compoundsInCommunity.get(communityCode + SEP + name);
      if (c != null || communityCodes.contains(communityCode)) {
        return c;
      }
    }
    return compoundsByName.get(name);
  }

  private void community(String code, String name) {
    code = blankToNull(code);
    if (code == null) {
      return;
    }
    communityCodes.add(code);
    if (name != null) {
      String before = communityCodesByName.putIfAbsent(name, code);
      if (before != null && !before.equals(code)) {
        communityCodesByName.put(name, null);
      }
    }
  }

  private static String key(String communityCode, String name) {
    String cc = blankToNull(communityCode);
    return (cc == null ? "" : cc) + SEP + name;
  }

  private static String houseKey(Compound c, String building, String unit, String room) {
    return c.key() + SEP + building + SEP + (unit == null ? "" : unit) + SEP + room;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
