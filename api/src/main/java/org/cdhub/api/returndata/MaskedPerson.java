package org.cdhub.api.returndata;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import org.cdhub.kernel.Sex;
import org.cdhub.model.entity.PersonStatus;

/**
 * A golden person as a community platform sees it by default: ID number, name, phone and
 * address masked, birth date reduced to a year and an age band, provenance left out.
 */
public record MaskedPerson(
    String masterId,
    String name,
    String idNumber,
    Sex sex,
    Integer birthYear,
    String ageBand,
    String phone,
    String address,
    String houseId,
    String districtCode,
    String communityCode,
    String gridCode,
    List<String> tags,
    PersonStatus status,
    Instant updatedAt) {
  public MaskedPerson {
    requireNonNull(masterId, "masterId is null");
    requireNonNull(sex, "sex is null");
    tags = tags == null ? List.of() : List.copyOf(tags);
  }
}
