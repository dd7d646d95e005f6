package org.cdhub.citygen;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cdhub.citygen.Places.Building;
import org.cdhub.citygen.Places.CommunityPopulation;
import org.cdhub.citygen.Places.Compound;
import org.cdhub.citygen.Places.House;
import org.cdhub.citygen.Places.Ownership;
import org.cdhub.citygen.Places.Tenure;

/**
 * 海视智联 access control (feed vendor_access_pass): face, QR-code, card and number-plate
 * passes of the last week, as the JSON payloads the vendor pushes over HTTP, one per line
 * ({@code vendors/access_pass.jsonl}). Names are in pinyin as the vendor's system stores them;
 * ID numbers only where residents gave one at enrolment; a retried push repeats a line.
 */
final class AccessPassExport implements SourceExport {
  static final String FEED = "vendor_access_pass";
  static final String FILE = "vendors/access_pass.jsonl";
  static final List<String> KEYS = List.of("eventId", "deviceSn", "deviceName", "estateCode", "estateName", "personName", "personType",
      "idCardNo", "phone", "passType", "plateNo", "direction", "passTime", "similarity", "snapUrl");
  /** Share of residents (aged 6+) of smart compounds with passes in the week. */
  static final double ACTIVE_RESIDENTS = 0.35;
  static final int DAYS = 7;
  static final double PINYIN_NAMES = 0.85;
  static final double ID_ENROLLED = 0.6;
  static final double PHONE_ENROLLED = 0.8;
  static final DateTimeFormatter NEWER_FIRMWARE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");

  private final ExportContext context;
  private final JsonLines lines;
  private final FeedNoise noise;
  private long seq;

  AccessPassExport(ExportContext context) {
    this.context = context;
    this.lines = new JsonLines(context.outputDir().resolve(FILE));
    this.noise = context.noise(FEED, NoiseProfile.VENDOR, false);
  }

  private record Pass(LocalDateTime time, Device device, int gate, Person person, String type, String direction, String plate) {}

  @Override
  public void write(CommunityPopulation c) {
    CityRandom rng = context.random(FEED, c.community().index());
    Map<Building, List<Device>> unitGates = new IdentityHashMap<>();
    Map<Compound, List<Device>> compoundGates = new IdentityHashMap<>();
    Map<Compound, List<Device>> cameras = new IdentityHashMap<>();
    for (Device d : c.devices()) {
      switch (d.type()) {
        case FACE_GATE -> {
          if (d.building() == null) {
            compoundGates.computeIfAbsent(d.compound(), k -> new ArrayList<>()).add(d);
          } else {
            unitGates.computeIfAbsent(d.building(), k -> new ArrayList<>()).add(d);
          }
        }
        case PLATE_CAMERA -> cameras.computeIfAbsent(d.compound(), k -> new ArrayList<>()).add(d);
        default -> { }
      }
    }
    Map<House, Tenure> tenure = new IdentityHashMap<>();
    for (Ownership o : c.ownerships()) {
      tenure.put(o.house(), o.tenure());
    }
    List<Pass> passes = new ArrayList<>();
    for (Household h : c.households()) {
      Compound compound = h.house().compound();
      List<Device> gates = compoundGates.get(compound);
      if (gates == null) {
        continue;
      }
      List<Device> unit = unitGates.getOrDefault(h.house().building(), List.of());
      for (Person p : h.members()) {
        if (p.age() < 6 || !rng.chance(ACTIVE_RESIDENTS)) {
          continue;
        }
        for (int k = rng.between(1, 3); k > 0; k--) {
          boolean atUnit = !unit.isEmpty() && rng.chance(0.7);
          Device d = atUnit ? unit.get(h.house().unit() - 1 < unit.size() ? h.house().unit() - 1 : 0) : rng.pick(gates);
          String type = switch (rng.weighted(new double[] {0.9, 0.05, 0.05})) {
            case 1 -> "QRCODE";
            case 2 -> "CARD";
            default -> "FACE";
          };
          passes.add(new Pass(CityClock.dailyLife(rng, DAYS), d, atUnit ? 0 : gates.indexOf(d), p, type, rng.chance(0.5) ? "IN" : "OUT", null));
        }
      }
      List<Device> cams = cameras.get(compound);
      if (h.plate() != null && cams != null) {
        for (int k = rng.between(1, 2); k > 0; k--) {
          Device cam = rng.pick(cams);
          passes.add(new Pass(CityClock.dailyLife(rng, DAYS), cam, cams.indexOf(cam), h.head(), "VEHICLE", rng.chance(0.5) ? "IN" : "OUT", h.plate()));
        }
      }
    }
    passes.sort(Comparator.comparing(Pass::time).thenComparing(p -> p.device().serial()).thenComparing(p -> p.person().trueId()));
    for (Pass pass : passes) {
      String id = "AC" + Digits.pad(++seq, 11);
      Map<String, Object> line = line(rng, pass, id, tenure.get(pass.person().house()));
      lines.write(line);
      context.truth().person(FEED, id, pass.person().trueId());
      context.truth().event(FEED, id, "E-" + id);
      context.truth().thing(FEED, id, pass.device().trueId());
      if (rng.chance(noise.profile().duplicateRecord())) {
        lines.write(line); // the gateway timed out and pushed again
        noise.duplicated(id, id);
      }
    }
  }

  private Map<String, Object> line(CityRandom rng, Pass pass, String id, Tenure tenure) {
    FeedNoise.RecordNoise n = noise.record(id, rng);
    Person p = pass.person();
    Compound compound = pass.device().compound();
    // the firmware generation, and with it name and time formats, is per compound
    int firmware = Math.floorMod(compound.housingCode().hashCode(), 3);
    String name = rng.chance(PINYIN_NAMES) ? Vendors.pinyinName(context.names(), p, firmware) : n.name("personName", p.name(), p.surnameLength());
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("eventId", id);
    m.put("deviceSn", pass.device().serial());
    m.put("deviceName", Vendors.deviceName(pass.device(), pass.gate()));
    m.put("estateCode", Vendors.accessEstateCode(compound));
    m.put("estateName", compound.name());
    m.put("personName", n.text("personName", name));
    m.put("personType", p.relation() == Person.Relation.HEAD ? (tenure == Tenure.RENTED ? "TENANT" : "OWNER") : "FAMILY");
    if (rng.chance(ID_ENROLLED)) {
      m.put("idCardNo", n.idNumber("idCardNo", p.idNumber(), p.birthDate()));
    }
    if (p.contactPhone() != null && rng.chance(PHONE_ENROLLED)) {
      m.put("phone", n.phone("phone", p.contactPhone()));
    }
    m.put("passType", pass.type());
    m.put("plateNo", pass.plate() == null ? null : (rng.chance(0.3) ? pass.plate().substring(0, 2) + "·" + pass.plate().substring(2) : pass.plate()));
    m.put("direction", pass.direction());
    m.put("passTime", firmware == 2 ? NEWER_FIRMWARE.format(pass.time().atOffset(CityClock.BEIJING)) : CityClock.TIMESTAMP.format(pass.time()));
    m.put("similarity", pass.type().equals("FACE") ? Math.round((0.82 + 0.17 * rng.nextDouble()) * 1000) / 1000.0 : null);
    m.put("snapUrl", pass.type().equals("FACE") || pass.type().equals("VEHICLE")
        ? "http://10.64." + Math.floorMod(compound.housingCode().hashCode(), 250) + ".20/pic/" + id + ".jpg" : null);
    return m;
  }

  @Override
  public List<FeedExport> finish(CityBuilder city) {
    lines.close();
    return List.of(new FeedExport(FEED, context.outputDir().resolve(FILE), lines.lines(), "json_http_push"));
  }
}
