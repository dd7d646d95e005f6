package org.cdhub.jobs.standardize;

import static java.util.Objects.requireNonNull;

import java.util.HashMap;
import java.util.Map;
import org.cdhub.jobs.standardize.ContractFieldRules.RowCheck;
import org.cdhub.kernel.AddressParser;
import org.cdhub.kernel.ParsedAddress;

/**
 * Where a record is: its address parsed by the kernel, completed with the feed's own compound
 * field (vendor feeds write "3-2-501" and name the compound apart), and matched to the known
 * places. An address that matches nothing is kept, flagged UNMATCHED.
 */
final class AddressFields {
  static final String NOTE_COMMUNITY_CODE_FROM_PLACE = "COMMUNITY_CODE_FROM_PLACE";
  static final String NOTE_COMPOUND_DIFFERS = "COMPOUND_DIFFERS_FROM_ADDRESS";
  private static final int CACHE_LIMIT = 4096;

  private final KnownPlaces places;
  /** Parsed addresses, least recently used dropped: members of a household arrive together with one address. */
  private final Map<String, ParsedAddress> parsedAddresses = new java.util.LinkedHashMap<>(CACHE_LIMIT * 2, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, ParsedAddress> eldest) {
      return size() > CACHE_LIMIT;
    }
  };
  /** Canonical compound names: feeds repeat a few hundred names over millions of rows. */
  private final Map<String, String> canonicalCompounds = new HashMap<>();

  AddressFields(KnownPlaces places) {
    this.places = requireNonNull(places, "places is null");
  }

  /**
   * @param addressRaw the address as delivered (stripped), or null
   * @param address the parsed address with the compound filled in, or null when neither was given
   * @param match the known place matched, never null
   * @param communityCode the record's community code, else the matched place's
   */
  record Located(String addressRaw, ParsedAddress address, PlaceMatchResult match, String communityCode) {
    String district() {
      return address == null ? null : address.district();
    }

    String street() {
      return address == null ? null : address.street();
    }

    String community() {
      return address == null ? null : address.community();
    }

    String compound() {
      return address == null ? null : address.compound();
    }

    String building() {
      return address == null ? null : address.building();
    }

    String unit() {
      return address == null ? null : address.unit();
    }

    String room() {
      return address == null ? null : address.room();
    }
  }

  /**
   * @param address attribute of the address field
   * @param compound attribute of a separate compound name field, or null
   * @param communityCode attribute of the community code field, or null
   */
  Located locate(RowCheck check, EntityAttribute address, EntityAttribute compound, EntityAttribute communityCode) {
    String raw = check.raw(address);
    ParsedAddress parsed = null;
    if (raw != null) {
      parsed = parsedAddresses.get(raw);
      if (parsed == null) {
        parsed = check.kernel(check.field(address), () -> AddressParser.parse(raw));
        parsedAddresses.put(raw, parsed);
      }
    }
    String compoundName = compound == null ? null : canonicalCompound(check.raw(compound));
    if (compoundName != null) {
      if (parsed == null) {
        parsed = new ParsedAddress(null, null, null, compoundName, null, null, null, null);
      } else if (parsed.compound() == null) {
        parsed = new ParsedAddress(parsed.district(), parsed.street(), parsed.community(), compoundName,
            parsed.building(), parsed.unit(), parsed.room(), parsed.unparsed());
      } else if (!parsed.compound().equals(compoundName)) {
        check.note(NOTE_COMPOUND_DIFFERS);
      }
    }
    String given = communityCode == null ? null : check.stripped(communityCode);
    PlaceMatchResult match = places.match(parsed, given);
    String code = given;
    if (code == null && match.communityCode() != null) {
      code = match.communityCode();
      check.note(NOTE_COMMUNITY_CODE_FROM_PLACE);
    }
    return new Located(raw == null ? null : raw.strip(), parsed, match, code);
  }

  String canonicalCompound(String name) {
    if (name == null || name.isBlank()) {
      return null;
    }
    String canonical = canonicalCompounds.get(name);
    if (canonical == null) {
      canonical = KnownPlaces.canonicalCompound(name);
      if (canonicalCompounds.size() >= CACHE_LIMIT) {
        canonicalCompounds.clear();
      }
      canonicalCompounds.put(name, canonical);
    }
    return canonical;
  }
}
