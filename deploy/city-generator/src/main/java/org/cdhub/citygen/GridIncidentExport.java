package org.cdhub.citygen;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.cdhub.citygen.Places.CommunityPopulation;
import org.cdhub.citygen.Places.Compound;
import org.cdhub.citygen.Places.Grid;
import org.cdhub.citygen.Places.House;
import org.cdhub.kernel.Sex;

/**
 * 网格化管理 incidents (feed grid_incident) of the last 90 days, as the grid management system
 * exports its incident ledger: UTF-8 CSV ({@code grid/grid_incident.csv}), one row per incident
 * with its life cycle (reported, dispatched, handled, closed). Some incidents are reported twice
 * (a grid worker and the 12345 hotline), under two numbers.
 */
final class GridIncidentExport implements SourceExport {
  static final String FEED = "grid_incident";
  static final String FILE = "grid/grid_incident.csv";
  static final List<String> COLUMNS = List.of("sjbh", "sjlx", "sjms", "sbsj", "sbly", "sbr", "fsdz", "jwh_dm", "wgbm", "dsr_xm", "dsr_sfzh",
      "dsr_lxdh", "zt", "pfsj", "czbm", "bjsj", "cljg");
  static final int RESIDENTS_PER_INCIDENT = 25;
  static final int DAYS = 90;
  static final double WITH_PARTY = 0.6;
  static final AddressForm.Mix ADDRESSES = new AddressForm.Mix(0, 0, 0.3, 0.1, 0.5, 0, 0.1);

  private static final Map<String, List<String>> KINDS = new TreeMap<>(Map.of(
      "矛盾纠纷", List.of("邻里因噪音问题发生纠纷", "楼上漏水引发邻里矛盾", "因停车位发生争执", "家庭矛盾需调解"),
      "安全隐患", List.of("楼道堆放杂物堵塞消防通道", "电动车在楼道内充电", "燃气管道老化有异味", "外墙保温层脱落"),
      "环境卫生", List.of("垃圾未及时清运", "绿化带内有建筑垃圾", "楼道小广告需清理"),
      "市政设施", List.of("路灯损坏不亮", "井盖缺失存在安全隐患", "小区内道路破损", "供暖不热"),
      "民生服务", List.of("独居老人需上门探访", "低保户咨询临时救助", "残疾人申请辅具", "居民咨询医保参保"),
      "治安防控", List.of("小区内发现可疑人员徘徊", "电动车被盗", "疑似电信诈骗需劝阻")));
  private static final List<String> DEPARTMENTS = List.of("社区居委会", "物业服务企业", "城市管理综合执法局", "辖区派出所", "供热公司", "燃气公司",
      "街道综治中心");
  private static final List<String> SPOTS = List.of("东门", "北侧绿化带", "地下车库", "中心广场", "垃圾分类投放点", "南门外人行道");

  private final ExportContext context;
  private final CsvFile csv;
  private final FeedNoise noise;
  private long seq;

  GridIncidentExport(ExportContext context) {
    this.context = context;
    this.csv = new CsvFile(context.outputDir().resolve(FILE), StandardCharsets.UTF_8, "\n", COLUMNS);
    this.noise = context.noise(FEED, NoiseProfile.GRID, false);
  }

  private record Incident(LocalDateTime reported, String kind, String description, House house, Compound compound, Person party,
      String source, Grid grid) {}

  @Override
  public void write(CommunityPopulation c) {
    CityRandom rng = context.random(FEED, c.community().index());
    if (c.houses().isEmpty()) {
      return;
    }
    Map<String, String> workers = new TreeMap<>();
    for (Grid g : c.grids()) {
      Sex sex = rng.chance(0.6) ? Sex.FEMALE : Sex.MALE;
      workers.put(g.code(), PersonNames.surname(rng) + PersonNames.givenName(rng, sex, rng.between(1975, 1998)));
    }
    List<String> kinds = List.copyOf(KINDS.keySet());
    List<Incident> incidents = new ArrayList<>();
    int count = Math.max(1, c.persons().size() / RESIDENTS_PER_INCIDENT);
    for (int i = 0; i < count; i++) {
      String kind = rng.pick(kinds);
      Person party = null;
      House house;
      if (rng.chance(WITH_PARTY) && !c.persons().isEmpty()) {
        Person candidate = rng.pick(c.persons());
        party = candidate.age() >= 18 ? candidate : null; // minors are not named as parties
      }
      house = party != null ? party.house() : rng.pick(c.houses());
      String source = switch (rng.weighted(new double[] {0.7, 0.1, 0.15, 0.05})) {
        case 1 -> "居民吹哨";
        case 2 -> "12345热线";
        case 3 -> "视频发现";
        default -> "网格员上报";
      };
      incidents.add(new Incident(CityClock.withinDaysBefore(rng, DAYS), kind, rng.pick(KINDS.get(kind)), party == null ? null : house,
          house.compound(), party, source, house.building().grid()));
    }
    incidents.sort(Comparator.comparing(Incident::reported));
    for (Incident incident : incidents) {
      String id = "WG" + CityClock.COMPACT_DATE.format(incident.reported()) + Digits.pad(++seq, 7);
      row(rng, incident, id, workers, incident.source());
      if (rng.chance(noise.profile().duplicateRecord())) {
        String copy = "WG" + CityClock.COMPACT_DATE.format(incident.reported()) + Digits.pad(++seq, 7);
        Incident again = new Incident(incident.reported().plusMinutes(rng.between(5, 180)), incident.kind(), incident.description(),
            incident.house(), incident.compound(), incident.party(), "12345热线", incident.grid());
        row(rng, again, copy, workers, "12345热线");
        noise.duplicated(copy, id);
        context.truth().event(FEED, copy, "E-" + id);
      }
      context.truth().event(FEED, id, "E-" + id);
    }
  }

  private void row(CityRandom rng, Incident incident, String id, Map<String, String> workers, String source) {
    FeedNoise.RecordNoise n = noise.record(id, rng);
    LocalDateTime reported = incident.reported();
    long ageHours = java.time.Duration.between(reported, CityClock.EPOCH).toHours();
    LocalDateTime dispatched = reported.plusMinutes(rng.between(10, 240));
    LocalDateTime closed = dispatched.plusHours(rng.between(1, 96));
    int stage = closed.isBefore(CityClock.EPOCH) && rng.chance(0.92) ? 3
        : dispatched.isBefore(CityClock.EPOCH) ? (ageHours > 24 ? 2 : 1) : 0;
    String[] status = {"已上报", "已派发", "处置中", "已办结"};
    String place = incident.house() != null
        ? ADDRESSES.pick(rng).render(incident.house())
        : AddressForm.compoundAddress(incident.compound()) + rng.pick(SPOTS);
    Person party = incident.party();
    csv.row(
        id,
        incident.kind(),
        n.text("sjms", incident.description()),
        CityClock.TIMESTAMP.format(reported),
        source,
        source.equals("网格员上报") ? workers.get(incident.grid().code()) : null,
        n.address("fsdz", place),
        incident.compound().community().code(),
        n.orMissing("wgbm", incident.grid().code()),
        party == null ? null : n.name("dsr_xm", party.name(), party.surnameLength()),
        party == null ? null : n.orMissing("dsr_sfzh", n.idNumber("dsr_sfzh", party.idNumber(), party.birthDate())),
        party == null ? null : n.orMissing("dsr_lxdh", n.phone("dsr_lxdh", party.contactPhone())),
        status[stage],
        stage >= 1 ? CityClock.TIMESTAMP.format(dispatched) : null,
        stage >= 1 ? rng.pick(DEPARTMENTS) : null,
        stage == 3 ? CityClock.TIMESTAMP.format(closed) : null,
        stage == 3 ? (rng.chance(0.85) ? "已处理，居民满意" : "已处理，已回访") : null);
    if (party != null) {
      context.truth().person(FEED, id, party.trueId());
    }
  }

  @Override
  public List<FeedExport> finish(CityBuilder city) {
    csv.close();
    return List.of(new FeedExport(FEED, csv.path(), csv.rows(), "csv_file"));
  }
}
