package org.cdhub.citygen;

import java.util.List;
import org.cdhub.citygen.Places.CommunityPopulation;

/**
 * 残联 roster of certified disabled persons (feed dpf_disabled), as an Excel workbook
 * ({@code disabled/dpf_disabled.xlsx}). The certificate number (残疾人证号) is the ID number
 * followed by category (1-7) and grade (1-4). Category and grade are health data: the
 * contract marks the feed not shared.
 */
final class DisabledRosterExport implements SourceExport {
  static final String FEED = "dpf_disabled";
  static final String FILE = "disabled/dpf_disabled.xlsx";
  static final String SHEET = "持证残疾人名册";
  static final List<String> COLUMNS = List.of("cjrzh", "xm", "xb", "sfzh", "csrq", "cjlb", "cjdj", "fzrq", "jhrxm", "jhrdh", "lxdh", "jzdz",
      "sqmc");
  static final double COVERAGE = 0.9;

  private final ExportContext context;
  private final XlsxSheet sheet;
  private final FeedNoise noise;

  DisabledRosterExport(ExportContext context) {
    this.context = context;
    this.sheet = new XlsxSheet(context.outputDir().resolve(FILE), SHEET, "银川市残疾人联合会", COLUMNS);
    this.noise = context.noise(FEED, NoiseProfile.ROSTER, false);
  }

  @Override
  public void write(CommunityPopulation c) {
    CityRandom rng = context.random(FEED, c.community().index());
    for (Household h : c.households()) {
      for (Person p : h.members()) {
        Person.Disability d = p.disability();
        if (d == null || !rng.chance(COVERAGE)) {
          continue;
        }
        String certificate = p.idNumber() + d.category() + d.grade();
        FeedNoise.RecordNoise n = noise.record(certificate, rng);
        boolean needsGuardian = p.age() < 18 || d.category() == 5 || d.category() == 6;
        Person guardian = needsGuardian
            ? h.members().stream().filter(m -> m != p && m.age() >= 18).findFirst().orElse(null)
            : null;
        sheet.row(
            certificate,
            n.name("xm", p.name(), p.surnameLength()),
            Rosters.sexWord(p.sex()),
            n.idNumber("sfzh", p.idNumber(), p.birthDate()),
            p.birthDate(),
            d.categoryLabel(),
            d.gradeLabel(),
            n.chance(noise.profile().dateVariant()) ? variantDate(n, d.issued()) : d.issued(),
            guardian == null ? null : n.orMissing("jhrxm", guardian.name()),
            guardian == null ? null : n.orMissing("jhrdh", n.phone("jhrdh", guardian.contactPhone())),
            n.orMissing("lxdh", n.phone("lxdh", p.contactPhone())),
            n.address("jzdz", Rosters.ROSTER_ADDRESSES.pick(rng).render(p.house())),
            p.house().community().name());
        context.truth().person(FEED, certificate, p.trueId());
      }
    }
  }

  private static String variantDate(FeedNoise.RecordNoise n, java.time.LocalDate date) {
    n.note("fzrq", NoiseKind.DATE_VARIANT);
    return CityClock.CHINESE_DATE.format(date);
  }

  @Override
  public List<FeedExport> finish(CityBuilder city) {
    sheet.close();
    return List.of(new FeedExport(FEED, context.outputDir().resolve(FILE), sheet.rows(), "excel_file"));
  }
}
