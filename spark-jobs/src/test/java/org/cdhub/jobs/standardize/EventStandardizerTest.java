package org.cdhub.jobs.standardize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cdhub.jobs.standardize.StandardizerTestRows.quarantined;
import static org.cdhub.jobs.standardize.StandardizerTestRows.silver;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.cdhub.jobs.TestPeople;
import org.cdhub.model.contract.SourceContracts;
import org.cdhub.model.entity.PlaceMatch;
import org.cdhub.model.entity.QuarantinedRecord;
import org.cdhub.model.entity.SilverEvent;
import org.junit.jupiter.api.Test;

class EventStandardizerTest {
  private static final String PARTY_ID = TestPeople.idNumber("640106", "19620304", 57);

  private final EventStandardizer incidents =
      new EventStandardizer(FeedMapping.of(SourceContracts.loadBundled("grid_incident")), TestPlaces.city());
  private final EventStandardizer passes =
      new EventStandardizer(FeedMapping.of(SourceContracts.loadBundled("vendor_access_pass")), TestPlaces.city());
  private final EventStandardizer alarms =
      new EventStandardizer(FeedMapping.of(SourceContracts.loadBundled("vendor_iot_alarm")), TestPlaces.city());

  /** A row of grid/grid_incident.csv. */
  private static Map<String, String> incident() {
    Map<String, String> raw = new HashMap<>();
    raw.put("sjbh", "WG202611020000017");
    raw.put("sjlx", "矛盾纠纷");
    raw.put("sjms", "邻里因噪音问题发生纠纷");
    raw.put("sbsj", "2026-11-02 09:15:00");
    raw.put("sbly", "网格员上报");
    raw.put("sbr", "马明");
    raw.put("fsdz", "金凤区长城中路街道丽景社区丽景湾小区3号楼2单元501室");
    raw.put("jwh_dm", "640106001001");
    raw.put("wgbm", "640106001001003");
    raw.put("dsr_xm", "张三");
    raw.put("dsr_sfzh", PARTY_ID);
    raw.put("dsr_lxdh", "13800138000");
    raw.put("zt", "已派发");
    raw.put("pfsj", "2026-11-02 10:00:00");
    return raw;
  }

  /** One JSON line the access-control vendor pushes. */
  private static Map<String, String> pass() {
    Map<String, String> raw = new HashMap<>();
    raw.put("eventId", "HS0000000123");
    raw.put("deviceSn", "hs-fg-0007");
    raw.put("deviceName", "3号楼2单元门禁");
    raw.put("estateCode", "HS0031");
    raw.put("estateName", "丽景湾小区");
    raw.put("personName", "ZHANG SAN");
    raw.put("personType", "OWNER");
    raw.put("passType", "FACE");
    raw.put("direction", "IN");
    raw.put("passTime", "2026-11-02 07:30:00");
    raw.put("similarity", "0.931");
    return raw;
  }

  /** The topic and payload keys of one alarm message. */
  private static Map<String, String> alarm() {
    Map<String, String> raw = new HashMap<>();
    raw.put("topic", "xywl/XY0007/SMOKE/XY-SD-2024-000123/alarm");
    raw.put("msgId", "XY00000000042");
    raw.put("devSn", "XY-SD-2024-000123");
    raw.put("devType", "SMOKE");
    raw.put("alarmType", "SMOKE_ALARM");
    raw.put("alarmLevel", "3");
    raw.put("status", "ALARM");
    raw.put("value", "0.35");
    raw.put("ts", "1793666100000");
    raw.put("estateName", "丽景湾");
    raw.put("location", "3-2-501");
    return raw;
  }

  @Test
  void mapsAGridIncidentWithBeijingTimeThePartyAndTheHouse() {
    SilverEvent e = silver(incidents, "grid_incident", incident());

    assertThat(e.sourceEventId()).isEqualTo("WG202611020000017");
    assertThat(e.eventType()).isEqualTo("矛盾纠纷");
    assertThat(e.status()).isEqualTo("已派发");
    assertThat(e.occurredAt()).isEqualTo(Instant.parse("2026-11-02T01:15:00Z"));
    assertThat(e.involvedName()).isEqualTo("张三");
    assertThat(e.involvedIdNumber()).isEqualTo(PARTY_ID);
    assertThat(e.involvedPhone()).isEqualTo("13800138000");
    assertThat(e.gridCode()).isEqualTo("640106001001003");
    assertThat(e.communityCode()).isEqualTo("640106001001");
    assertThat(e.placeMatch()).isEqualTo(PlaceMatch.HOUSE);
    assertThat(e.placeCode()).isEqualTo("FW0001");
    assertThat(e.trustRank()).isEqualTo(50);
  }

  @Test
  void readsBothFirmwareTimeFormatsOfAccessPasses() {
    Map<String, String> local = pass();
    Map<String, String> iso = pass();
    iso.put("passTime", "2026-11-02T07:30:00+08:00");

    assertThat(silver(passes, "vendor_access_pass", local).occurredAt()).isEqualTo(Instant.parse("2026-11-01T23:30:00Z"));
    assertThat(silver(passes, "vendor_access_pass", iso).occurredAt()).isEqualTo(Instant.parse("2026-11-01T23:30:00Z"));
  }

  @Test
  void mapsAnAccessPassWithAPinyinNameAtABuildingEntrance() {
    SilverEvent e = silver(passes, "vendor_access_pass", pass());

    assertThat(e.deviceIdentifier()).isEqualTo("HS-FG-0007");
    assertThat(e.eventType()).isEqualTo("FACE");
    assertThat(e.involvedName()).isEqualTo("Zhang San");
    assertThat(e.involvedIdNumber()).isNull();
    assertThat(e.compound()).isEqualTo("丽景湾小区");
    assertThat(e.placeMatch()).isEqualTo(PlaceMatch.COMPOUND);
    assertThat(e.placeCode()).isEqualTo("XQ001");
  }

  @Test
  void mapsAnAlarmWithEpochMillisToTheHouseOfItsDetector() {
    SilverEvent e = silver(alarms, "vendor_iot_alarm", alarm());

    assertThat(e.occurredAt()).isEqualTo(Instant.ofEpochMilli(1_793_666_100_000L));
    assertThat(e.eventType()).isEqualTo("SMOKE_ALARM");
    assertThat(e.status()).isEqualTo("ALARM");
    assertThat(e.deviceIdentifier()).isEqualTo("XY-SD-2024-000123");
    assertThat(e.placeMatch()).isEqualTo(PlaceMatch.HOUSE);
    assertThat(e.placeCode()).isEqualTo("FW0001");
  }

  @Test
  void quarantinesUnreadableOrImpossibleTimes() {
    Map<String, String[]> cases = Map.of(
        "2026-02-30 09:15:00", new String[] {"sbsj", "TIMESTAMP-INVALID"},
        "02/11/2026 09:15", new String[] {"sbsj", "TIMESTAMP-FORMAT"},
        "1999-12-31 23:00:00", new String[] {"sbsj", "TIMESTAMP-RANGE"});
    cases.forEach((time, expected) -> {
      Map<String, String> raw = incident();
      raw.put("sbsj", time);

      QuarantinedRecord q = quarantined(incidents, "grid_incident", raw);

      assertThat(q.field()).as(time).isEqualTo(expected[0]);
      assertThat(q.rule()).as(time).isEqualTo(expected[1]);
    });
  }

  @Test
  void quarantinesAnAlarmTimestampInSecondsNotMillis() {
    Map<String, String> raw = alarm();
    raw.put("ts", "1793666100");

    QuarantinedRecord q = quarantined(alarms, "vendor_iot_alarm", raw);

    assertThat(q.field()).isEqualTo("ts");
    assertThat(q.rule()).isEqualTo("TIMESTAMP-RANGE");
  }

  @Test
  void readsFullWidthDigitsInATime() {
    Map<String, String> raw = incident();
    raw.put("sbsj", TestPeopleWidth.fullWidth("2026-11-02") + " 09:15:00");

    assertThat(silver(incidents, "grid_incident", raw).occurredAt()).isEqualTo(Instant.parse("2026-11-02T01:15:00Z"));
  }

  @Test
  void quarantinesAnInvalidOptionalPartyIdNumberWithoutShowingIt() {
    Map<String, String> raw = incident();
    String wrong = TestPeople.withWrongCheckCharacter(PARTY_ID);
    raw.put("dsr_sfzh", wrong);

    QuarantinedRecord q = quarantined(incidents, "grid_incident", raw);

    assertThat(q.field()).isEqualTo("dsr_sfzh");
    assertThat(q.rule()).isEqualTo("ID-CHECKSUM");
    assertThat(q.valueMasked()).doesNotContain(wrong).endsWith(wrong.substring(14));
    assertThat(q.reason()).doesNotContain(wrong);
  }

  @Test
  void quarantinesAnInvalidIdNumberOfAnAccessPassMappedAsIdNumber() {
    Map<String, String> raw = pass();
    raw.put("idCardNo", "64010619620304057");

    QuarantinedRecord q = quarantined(passes, "vendor_access_pass", raw);

    assertThat(q.field()).isEqualTo("idCardNo");
    assertThat(q.rule()).startsWith("ID-");
  }

  @Test
  void dropsMojibakeOrEmojiNamesOfThePartyWithANote() {
    for (String hostile : new String[] {"å¼ ä¸‰", "张三😀", "张\uFFFD"}) {
      Map<String, String> raw = incident();
      raw.put("dsr_xm", hostile);

      SilverEvent e = silver(incidents, "grid_incident", raw);

      assertThat(e.involvedName()).as(hostile).isNull();
      assertThat(e.notes()).as(hostile).anyMatch(n -> n.endsWith(":dsr_xm"));
    }
  }

  @Test
  void keepsSqlAndControlCharactersInADescriptionAsData() {
    Map<String, String> raw = incident();
    raw.put("sjms", "漏水'); DROP TABLE silver.event; --\u0007");

    assertThat(silver(incidents, "grid_incident", raw).description()).isEqualTo("漏水'); DROP TABLE silver.event; --\u0007");
  }

  @Test
  void quarantinesAMissingEventIdAndNamesTheOtherFailures() {
    Map<String, String> raw = incident();
    raw.remove("sjbh");
    raw.put("sbsj", "yesterday");

    QuarantinedRecord q = quarantined(incidents, "grid_incident", raw);

    assertThat(q.field()).isEqualTo("sjbh");
    assertThat(q.rule()).isEqualTo("FIELD-REQUIRED");
    assertThat(q.reason()).contains("also: sbsj TIMESTAMP-FORMAT");
  }
}
