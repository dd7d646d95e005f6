package org.cdhub.jobs.standardize;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Objects;
import org.cdhub.jobs.standardize.ContractFieldRules.RowCheck;
import org.cdhub.jobs.standardize.FeedMapping.FieldRule;
import org.cdhub.kernel.AddressParser;
import org.cdhub.kernel.Checked;
import org.cdhub.kernel.CitizenIdNumber;
import org.cdhub.kernel.CreditCode;
import org.cdhub.kernel.MobileNumber;
import org.cdhub.kernel.ParsedAddress;
import org.cdhub.kernel.PersonName;
import org.cdhub.model.entity.EntityType;
import org.cdhub.model.entity.PlaceType;
import org.cdhub.model.entity.SilverPlace;

/**
 * Bronze rows of a place feed (compounds, houses) to silver.place. A feed that maps a building
 * or room describes houses, otherwise compounds. Compound names are canonical as the address
 * parser makes them (丽景湾 -> 丽景湾小区); building, unit and room are plain numbers (3号楼,
 * 3栋 and 3 are all "3"), taken from their own columns, else from the address.
 *
 * <p>The owner's identifier is a citizen ID number or, for a company owner, a credit code: the
 * feed's ID-kind field (the one whose allowed values name both kinds) says which. A present
 * identifier that is invalid rejects the row; it is never guessed around.
 */
public final class PlaceStandardizer implements RecordStandardizer<SilverPlace> {
  static final String KIND_CITIZEN_ID = "身份证";
  static final String KIND_CREDIT_CODE = "统一社会信用代码";
  static final String RULE_BUILDING_FORMAT = "BUILDING-FORMAT";
  static final String RULE_UNIT_FORMAT = "UNIT-FORMAT";
  static final String RULE_ROOM_FORMAT = "ROOM-FORMAT";
  static final String RULE_GRID_IN_COMMUNITY = "GRID-IN-COMMUNITY";
  static final String NOTE_OWNER_ID_KIND_INFERRED = "OWNER_ID_KIND_INFERRED";
  static final String NOTE_ADDRESS_DIFFERS = "ADDRESS_DIFFERS_FROM_COLUMNS";

  private final FeedMapping mapping;
  private final ContractFieldRules rules;
  private final AddressFields addresses;
  private final PlaceType placeType;
  /** The field naming the kind of the owner's identifier, or null. */
  private final String ownerIdKindField;

  public PlaceStandardizer(FeedMapping mapping, KnownPlaces places) {
    this.mapping = requireNonNull(mapping, "mapping is null").requireEntity(EntityType.PLACE, "places");
    this.rules = new ContractFieldRules(mapping);
    this.addresses = new AddressFields(places);
    this.placeType = mapping.maps(PlaceAttribute.ROOM) || mapping.maps(PlaceAttribute.BUILDING) ? PlaceType.HOUSE : PlaceType.COMPOUND;
    String kindField = null;
    for (FieldRule f : mapping.fields()) {
      if (f.attribute() == null && f.allowedValues().contains(KIND_CITIZEN_ID) && f.allowedValues().contains(KIND_CREDIT_CODE)) {
        kindField = f.name();
      }
    }
    this.ownerIdKindField = kindField;
  }

  public PlaceType placeType() {
    return placeType;
  }

  @Override
  public StandardizeOutcome<SilverPlace> standardize(BronzeRecord row, Instant now) {
    requireNonNull(row, "row is null");
    RowCheck check = rules.check(row);
    String code = check.stripped(PlaceAttribute.CODE);
    String name = check.accept(PlaceAttribute.NAME, TextValues::properName);
    CreditCode managerCode = check.accept(PlaceAttribute.MANAGER_CREDIT_CODE, CreditCode::check);
    String managerName = check.accept(PlaceAttribute.MANAGER_NAME, TextValues::properName);
    String ownerKind = ownerIdKind(check);
    String ownerId = check.accept(PlaceAttribute.OWNER_ID_NUMBER, raw -> ownerId(raw, ownerKind, check));
    boolean companyOwner = KIND_CREDIT_CODE.equals(ownerKind) || check.notes().contains(NOTE_OWNER_ID_KIND_INFERRED);
    String ownerName = check.accept(PlaceAttribute.OWNER_NAME,
        raw -> companyOwner ? TextValues.properName(raw) : map(PersonName.check(raw), PersonName::value));
    MobileNumber ownerPhone = check.accept(PlaceAttribute.OWNER_PHONE, MobileNumber::check);
    String building = check.accept(PlaceAttribute.BUILDING, raw -> part(raw, "号楼", RULE_BUILDING_FORMAT, ParsedAddress::building));
    String unit = check.accept(PlaceAttribute.UNIT, raw -> part(raw, "单元", RULE_UNIT_FORMAT, ParsedAddress::unit));
    String room = check.accept(PlaceAttribute.ROOM, raw -> part(raw, "室", RULE_ROOM_FORMAT, ParsedAddress::room));
    String communityCode = check.stripped(PlaceAttribute.COMMUNITY_CODE);
    String gridCode = check.accept(PlaceAttribute.GRID_CODE, raw -> gridIn(raw.strip(), communityCode));
    // a compound names itself; a house names its compound
    EntityAttribute compoundField = placeType == PlaceType.COMPOUND ? PlaceAttribute.NAME : PlaceAttribute.COMPOUND;
    AddressFields.Located place = addresses.locate(check, PlaceAttribute.ADDRESS, compoundField, PlaceAttribute.COMMUNITY_CODE);
    if (check.failed()) {
      return new StandardizeOutcome.Quarantined<>(check.quarantine(now));
    }

    ParsedAddress address = place.address();
    if (address != null && (differs(building, address.building()) || differs(unit, address.unit()) || differs(room, address.room()))) {
      check.note(NOTE_ADDRESS_DIFFERS);
    }
    building = building != null ? building : place.building();
    unit = unit != null ? unit : place.unit();
    room = room != null ? room : place.room();
    String compound = place.compound();
    if (placeType == PlaceType.HOUSE) {
      // a house is named by its standard address, from the columns where they are given
      name = new ParsedAddress(place.district(), place.street(), place.community(), compound, building, unit, room, null).standardForm();
      name = name.isEmpty() ? null : name;
    }
    SilverPlace silver = new SilverPlace(
        row.sourceSystem(),
        row.sourceRecordId(),
        row.batchId(),
        placeType,
        code,
        name,
        compound,
        placeType == PlaceType.HOUSE ? building : null,
        placeType == PlaceType.HOUSE ? unit : null,
        placeType == PlaceType.HOUSE ? room : null,
        place.addressRaw(),
        place.district(),
        place.street(),
        place.community(),
        communityCode,
        gridCode,
        managerCode == null ? null : managerCode.value(),
        managerName,
        ownerName,
        ownerId,
        ownerPhone == null ? null : ownerPhone.value(),
        check.notes(),
        mapping.trustRank(),
        row.ingestedAt());
    return new StandardizeOutcome.Standardized<>(silver);
  }

  /**
   * A grid code (its 15-digit pattern is the contract's) that lies in the record's community:
   * grid codes extend the community code, so one that does not is a wrong code, not a grid.
   */
  private static Checked<String> gridIn(String grid, String communityCode) {
    if (communityCode != null && !grid.startsWith(communityCode)) {
      return Checked.rejected(RULE_GRID_IN_COMMUNITY, "grid code does not start with the community code " + communityCode);
    }
    return Checked.ok(grid);
  }

  /** The declared kind of the owner's identifier, or null when the feed has none or it is absent or unknown. */
  private String ownerIdKind(RowCheck check) {
    if (ownerIdKindField == null) {
      return null;
    }
    String kind = TextValues.trimmed(check.rawField(ownerIdKindField));
    return KIND_CITIZEN_ID.equals(kind) || KIND_CREDIT_CODE.equals(kind) ? kind : null;
  }

  /**
   * The owner's identifier by its declared kind. Without a kind, a valid citizen ID number or,
   * failing that, a valid credit code is taken (both are checksummed, so this is no guess);
   * neither rejects with the citizen ID rule.
   */
  private static Checked<String> ownerId(String raw, String kind, RowCheck check) {
    if (KIND_CREDIT_CODE.equals(kind)) {
      return map(CreditCode.check(raw), CreditCode::value);
    }
    Checked<String> citizen = map(CitizenIdNumber.check(raw), CitizenIdNumber::value);
    if (kind != null || citizen.valid()) {
      return citizen;
    }
    Checked<String> credit = map(CreditCode.check(raw), CreditCode::value);
    if (credit.valid()) {
      check.note(NOTE_OWNER_ID_KIND_INFERRED);
      return credit;
    }
    return citizen;
  }

  /**
   * A building, unit or room column in canonical form, read by the address parser with its
   * marker added when the column holds the bare number (3 -> 3号楼 -> "3").
   */
  private static Checked<String> part(String raw, String marker, String rule, java.util.function.Function<ParsedAddress, String> pick) {
    String text = raw.strip();
    if (marker.equals("室") && (text.endsWith("号") || text.endsWith("户"))) {
      text = text.substring(0, text.length() - 1); // 501号, 501户: the parser reads only 室 as a room marker on its own
    }
    if (text.isEmpty()) {
      return Checked.rejected(rule, "not a " + marker + " number");
    }
    char last = text.charAt(text.length() - 1);
    boolean bare = Character.isLetterOrDigit(last) && !Character.isIdeographic(last) || "零〇一二两三四五六七八九十百千".indexOf(last) >= 0;
    ParsedAddress parsed = AddressParser.parse(bare ? text + marker : text);
    String value = pick.apply(parsed);
    if (value == null || parsed.unparsed() != null || parsed.compound() != null || parsed.community() != null) {
      return Checked.rejected(rule, "not a " + marker + " number");
    }
    return Checked.ok(value);
  }

  private static <T> Checked<String> map(Checked<T> checked, java.util.function.Function<T, String> value) {
    if (!checked.valid()) {
      return Checked.rejected(checked.rule(), checked.reason());
    }
    return Checked.ok(value.apply(checked.value()), checked.notes().toArray(String[]::new));
  }

  private static boolean differs(String column, String fromAddress) {
    return column != null && fromAddress != null && !Objects.equals(column, fromAddress);
  }
}
