package org.cdhub.citygen;

import java.time.LocalDate;
import java.util.List;
import org.cdhub.citygen.Places.CommunityPopulation;

/**
 * 民政 subsistence-allowance roster (低保, feed ca_subsistence): one row per covered member of
 * each 低保 household, as the Excel workbook community workers keep
 * ({@code civil/ca_subsistence.xlsx}). Dates are real date cells (they read back as Excel
 * serial days), amounts numbers; now and then an ID number was typed into a numeric cell.
 */
final class SubsistenceRosterExport implements SourceExport {
  static final String FEED = "ca_subsistence";
  static final String FILE = "civil/ca_subsistence.xlsx";
  static final String SHEET = "城乡低保对象名册";
  static final List<String> COLUMNS = List.of("jzbh", "dbzh", "jdmc", "sqmc", "hzxm", "hzsfzh", "cyxm", "cysfzh", "yhzgx", "bzrs", "ybzj",
      "ksrq", "lxdh", "jtzz");
  /** An ID number typed into a numeric cell loses its last digits (6.40104195003151E17). */
  static final double ID_AS_NUMBER = 0.005;
  /** Yinchuan's urban subsistence line per person and month, 2025 (yuan). */
  static final int MONTHLY_STANDARD = 810;

  private final ExportContext context;
  private final XlsxSheet sheet;
  private final FeedNoise noise;
  private long households;

  SubsistenceRosterExport(ExportContext context) {
    this.context = context;
    this.sheet = new XlsxSheet(context.outputDir().resolve(FILE), SHEET, "银川市民政局", COLUMNS);
    this.noise = context.noise(FEED, NoiseProfile.ROSTER, false);
  }

  @Override
  public void write(CommunityPopulation c) {
    CityRandom rng = context.random(FEED, c.community().index());
    String district = c.community().district().code();
    for (Household h : c.households()) {
      if (!h.subsistence()) {
        continue;
      }
      String certificate = "DB" + district + Digits.pad(++households, 6);
      int covered = h.members().size();
      double amount = covered * (MONTHLY_STANDARD - rng.between(0, 12) * 40);
      LocalDate since = CityClock.dateBetween(rng, LocalDate.of(2012, 1, 1), LocalDate.of(2025, 11, 1)).withDayOfMonth(1);
      Person head = h.head();
      int member = 0;
      for (Person p : h.members()) {
        String id = certificate + "-" + Digits.pad(++member, 2);
        FeedNoise.RecordNoise n = noise.record(id, rng);
        String headName = n.name("hzxm", head.name(), head.surnameLength());
        Object memberId = idCell(n, "cysfzh", p);
        Object dateCell = n.chance(noise.profile().dateVariant())
            ? textDate(n, since)
            : since;
        sheet.row(
            id,
            certificate,
            c.community().street().name(),
            c.community().name(),
            headName,
            idCell(n, "hzsfzh", head),
            p == head ? headName : n.name("cyxm", p.name(), p.surnameLength()),
            memberId,
            p.relation().label,
            covered,
            amount,
            dateCell,
            n.orMissing("lxdh", n.phone("lxdh", p.contactPhone())),
            n.address("jtzz", Rosters.ROSTER_ADDRESSES.pick(rng).render(p.house())));
        context.truth().person(FEED, id, p.trueId());
      }
    }
  }

  private static Object idCell(FeedNoise.RecordNoise n, String field, Person p) {
    String id = n.idNumber(field, p.idNumber(), p.birthDate());
    if (id.chars().allMatch(ch -> ch >= '0' && ch <= '9') && n.chance(ID_AS_NUMBER)) {
      n.note(field, NoiseKind.ID_AS_NUMBER);
      return Double.parseDouble(id);
    }
    return id;
  }

  private static String textDate(FeedNoise.RecordNoise n, LocalDate date) {
    n.note("ksrq", NoiseKind.DATE_VARIANT);
    return FeedNoise.DATE_FORMATS.get(1 + n.random().nextInt(FeedNoise.DATE_FORMATS.size() - 1)).transform(
        pattern -> java.time.format.DateTimeFormatter.ofPattern(pattern).format(date));
  }

  @Override
  public List<FeedExport> finish(CityBuilder city) {
    sheet.close();
    return List.of(new FeedExport(FEED, context.outputDir().resolve(FILE), sheet.rows(), "excel_file"));
  }
}
