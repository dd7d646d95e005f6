package org.cdhub.citygen;

import java.util.List;
import org.cdhub.citygen.Places.CommunityPopulation;

/**
 * 退役军人事务局 roster (feed va_veteran): veterans with service dates, category and
 * placement, as a GBK CSV ({@code veterans/va_veteran.csv}); birth dates written 1975年3月2日.
 */
final class VeteranRosterExport implements SourceExport {
  static final String FEED = "va_veteran";
  static final String FILE = "veterans/va_veteran.csv";
  static final List<String> COLUMNS = List.of("tyjrbh", "xm", "xb", "sfzh", "csrq", "mz", "rwsj", "twsj", "tylb", "azfs", "lxdh", "jzdz",
      "sqmc");
  static final double COVERAGE = 0.95;

  private final ExportContext context;
  private final CsvFile csv;
  private final FeedNoise noise;
  private long seq;

  VeteranRosterExport(ExportContext context) {
    this.context = context;
    this.csv = new CsvFile(context.outputDir().resolve(FILE), Rosters.GBK, Rosters.WINDOWS_LINE_END, COLUMNS);
    this.noise = context.noise(FEED, NoiseProfile.ROSTER, true);
  }

  @Override
  public void write(CommunityPopulation c) {
    CityRandom rng = context.random(FEED, c.community().index());
    String district = c.community().district().code();
    for (Person p : c.persons()) {
      if (p.veteran() == null || !rng.chance(COVERAGE)) {
        continue;
      }
      String id = "TY" + district + Digits.pad(++seq, 6);
      row(rng, p, id);
      if (rng.chance(noise.profile().duplicateRecord())) {
        String copy = "TY" + district + Digits.pad(++seq, 6);
        row(rng, p, copy);
        noise.duplicated(copy, id);
      }
    }
  }

  private void row(CityRandom rng, Person p, String id) {
    FeedNoise.RecordNoise n = noise.record(id, rng);
    Person.Veteran v = p.veteran();
    csv.row(
        id,
        n.name("xm", p.name(), p.surnameLength()),
        Rosters.sexWord(p.sex()),
        n.idNumber("sfzh", p.idNumber(), p.birthDate()),
        n.date("csrq", p.birthDate(), CityClock.CHINESE_DATE),
        p.ethnicity().label,
        CityClock.YEAR_MONTH.format(v.enlisted()),
        CityClock.YEAR_MONTH.format(v.discharged()),
        v.category(),
        n.orMissing("azfs", v.placement()),
        n.orMissing("lxdh", n.phone("lxdh", p.contactPhone())),
        n.address("jzdz", Rosters.ROSTER_ADDRESSES.pick(rng).render(p.house())),
        p.house().community().name());
    context.truth().person(FEED, id, p.trueId());
  }

  @Override
  public List<FeedExport> finish(CityBuilder city) {
    csv.close();
    return List.of(new FeedExport(FEED, csv.path(), csv.rows(), "csv_file"));
  }
}
