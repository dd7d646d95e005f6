package org.cdhub.jobs.standardize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cdhub.jobs.standardize.StandardizerTestRows.quarantined;
import static org.cdhub.jobs.standardize.StandardizerTestRows.silver;

import java.util.HashMap;
import java.util.Map;
import org.cdhub.model.contract.SourceContracts;
import org.cdhub.model.entity.PlaceMatch;
import org.cdhub.model.entity.QuarantinedRecord;
import org.cdhub.model.entity.SilverThing;
import org.junit.jupiter.api.Test;

class ThingStandardizerTest {
  private final ThingStandardizer devices =
      new ThingStandardizer(FeedMapping.of(SourceContracts.loadBundled("vendor_device")), TestPlaces.city());
  private final ThingStandardizer meters =
      new ThingStandardizer(FeedMapping.of(SourceContracts.loadBundled("vendor_meter_reading")), TestPlaces.city());

  /** An item of the device registry's JSON pages. */
  private static Map<String, String> device() {
    Map<String, String> raw = new HashMap<>();
    raw.put("id", "D000123");
    raw.put("deviceSn", "XY-SD-2024-000123");
    raw.put("deviceType", "SMOKE_DETECTOR");
    raw.put("deviceName", "3-2-501烟感");
    raw.put("vendor", "星云物联");
    raw.put("model", "XY-S200");
    raw.put("estateCode", "XY0007");
    raw.put("estateName", "丽景湾");
    raw.put("installAddr", "3-2-501");
    raw.put("installDate", "2024-03-01");
    raw.put("status", "ONLINE");
    return raw;
  }

  /** The topic and payload keys of one meter telemetry message. */
  private static Map<String, String> reading() {
    Map<String, String> raw = new HashMap<>();
    raw.put("topic", "xywl/XY0007/WATER_METER/M000000000042/telemetry");
    raw.put("mid", "M000000000042-202611");
    raw.put("meterNo", "M000000000042");
    raw.put("meterType", "WATER");
    raw.put("reading", "123.45");
    raw.put("unit", "m3");
    raw.put("readAt", "20261130235900");
    raw.put("battery", "3.6");
    raw.put("rssi", "-85");
    raw.put("room", "3-2-501");
    return raw;
  }

  @Test
  void mapsADeviceInstalledInAKnownHouse() {
    SilverThing t = silver(devices, "vendor_device", device());

    assertThat(t.identifier()).isEqualTo("XY-SD-2024-000123");
    assertThat(t.thingType()).isEqualTo("smoke_detector");
    assertThat(t.description()).isEqualTo("3-2-501烟感");
    assertThat(t.compound()).isEqualTo("丽景湾小区");
    assertThat(t.building()).isEqualTo("3");
    assertThat(t.unit()).isEqualTo("2");
    assertThat(t.room()).isEqualTo("501");
    assertThat(t.placeMatch()).isEqualTo(PlaceMatch.HOUSE);
    assertThat(t.placeCode()).isEqualTo("FW0001");
    assertThat(t.communityCode()).isEqualTo(TestPlaces.LIJING);
    assertThat(t.notes()).contains(AddressFields.NOTE_COMMUNITY_CODE_FROM_PLACE);
    assertThat(t.trustRank()).isEqualTo(45);
  }

  @Test
  void mapsAGateInstalledAtACompoundEntranceToTheCompound() {
    Map<String, String> raw = device();
    raw.put("deviceType", "FACE_GATE");
    raw.put("installAddr", "东门");

    SilverThing t = silver(devices, "vendor_device", raw);

    assertThat(t.placeMatch()).isEqualTo(PlaceMatch.COMPOUND);
    assertThat(t.placeCode()).isEqualTo("XQ001");
  }

  @Test
  void normalizesIdentifiersToUpperCaseWithoutSpacesOrFullWidth() {
    Map<String, String> raw = device();
    raw.put("deviceSn", " ｘｙ-sd 2024-000123 ");

    assertThat(silver(devices, "vendor_device", raw).identifier()).isEqualTo("XY-SD2024-000123");
  }

  @Test
  void quarantinesAnIdentifierWithControlOrNonAsciiCharacters() {
    for (String hostile : new String[] {"XY\u0000123", "XY😀123", "设备123", "'; DROP TABLE x;--"}) {
      Map<String, String> raw = device();
      raw.put("deviceSn", hostile);

      QuarantinedRecord q = quarantined(devices, "vendor_device", raw);

      assertThat(q.field()).as(hostile).isEqualTo("deviceSn");
      assertThat(q.rule()).as(hostile).isEqualTo(TextValues.RULE_IDENTIFIER_CHARSET);
    }
  }

  @Test
  void quarantinesAnUnknownDeviceTypeOnlyAsANoteSinceItIsOptional() {
    Map<String, String> raw = device();
    raw.put("deviceType", "TOASTER");

    SilverThing t = silver(devices, "vendor_device", raw);

    assertThat(t.thingType()).isNull();
    assertThat(t.notes()).contains("FIELD-ALLOWED-VALUES:deviceType");
  }

  @Test
  void keepsAMeterWhoseHouseIsUnknownAsUnmatched() {
    SilverThing t = silver(meters, "vendor_meter_reading", reading());

    assertThat(t.identifier()).isEqualTo("M000000000042");
    assertThat(t.thingType()).isEqualTo("water");
    assertThat(t.building()).isEqualTo("3");
    assertThat(t.room()).isEqualTo("501");
    assertThat(t.placeMatch()).isEqualTo(PlaceMatch.UNMATCHED);
    assertThat(t.placeCode()).isNull();
  }

  @Test
  void quarantinesAMeterReadingWithoutMeterNumber() {
    Map<String, String> raw = reading();
    raw.remove("meterNo");

    QuarantinedRecord q = quarantined(meters, "vendor_meter_reading", raw);

    assertThat(q.field()).isEqualTo("meterNo");
    assertThat(q.rule()).isEqualTo("FIELD-REQUIRED");
  }

  @Test
  void quarantinesATenThousandCharacterSerial() {
    Map<String, String> raw = device();
    raw.put("deviceSn", "A".repeat(10_000));

    QuarantinedRecord q = quarantined(devices, "vendor_device", raw);

    assertThat(q.rule()).isEqualTo("FIELD-MAX-LENGTH");
    assertThat(q.valueMasked().length()).isLessThanOrEqualTo(130);
  }
}
