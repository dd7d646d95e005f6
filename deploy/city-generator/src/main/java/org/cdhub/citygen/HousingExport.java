package org.cdhub.citygen;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.cdhub.citygen.Places.Building;
import org.cdhub.citygen.Places.CommunityPopulation;
import org.cdhub.citygen.Places.Compound;
import org.cdhub.citygen.Places.House;
import org.cdhub.citygen.Places.Ownership;

/**
 * 住建 (housing and construction bureau): {@code departments/housing.db} with three tables —
 * houses with their registered owners ({@code fw_house}, feed housing_house), compounds with
 * their property company ({@code wy_xq}, feed housing_compound) and property companies
 * ({@code wy_qy}, feed housing_property_company).
 */
final class HousingExport implements SourceExport {
  static final String DATABASE = "departments/housing.db";
  static final String HOUSE_FEED = "housing_house";
  static final String COMPOUND_FEED = "housing_compound";
  static final String COMPANY_FEED = "housing_property_company";
  static final List<String> HOUSE_COLUMNS = List.of("fwbm", "xqbm", "xqmc", "ldh", "dyh", "fh", "szlc", "jzmj", "fwyt", "fwzt", "fwdz",
      "jwh_dm", "wgbm", "cqr_xm", "cqr_zjlx", "cqr_zjhm", "cqr_lxdh", "djrq", "updated_at");
  static final List<String> COMPOUND_COLUMNS = List.of("xqbm", "xqmc", "xqdz", "jd_mc", "sq_mc", "jwh_dm", "wygs_tyxydm", "wygs_mc",
      "kfs_mc", "jcnd", "lds", "fws", "updated_at");
  static final List<String> COMPANY_COLUMNS = List.of("tyxydm", "qymc", "fddbr", "zcdz", "lxdh", "zzdj", "glxqs", "updated_at");
  static final String HOUSE_DDL = """
      CREATE TABLE fw_house (
        fwbm VARCHAR(32) NOT NULL PRIMARY KEY,
        xqbm VARCHAR(32),
        xqmc VARCHAR(100),
        ldh VARCHAR(16),
        dyh VARCHAR(8),
        fh VARCHAR(16),
        szlc INTEGER,
        jzmj DECIMAL(10,2),
        fwyt VARCHAR(16),
        fwzt VARCHAR(16),
        fwdz TEXT,
        jwh_dm VARCHAR(12),
        wgbm VARCHAR(15),
        cqr_xm VARCHAR(100),
        cqr_zjlx VARCHAR(16),
        cqr_zjhm VARCHAR(24),
        cqr_lxdh VARCHAR(20),
        djrq VARCHAR(10),
        updated_at VARCHAR(19)
      )""";
  static final String COMPOUND_DDL = """
      CREATE TABLE wy_xq (
        xqbm VARCHAR(32) NOT NULL PRIMARY KEY,
        xqmc VARCHAR(100),
        xqdz TEXT,
        jd_mc VARCHAR(50),
        sq_mc VARCHAR(50),
        jwh_dm VARCHAR(12),
        wygs_tyxydm VARCHAR(18),
        wygs_mc VARCHAR(100),
        kfs_mc VARCHAR(100),
        jcnd INTEGER,
        lds INTEGER,
        fws INTEGER,
        updated_at VARCHAR(19)
      )""";
  static final String COMPANY_DDL = """
      CREATE TABLE wy_qy (
        tyxydm VARCHAR(18) NOT NULL PRIMARY KEY,
        qymc VARCHAR(100),
        fddbr VARCHAR(50),
        zcdz TEXT,
        lxdh VARCHAR(20),
        zzdj VARCHAR(8),
        glxqs INTEGER,
        updated_at VARCHAR(19)
      )""";
  /** The housing system writes standard addresses, sometimes with the city in front. */
  static final AddressForm.Mix ADDRESSES = new AddressForm.Mix(0, 0.2, 0.8, 0, 0, 0, 0);

  private final ExportContext context;
  private final SqliteDatabase db;
  private final SqliteTable houses;
  private final SqliteTable compounds;
  private final SqliteTable companies;
  private final FeedNoise houseNoise;
  private final FeedNoise compoundNoise;
  private final Map<String, Integer> managed = new TreeMap<>();

  HousingExport(ExportContext context) {
    this.context = context;
    this.db = new SqliteDatabase(context.outputDir().resolve(DATABASE));
    this.houses = new SqliteTable(db.connection(), "fw_house", HOUSE_DDL, HOUSE_COLUMNS);
    this.compounds = new SqliteTable(db.connection(), "wy_xq", COMPOUND_DDL, COMPOUND_COLUMNS);
    this.companies = new SqliteTable(db.connection(), "wy_qy", COMPANY_DDL, COMPANY_COLUMNS);
    this.houseNoise = context.noise(HOUSE_FEED, NoiseProfile.HOUSING, false);
    this.compoundNoise = context.noise(COMPOUND_FEED, NoiseProfile.HOUSING, false);
  }

  @Override
  public void write(CommunityPopulation c) {
    CityRandom rng = context.random(HOUSE_FEED, c.community().index());
    for (Compound k : c.compounds()) {
      List<Building> buildings = c.buildings().stream().filter(b -> b.compound() == k).toList();
      int houseCount = buildings.stream().mapToInt(Building::houses).sum();
      FeedNoise.RecordNoise n = compoundNoise.record(k.housingCode(), rng);
      compounds.row(
          k.housingCode(),
          n.text("xqmc", k.name()),
          n.address("xqdz", Gazetteer.CITY + k.community().district().name() + k.road() + k.roadNumber() + "号"),
          k.community().street().name(),
          k.community().name(),
          k.community().code(),
          k.propertyCompany().creditCode(),
          k.propertyCompany().name(),
          k.developer() == null ? null : n.orMissing("kfs_mc", k.developer().name()),
          k.builtYear(),
          buildings.size(),
          houseCount,
          CityClock.TIMESTAMP.format(CityClock.withinDaysBefore(rng, 365)));
      context.truth().place(COMPOUND_FEED, k.housingCode(), k.code());
      managed.merge(k.propertyCompany().trueId(), 1, Integer::sum);
    }
    Map<Compound, Integer> buildingStyle = new java.util.IdentityHashMap<>();
    for (Ownership o : c.ownerships()) {
      House h = o.house();
      int style = buildingStyle.computeIfAbsent(h.compound(), k -> rng.nextInt(3));
      String building = switch (style) {
        case 0 -> h.building().number() + "号楼";
        case 1 -> String.valueOf(h.building().number());
        default -> h.building().number() + "栋";
      };
      FeedNoise.RecordNoise n = houseNoise.record(h.housingCode(), rng);
      Places.Owner owner = o.owner();
      String ownerName = owner.isPerson() ? n.name("cqr_xm", owner.name(), surnameLength(owner.name())) : owner.name();
      String ownerId = owner.isPerson() ? n.idNumber("cqr_zjhm", owner.idNumber(), birthOf(owner.idNumber())) : owner.idNumber();
      houses.row(
          h.housingCode(),
          h.compound().housingCode(),
          h.compound().name(),
          building,
          String.valueOf(h.unit()),
          h.room(),
          h.floor(),
          h.area(),
          "住宅",
          switch (o.tenure()) {
            case OWNER_OCCUPIED -> "自住";
            case RENTED -> "出租";
            case VACANT -> "空置";
          },
          n.address("fwdz", ADDRESSES.pick(rng).render(h)),
          h.community().code(),
          // the grid management assigns whole buildings to grids; the register copies the code
          h.building().grid().code(),
          ownerName,
          owner.isPerson() ? "身份证" : "统一社会信用代码",
          ownerId,
          n.orMissing("cqr_lxdh", n.phone("cqr_lxdh", owner.phone())),
          CityClock.ISO_DATE.format(o.registered()),
          CityClock.TIMESTAMP.format(CityClock.withinDaysBefore(rng, 1_000)));
      context.truth().place(HOUSE_FEED, h.housingCode(), h.trueId());
      if (owner.isPerson()) {
        context.truth().person(HOUSE_FEED, h.housingCode(), owner.trueId());
      }
    }
  }

  /** Surname length of a generated name: the two compound surnames the city uses, else one. */
  static int surnameLength(String name) {
    return name.startsWith("欧阳") || name.startsWith("司马") ? 2 : 1;
  }

  private static java.time.LocalDate birthOf(String id) {
    return java.time.LocalDate.parse(id.substring(6, 14), CityClock.COMPACT_DATE);
  }

  @Override
  public List<FeedExport> finish(CityBuilder city) {
    CityRandom rng = context.random(COMPANY_FEED, 0);
    List<Organization> all = new ArrayList<>(city.propertyCompanies());
    for (Organization o : all) {
      companies.row(
          o.creditCode(),
          o.name(),
          o.legalRepresentative(),
          o.address(),
          o.phone(),
          rng.pick(List.of("一级", "二级", "三级")),
          managed.getOrDefault(o.trueId(), 0),
          CityClock.TIMESTAMP.format(CityClock.withinDaysBefore(rng, 365)));
      context.truth().organization(COMPANY_FEED, o.creditCode(), o.trueId());
    }
    for (SqliteTable t : List.of(houses, compounds, companies)) {
      t.flush();
      t.close();
    }
    db.execute("CREATE INDEX fw_house_jwh_dm ON fw_house (jwh_dm)");
    db.execute("CREATE INDEX fw_house_cqr_zjhm ON fw_house (cqr_zjhm)");
    db.close();
    return List.of(
        new FeedExport(HOUSE_FEED, db.file(), houses.rows(), "jdbc_table"),
        new FeedExport(COMPOUND_FEED, db.file(), compounds.rows(), "jdbc_table"),
        new FeedExport(COMPANY_FEED, db.file(), companies.rows(), "jdbc_table"));
  }
}
