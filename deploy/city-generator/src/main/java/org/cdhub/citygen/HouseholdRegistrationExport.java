package org.cdhub.citygen;

import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.cdhub.citygen.Places.CommunityPopulation;
import org.cdhub.kernel.Sex;

/**
 * 公安户籍 (feed hr_household): the household register as a table {@code hr_person} in the
 * public-security front-end database, here {@code departments/hr.db}. The DDL is portable
 * (SQLite, PostgreSQL, MariaDB): codes as VARCHAR, free text as TEXT, dates and times as
 * text in the formats the contract declares. A few people are registered twice (一人多户).
 */
final class HouseholdRegistrationExport implements SourceExport {
  static final String FEED = "hr_household";
  static final String TABLE = "hr_person";
  static final String DATABASE = "departments/hr.db";
  static final List<String> COLUMNS = List.of("rkbh", "hh_no", "xm", "xb", "csrq", "sfzh", "lxdh", "hjdz", "jwh_dm", "yhzgx", "mz", "updated_at");
  static final String DDL = """
      CREATE TABLE hr_person (
        rkbh VARCHAR(32) NOT NULL PRIMARY KEY,
        hh_no VARCHAR(32),
        xm VARCHAR(100),
        xb VARCHAR(1),
        csrq VARCHAR(10),
        sfzh VARCHAR(24),
        lxdh VARCHAR(20),
        hjdz TEXT,
        jwh_dm VARCHAR(12),
        yhzgx VARCHAR(8),
        mz VARCHAR(4),
        updated_at VARCHAR(19)
      )""";
  /** Registered address forms: the register usually writes the full form. */
  static final AddressForm.Mix ADDRESSES = new AddressForm.Mix(0.35, 0.35, 0.25, 0, 0, 0.05, 0);
  /** Police stations on the newer system write birth dates as yyyy-MM-dd, the rest as yyyyMMdd. */
  static final double NEWER_SYSTEM_STATIONS = 0.3;

  private final ExportContext context;
  private final SqliteDatabase db;
  private final SqliteTable table;
  private final FeedNoise noise;
  private long seq;
  private long staleHouseholds;

  HouseholdRegistrationExport(ExportContext context) {
    this.context = context;
    this.db = new SqliteDatabase(context.outputDir().resolve(DATABASE));
    this.table = new SqliteTable(db.connection(), TABLE, DDL, COLUMNS);
    this.noise = context.noise(FEED, NoiseProfile.PUBLIC_SECURITY, false);
  }

  @Override
  public void write(CommunityPopulation c) {
    CityRandom rng = context.random(FEED, c.community().index());
    DateTimeFormatter birthFormat = rng.chance(NEWER_SYSTEM_STATIONS) ? CityClock.ISO_DATE : CityClock.COMPACT_DATE;
    String district = c.community().district().code();
    for (Person p : c.persons()) {
      String rkbh = district + Digits.pad(++seq, 10);
      row(rng, p, rkbh, p.householdNo(), birthFormat);
      if (rng.chance(noise.profile().duplicateRecord())) {
        // 一人多户: an older registration elsewhere was never cancelled
        String copy = district + Digits.pad(++seq, 10);
        row(rng, p, copy, district + "9" + Digits.pad(++staleHouseholds, 5), birthFormat);
        noise.duplicated(copy, rkbh);
      }
    }
  }

  private void row(CityRandom rng, Person p, String rkbh, String householdNo, DateTimeFormatter birthFormat) {
    FeedNoise.RecordNoise n = noise.record(rkbh, rng);
    table.row(
        rkbh,
        householdNo,
        n.name("xm", p.name(), p.surnameLength()),
        n.orMissing("xb", p.sex() == Sex.MALE ? "1" : "2"),
        n.orMissing("csrq", birthFormat.format(p.birthDate())),
        n.idNumber("sfzh", p.idNumber(), p.birthDate()),
        n.orMissing("lxdh", n.phone("lxdh", p.contactPhone())),
        n.address("hjdz", ADDRESSES.pick(rng).render(p.house())),
        p.house().community().code(),
        p.relation().code,
        p.ethnicity().code,
        CityClock.TIMESTAMP.format(CityClock.withinDaysBefore(rng, 730)));
    context.truth().person(FEED, rkbh, p.trueId());
  }

  @Override
  public List<FeedExport> finish(CityBuilder city) {
    table.flush();
    table.close();
    db.execute("CREATE INDEX hr_person_updated_at ON hr_person (updated_at)");
    db.execute("CREATE INDEX hr_person_jwh_dm ON hr_person (jwh_dm)");
    db.close();
    Path file = db.file();
    return List.of(new FeedExport(FEED, file, table.rows(), "jdbc_table"));
  }
}
