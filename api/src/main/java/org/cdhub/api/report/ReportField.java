package org.cdhub.api.report;

import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.cdhub.api.returndata.MaskedPerson;

/**
 * A field of the masked person a report column may show: reports are filled from what the
 * roster serves, so they can never carry a value the API would not.
 */
public enum ReportField {
  MASTER_ID("masterId", MaskedPerson::masterId),
  NAME("name", MaskedPerson::name),
  ID_NUMBER("idNumber", MaskedPerson::idNumber),
  SEX("sex", p -> p.sex() == null ? null : p.sex().name()),
  BIRTH_YEAR("birthYear", MaskedPerson::birthYear),
  AGE_BAND("ageBand", MaskedPerson::ageBand),
  PHONE("phone", MaskedPerson::phone),
  ADDRESS("address", MaskedPerson::address),
  HOUSE_ID("houseId", MaskedPerson::houseId),
  GRID_CODE("gridCode", MaskedPerson::gridCode),
  TAGS("tags", p -> p.tags() == null ? null : String.join(";", p.tags()));

  private final String key;
  private final Function<MaskedPerson, Object> value;

  ReportField(String key, Function<MaskedPerson, Object> value) {
    this.key = key;
    this.value = value;
  }

  /** The name a template uses, the masked person's JSON property. */
  public String key() {
    return key;
  }

  /** The field's value for one person, as text; empty when absent. */
  public String valueOf(MaskedPerson person) {
    Object v = value.apply(person);
    return v == null ? "" : v.toString();
  }

  /** @throws IllegalArgumentException naming the accepted keys */
  public static ReportField ofKey(String key) {
    return Arrays.stream(values()).filter(f -> f.key.equals(key)).findFirst().orElseThrow(() -> new IllegalArgumentException(
        "unknown field " + key + ", expected one of " + Arrays.stream(values()).map(ReportField::key).collect(Collectors.joining(", "))));
  }
}
