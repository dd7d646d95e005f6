package org.cdhub.citygen;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.cdhub.citygen.Places.CommunityPopulation;
import org.cdhub.kernel.Sex;

/**
 * 卫健 resident health records with family-doctor signing (feed health_residents), UTF-8 CSV
 * ({@code health/health_residents.csv}). Priority groups (65+, chronic disease, severe mental
 * disorder, disability, young children) are listed in {@code rqfl}; some residents have two
 * archives (重复建档).
 */
final class HealthRecordExport implements SourceExport {
  static final String FEED = "health_residents";
  static final String FILE = "health/health_residents.csv";
  static final List<String> COLUMNS = List.of("jkdabh", "xm", "xb", "csrq", "sfzh", "lxdh", "xzz", "jgmc", "qyys", "qyzt", "qyrq", "rqfl",
      "jdrq", "gxsj");
  /** Share of residents with a health archive. */
  static final double COVERAGE = 0.88;
  static final double SIGNED_PRIORITY = 0.8;
  static final double SIGNED_OTHERS = 0.3;
  static final DateTimeFormatter UPDATED = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm");
  static final AddressForm.Mix ADDRESSES = new AddressForm.Mix(0, 0.3, 0.1, 0.25, 0.25, 0.1, 0);

  private final ExportContext context;
  private final CsvFile csv;
  private final FeedNoise noise;
  private long seq;

  HealthRecordExport(ExportContext context) {
    this.context = context;
    this.csv = new CsvFile(context.outputDir().resolve(FILE), StandardCharsets.UTF_8, "\n", COLUMNS);
    this.noise = context.noise(FEED, NoiseProfile.HEALTH, false);
  }

  @Override
  public void write(CommunityPopulation c) {
    CityRandom rng = context.random(FEED, c.community().index());
    String district = c.community().district().code();
    String station = c.community().name().replace("社区", "") + "社区卫生服务站";
    String centre = c.community().street().name().replaceAll("(街道|镇|乡)$", "") + "社区卫生服务中心";
    List<String> doctors = new ArrayList<>();
    for (int i = 0; i < 3 + c.persons().size() / 1500; i++) {
      Sex sex = rng.chance(0.6) ? Sex.FEMALE : Sex.MALE;
      doctors.add(PersonNames.surname(rng) + PersonNames.givenName(rng, sex, rng.between(1970, 1995)));
    }
    for (Person p : c.persons()) {
      if (!rng.chance(COVERAGE)) {
        continue;
      }
      List<String> groups = groups(p);
      boolean signed = rng.chance(groups.isEmpty() ? SIGNED_OTHERS : SIGNED_PRIORITY);
      String doctor = rng.pick(doctors);
      String id = district + Digits.pad(++seq, 11);
      row(rng, p, id, rng.chance(0.7) ? station : centre, doctor, signed, groups);
      if (rng.chance(noise.profile().duplicateRecord())) {
        // 重复建档: a second archive opened at the other institution
        String copy = district + Digits.pad(++seq, 11);
        row(rng, p, copy, centre, rng.pick(doctors), false, groups);
        noise.duplicated(copy, id);
      }
    }
  }

  static List<String> groups(Person p) {
    List<String> g = new ArrayList<>();
    if (p.age() >= 65) {
      g.add("65岁及以上老年人");
    }
    if (p.age() <= 6) {
      g.add("0-6岁儿童");
    }
    if (p.hypertension()) {
      g.add("高血压患者");
    }
    if (p.diabetes()) {
      g.add("2型糖尿病患者");
    }
    if (p.severeMentalDisorder()) {
      g.add("严重精神障碍患者");
    }
    if (p.disability() != null) {
      g.add("残疾人");
    }
    return g;
  }

  private void row(CityRandom rng, Person p, String id, String institution, String doctor, boolean signed, List<String> groups) {
    FeedNoise.RecordNoise n = noise.record(id, rng);
    LocalDate opened = CityClock.dateBetween(rng, p.birthDate().isAfter(LocalDate.of(2010, 1, 1)) ? p.birthDate() : LocalDate.of(2010, 1, 1),
        LocalDate.of(2025, 12, 1));
    csv.row(
        id,
        n.name("xm", p.name(), p.surnameLength()),
        p.sex() == Sex.MALE ? "1" : "2",
        CityClock.ISO_DATE.format(p.birthDate()),
        n.orMissing("sfzh", n.idNumber("sfzh", p.idNumber(), p.birthDate())),
        n.orMissing("lxdh", n.phone("lxdh", p.contactPhone())),
        n.address("xzz", ADDRESSES.pick(rng).render(p.house())),
        institution,
        signed ? doctor : null,
        signed ? "已签约" : "未签约",
        signed ? CityClock.ISO_DATE.format(CityClock.dateBetween(rng, LocalDate.of(2025, 1, 1), LocalDate.of(2025, 12, 20))) : null,
        groups.isEmpty() ? "一般人群" : String.join(";", groups),
        CityClock.ISO_DATE.format(opened),
        UPDATED.format(CityClock.withinDaysBefore(rng, 400)));
    context.truth().person(FEED, id, p.trueId());
  }

  @Override
  public List<FeedExport> finish(CityBuilder city) {
    csv.close();
    return List.of(new FeedExport(FEED, csv.path(), csv.rows(), "csv_file"));
  }
}
