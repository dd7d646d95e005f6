package org.cdhub.citygen;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cdhub.citygen.Places.CommunityPopulation;
import org.cdhub.citygen.Places.Ownership;

/**
 * 星云物联 IoT platform messages as published over MQTT, one {@code {"topic":..,"payload":{..}}}
 * per line: smoke and gas detector alarms with their recovery (feed vendor_iot_alarm,
 * {@code vendors/mqtt_alarm.jsonl}) and month-end water meter readings (feed
 * vendor_meter_reading, {@code vendors/mqtt_meter.jsonl}). QoS 1 redelivery repeats a message.
 */
final class IotExport implements SourceExport {
  static final String ALARM_FEED = "vendor_iot_alarm";
  static final String METER_FEED = "vendor_meter_reading";
  static final String ALARM_FILE = "vendors/mqtt_alarm.jsonl";
  static final String METER_FILE = "vendors/mqtt_meter.jsonl";
  static final List<String> ALARM_KEYS = List.of("topic", "msgId", "devSn", "devType", "alarmType", "alarmLevel", "status", "value", "ts",
      "estateName", "location");
  static final List<String> METER_KEYS = List.of("topic", "mid", "meterNo", "meterType", "reading", "unit", "readAt", "battery", "rssi",
      "room");
  static final int DAYS = 90;
  /** Per detector and quarter: a real alarm, a low battery, a fault. */
  static final double ALARM = 0.03;
  static final double LOW_BATTERY = 0.05;
  static final double FAULT = 0.01;
  static final double RECOVERED = 0.85;
  /** Water use per resident and month, m³. */
  static final double WATER_PER_PERSON_MONTH = 3.2;
  static final DateTimeFormatter READ_AT = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

  private final ExportContext context;
  private final JsonLines alarms;
  private final JsonLines meters;
  private final FeedNoise alarmNoise;
  private final FeedNoise meterNoise;
  private long alarmSeq;
  private long meterSeq;

  IotExport(ExportContext context) {
    this.context = context;
    this.alarms = new JsonLines(context.outputDir().resolve(ALARM_FILE));
    this.meters = new JsonLines(context.outputDir().resolve(METER_FILE));
    this.alarmNoise = context.noise(ALARM_FEED, NoiseProfile.VENDOR, false);
    this.meterNoise = context.noise(METER_FEED, NoiseProfile.VENDOR, false);
  }

  private record Message(LocalDateTime time, Device device, String alarmType, int level, String status, Double value, int incident) {}

  @Override
  public void write(CommunityPopulation c) {
    CityRandom rng = context.random(ALARM_FEED, c.community().index());
    List<Message> messages = new ArrayList<>();
    int incident = 0;
    for (Device d : c.devices()) {
      if (d.type() != Device.Type.SMOKE_DETECTOR && d.type() != Device.Type.GAS_DETECTOR) {
        continue;
      }
      boolean smoke = d.type() == Device.Type.SMOKE_DETECTOR;
      if (rng.chance(ALARM)) {
        LocalDateTime t = CityClock.withinDaysBefore(rng, DAYS);
        Double value = smoke ? Math.round(rng.nextDouble() * 300 + 100) / 100.0 : (double) rng.between(8, 60); // dB/m or %LEL
        int id = ++incident;
        messages.add(new Message(t, d, smoke ? "SMOKE_ALARM" : "GAS_LEAK", smoke ? 3 : 2, "ALARM", value, id));
        if (rng.chance(RECOVERED)) {
          messages.add(new Message(t.plusSeconds(rng.between(60, 3_600)), d, smoke ? "SMOKE_ALARM" : "GAS_LEAK", smoke ? 3 : 2, "RECOVER",
              smoke ? 0.05 : 0.0, id));
        }
      }
      if (rng.chance(LOW_BATTERY)) {
        messages.add(new Message(CityClock.withinDaysBefore(rng, DAYS), d, "LOW_BATTERY", 1, "ALARM", 2.6, ++incident));
      }
      if (rng.chance(FAULT)) {
        messages.add(new Message(CityClock.withinDaysBefore(rng, DAYS), d, rng.chance(0.5) ? "TAMPER" : "FAULT", 1, "ALARM", null, ++incident));
      }
    }
    messages.sort(Comparator.comparing(Message::time).thenComparing(m -> m.device().serial()).thenComparing(Message::status));
    Map<Integer, String> firstMessage = new java.util.TreeMap<>();
    for (Message m : messages) {
      String id = "XY" + Digits.pad(++alarmSeq, 11);
      String trueEvent = "E-" + firstMessage.computeIfAbsent(m.incident(), k -> id);
      FeedNoise.RecordNoise n = alarmNoise.record(id, rng);
      Device d = m.device();
      Map<String, Object> payload = new LinkedHashMap<>();
      payload.put("msgId", id);
      payload.put("devSn", d.serial());
      payload.put("devType", d.type() == Device.Type.SMOKE_DETECTOR ? "SMOKE" : "GAS");
      payload.put("alarmType", m.alarmType());
      payload.put("alarmLevel", m.level());
      payload.put("status", m.status());
      payload.put("value", m.value());
      payload.put("ts", CityClock.epochMillis(m.time()));
      payload.put("estateName", n.text("estateName", d.compound().name()));
      payload.put("location", n.address("location", n.orMissing("location", Vendors.room(d.house()))));
      Map<String, Object> line = message("xywl/" + Vendors.iotEstateCode(d.compound()) + "/" + payload.get("devType") + "/" + d.serial() + "/alarm",
          payload);
      alarms.write(line);
      context.truth().event(ALARM_FEED, id, trueEvent);
      context.truth().thing(ALARM_FEED, id, d.trueId());
      if (rng.chance(alarmNoise.profile().duplicateRecord())) {
        alarms.write(line);
        alarmNoise.duplicated(id, id);
      }
    }
    writeMeters(c);
  }

  private void writeMeters(CommunityPopulation c) {
    CityRandom rng = context.random(METER_FEED, c.community().index());
    Map<Places.House, Ownership> byHouse = new java.util.IdentityHashMap<>();
    c.ownerships().forEach(o -> byHouse.put(o.house(), o));
    for (Device d : c.devices()) {
      if (d.type() != Device.Type.WATER_METER) {
        continue;
      }
      Ownership o = byHouse.get(d.house());
      int residents = o.occupant() == null ? 0 : o.occupant().members().size();
      long months = Math.max(1, java.time.temporal.ChronoUnit.MONTHS.between(d.installed(), Person.EPOCH));
      double reading = Math.round((months * (residents * WATER_PER_PERSON_MONTH + 0.1) * (0.7 + 0.6 * rng.nextDouble())) * 100) / 100.0;
      String id = "M" + Digits.pad(++meterSeq, 12);
      FeedNoise.RecordNoise n = meterNoise.record(id, rng);
      Map<String, Object> payload = new LinkedHashMap<>();
      payload.put("mid", id);
      payload.put("meterNo", d.serial());
      payload.put("meterType", "WATER");
      payload.put("reading", reading);
      payload.put("unit", "m3");
      payload.put("readAt", READ_AT.format(Person.EPOCH.minusDays(1).atTime(23, rng.between(0, 59), rng.between(0, 59))));
      payload.put("battery", Math.round((3.3 + 0.3 * rng.nextDouble()) * 100) / 100.0);
      payload.put("rssi", -rng.between(60, 110));
      payload.put("room", n.address("room", n.orMissing("room", Vendors.room(d.house()))));
      Map<String, Object> line = message("xywl/" + Vendors.iotEstateCode(d.compound()) + "/WATER_METER/" + d.serial() + "/telemetry", payload);
      meters.write(line);
      context.truth().thing(METER_FEED, id, d.trueId());
      if (rng.chance(meterNoise.profile().duplicateRecord())) {
        meters.write(line);
        meterNoise.duplicated(id, id);
      }
    }
  }

  private static Map<String, Object> message(String topic, Map<String, Object> payload) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("topic", topic);
    m.put("payload", payload);
    return m;
  }

  @Override
  public List<FeedExport> finish(CityBuilder city) {
    alarms.close();
    meters.close();
    return List.of(
        new FeedExport(ALARM_FEED, context.outputDir().resolve(ALARM_FILE), alarms.lines(), "json_mqtt"),
        new FeedExport(METER_FEED, context.outputDir().resolve(METER_FILE), meters.lines(), "json_mqtt"));
  }
}
