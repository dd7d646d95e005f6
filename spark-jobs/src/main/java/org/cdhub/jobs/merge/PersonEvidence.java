package org.cdhub.jobs.merge;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * What one current silver person record says, as merge reads it.
 *
 * @param address standardized address text (parsed parts in canonical form, else the raw text)
 */
public record PersonEvidence(
    String sourceSystem,
    String sourceRecordId,
    Instant ingestedAt,
    int trustRank,
    String idNumber,
    String name,
    String namePinyin,
    String sex,
    LocalDate birthDate,
    String phone,
    String address,
    String communityCode,
    List<String> tags) implements Serializable {
  private static final long serialVersionUID = 1L;

  public PersonEvidence {
    requireNonNull(sourceSystem, "sourceSystem is null");
    requireNonNull(sourceRecordId, "sourceRecordId is null");
    requireNonNull(ingestedAt, "ingestedAt is null");
    tags = tags == null ? List.of() : List.copyOf(tags);
  }
}
