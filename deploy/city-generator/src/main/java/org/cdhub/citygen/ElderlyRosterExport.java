package org.cdhub.citygen;

import java.util.List;
import org.cdhub.citygen.Places.CommunityPopulation;

/**
 * 民政 elderly roster (feed ca_elderly): residents aged 60 and over with their living situation
 * (独居 alone, 空巢 empty nest, 与子女同住 with children) and an emergency contact, as a GBK CSV
 * saved from Excel ({@code civil/ca_elderly.csv}). Coverage is incomplete, as real rosters are.
 */
final class ElderlyRosterExport implements SourceExport {
  static final String FEED = "ca_elderly";
  static final String FILE = "civil/ca_elderly.csv";
  static final List<String> COLUMNS = List.of("lrbh", "xm", "xb", "sfzh", "csrq", "nl", "lxdh", "jzdz", "sqmc", "jjlxr", "jjlxrdh", "jzzk",
      "sfdj", "djrq");
  /** Share of residents aged 60+ the roster covers. */
  static final double COVERAGE = 0.92;

  private final ExportContext context;
  private final CsvFile csv;
  private final FeedNoise noise;
  private final Registrar contacts;
  private long seq;

  ElderlyRosterExport(ExportContext context) {
    this.context = context;
    this.csv = new CsvFile(context.outputDir().resolve(FILE), Rosters.GBK, Rosters.WINDOWS_LINE_END, COLUMNS);
    this.noise = context.noise(FEED, NoiseProfile.ROSTER, true);
    this.contacts = new Registrar(context.seed() ^ 0xE1DE41L, 1 << 10);
  }

  @Override
  public void write(CommunityPopulation c) {
    CityRandom rng = context.random(FEED, c.community().index());
    String district = c.community().district().code();
    for (Household h : c.households()) {
      boolean allElderly = h.members().stream().allMatch(p -> p.age() >= 60);
      for (Person p : h.members()) {
        if (p.age() < 60 || !rng.chance(COVERAGE)) {
          continue;
        }
        String situation = p.elderlyAlone() ? "独居" : allElderly ? "空巢" : "与子女同住";
        Person relative = h.members().stream().filter(m -> m != p && m.age() >= 18 && m.age() < 60).findFirst().orElse(null);
        String contactName;
        String contactPhone;
        if (relative != null) {
          contactName = relative.name();
          contactPhone = relative.contactPhone();
        } else {
          // a son or daughter living elsewhere: shares the surname, not the address
          contactName = p.surname() + PersonNames.givenName(rng, rng.chance(0.5) ? org.cdhub.kernel.Sex.MALE : org.cdhub.kernel.Sex.FEMALE,
              p.birthDate().getYear() + 28);
          contactPhone = contacts.mobile(rng);
        }
        String id = "MZLN" + district + Digits.pad(++seq, 7);
        row(rng, p, id, situation, contactName, contactPhone);
        if (rng.chance(noise.profile().duplicateRecord())) {
          String copy = "MZLN" + district + Digits.pad(++seq, 7);
          row(rng, p, copy, situation, contactName, contactPhone);
          noise.duplicated(copy, id);
        }
      }
    }
  }

  private void row(CityRandom rng, Person p, String id, String situation, String contactName, String contactPhone) {
    FeedNoise.RecordNoise n = noise.record(id, rng);
    csv.row(
        id,
        n.name("xm", p.name(), p.surnameLength()),
        Rosters.sexWord(p.sex()),
        n.idNumber("sfzh", p.idNumber(), p.birthDate()),
        n.orMissing("csrq", n.date("csrq", p.birthDate(), CityClock.SLASH_DATE)),
        n.orMissing("nl", String.valueOf(p.age())),
        n.orMissing("lxdh", n.phone("lxdh", p.contactPhone())),
        n.address("jzdz", Rosters.ROSTER_ADDRESSES.pick(rng).render(p.house())),
        p.house().community().name(),
        n.orMissing("jjlxr", contactName),
        n.orMissing("jjlxrdh", n.phone("jjlxrdh", contactPhone)),
        situation,
        p.elderlyAlone() ? "是" : "否",
        CityClock.SLASH_DATE.format(CityClock.dateBetween(rng, p.birthDate().plusYears(60).isAfter(java.time.LocalDate.of(2015, 1, 1))
            ? p.birthDate().plusYears(60) : java.time.LocalDate.of(2015, 1, 1), java.time.LocalDate.of(2025, 12, 20))));
    context.truth().person(FEED, id, p.trueId());
  }

  @Override
  public List<FeedExport> finish(CityBuilder city) {
    csv.close();
    return List.of(new FeedExport(FEED, csv.path(), csv.rows(), "csv_file"));
  }
}
