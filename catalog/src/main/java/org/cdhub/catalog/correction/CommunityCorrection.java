package org.cdhub.catalog.correction;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.regex.Pattern;
import org.cdhub.kernel.AddressParser;
import org.cdhub.kernel.CitizenIdNumber;
import org.cdhub.kernel.Checked;
import org.cdhub.kernel.MobileNumber;
import org.cdhub.kernel.ParsedAddress;

/**
 * A community worker's report that a master person's record is wrong, as the catalog stores it
 * and the feed {@code community_correction} delivers it.
 *
 * @param id its number (0 before it is stored)
 * @param clientId the API client that sent it, the only one that sees it
 * @param communityCode the community it was sent for
 * @param masterId the master person it corrects
 * @param idNumber that person's ID number, looked up by the hub (never from the sender, never shown)
 * @param kind what is wrong
 * @param value the right phone (normalized) or address; null for {@link CorrectionKind#MOVED_OUT} and {@link CorrectionKind#DECEASED}
 * @param effectiveDate since when the correction holds
 * @param note the sender's free text; null if none
 * @param receivedAt when the hub stored it
 */
public record CommunityCorrection(long id, String clientId, String communityCode, String masterId, String idNumber,
    CorrectionKind kind, String value, LocalDate effectiveDate, String note, Instant receivedAt) {
  /** The feed corrections reach the lakehouse by (schemas/contracts/community_correction.yaml). */
  public static final String FEED = "community_correction";
  public static final int MAX_NOTE = 500;
  public static final int MAX_ADDRESS = 200;
  /** As the API's path spells a master id. */
  public static final Pattern MASTER_ID = Pattern.compile("P-[A-Za-z0-9-]{1,64}");
  static final Pattern COMMUNITY_CODE = Pattern.compile("[0-9]{12}");
  static final Pattern CLIENT_ID = Pattern.compile("[^\\s\\p{Cntrl}]{1,128}");
  /** Free text: no control characters but line breaks and tabs. */
  static final Pattern TEXT = Pattern.compile("(?:[^\\p{Cntrl}]|[\\n\\r\\t])*");
  static final Pattern LINE = Pattern.compile("[^\\p{Cntrl}]*");
  /** Earliest effective date accepted: older facts belong to the departments' own records. */
  static final LocalDate EARLIEST = LocalDate.of(1900, 1, 1);

  public CommunityCorrection {
    String record = (id == 0 ? "" : id + " ") + "from client " + clientId + " for master " + masterId;
    check(record, clientId != null && CLIENT_ID.matcher(clientId).matches(), "clientId", "pattern",
        "must be a client id without spaces (at most 128 characters)");
    check(record, communityCode != null && COMMUNITY_CODE.matcher(communityCode).matches(), "communityCode", "pattern",
        "must be a 12-digit community code");
    check(record, masterId != null && MASTER_ID.matcher(masterId).matches(), "masterId", "pattern",
        "must be a person master id (P- and up to 64 letters, digits or dashes)");
    check(record, idNumber != null && CitizenIdNumber.check(idNumber).valid(), "idNumber", "invalid",
        "must be the master's valid citizen ID number");
    check(record, kind != null, "kind", "required", "is required");
    check(record, receivedAt != null, "receivedAt", "required", "is required");
    if (kind.needsValue()) {
      check(record, value != null && !value.isBlank(), "value", "required", "is required for a correction of kind " + kind);
    } else {
      check(record, value == null, "value", "not-allowed", "must be absent for a correction of kind " + kind);
    }
    if (kind == CorrectionKind.PHONE) {
      Checked<MobileNumber> phone = MobileNumber.check(value);
      // the reason only, never the number
      check(record, phone.valid(), "value", "phone", "must be an 11-digit mobile number: " + phone.reason());
      value = phone.value().value();
    } else if (kind == CorrectionKind.ADDRESS) {
      value = value.strip();
      check(record, value.length() <= MAX_ADDRESS && LINE.matcher(value).matches(), "value",
          "address", "must be one line of at most " + MAX_ADDRESS + " characters");
      ParsedAddress parsed = AddressParser.parse(value);
      check(record, parsed.compound() != null || parsed.community() != null, "value", "address",
          "must name the community or compound of the new address");
    }
    check(record, effectiveDate != null, "effectiveDate", "required", "is required");
    LocalDate today = receivedAt.atOffset(ZoneOffset.ofHours(8)).toLocalDate();
    check(record, !effectiveDate.isAfter(today), "effectiveDate", "future",
        "must not be after the day it is sent (" + today + "), was " + effectiveDate);
    check(record, !effectiveDate.isBefore(EARLIEST), "effectiveDate", "min",
        "must not be before " + EARLIEST + ", was " + effectiveDate);
    if (note != null) {
      check(record, note.length() <= MAX_NOTE, "note", "max-length", "must be at most " + MAX_NOTE + " characters, was "
          + note.length());
      check(record, TEXT.matcher(note).matches(), "note", "control-characters",
          "must not contain control characters other than line breaks and tabs");
      note = note.isBlank() ? null : note;
    }
  }

  /** A correction about to be stored: its id is not known yet. */
  public static CommunityCorrection request(String clientId, String communityCode, String masterId, String idNumber,
      CorrectionKind kind, String value, LocalDate effectiveDate, String note, Instant receivedAt) {
    return new CommunityCorrection(0, clientId, communityCode, masterId, idNumber, kind, value, effectiveDate, note,
        receivedAt);
  }

  /** The phone it asserts; null unless {@link CorrectionKind#PHONE}. */
  public String phone() {
    return kind == CorrectionKind.PHONE ? value : null;
  }

  /** The address it asserts; null unless {@link CorrectionKind#ADDRESS}. */
  public String address() {
    return kind == CorrectionKind.ADDRESS ? value : null;
  }

  /** The person status it asserts (MOVED_OUT, DECEASED); null for a phone or address. */
  public String personStatus() {
    return kind.needsValue() ? null : kind.name();
  }

  /** Never the ID number or the value: safe for logs. */
  @Override
  public String toString() {
    return "CommunityCorrection[id=" + id + ", clientId=" + clientId + ", communityCode=" + communityCode
        + ", masterId=" + masterId + ", kind=" + kind + ", effectiveDate=" + effectiveDate + ", receivedAt=" + receivedAt + "]";
  }

  private static void check(String record, boolean ok, String field, String rule, String message) {
    if (!ok) {
      throw new InvalidCorrectionException(record, field, rule, message);
    }
  }
}
