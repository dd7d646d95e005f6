package org.cdhub.jobs.merge;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * What one current silver person record says, as merge reads it.
 *
 * @param address standardized address text (parsed parts in canonical form, else the raw text)
 * @param houseId master id of the house the record's address matched, or null
 * @param houseGridCode grid code of that house (its own, else its building's), or null
 * @param status MOVED_OUT or DECEASED as the record asserts it, or null
 * @param completeness share of the silver record's attributes that are set, 0 to 1
 */
public record PersonEvidence(
    String sourceSystem,
    String sourceRecordId,
    Instant ingestedAt,
    int trustRank,
    String idNumber,
    String otherIdNumber,
    String name,
    String namePinyin,
    String sex,
    LocalDate birthDate,
    String phone,
    String address,
    String houseId,
    String houseGridCode,
    String communityCode,
    List<String> tags,
    String status,
    double completeness) implements Serializable {
  private static final long serialVersionUID = 1L;
  /** Ages (minors, elderly) are counted on the calendar of the cities the hub serves. */
  public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

  public PersonEvidence {
    requireNonNull(sourceSystem, "sourceSystem is null");
    requireNonNull(sourceRecordId, "sourceRecordId is null");
    requireNonNull(ingestedAt, "ingestedAt is null");
    tags = tags == null ? List.of() : List.copyOf(tags);
  }
}
