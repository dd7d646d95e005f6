package org.cdhub.citygen;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.List;
import org.cdhub.citygen.Gazetteer.District;
import org.cdhub.citygen.Gazetteer.StreetKind;
import org.cdhub.citygen.HouseholdShape.Member;
import org.cdhub.citygen.Person.Disability;
import org.cdhub.citygen.Person.Ethnicity;
import org.cdhub.citygen.Person.Relation;
import org.cdhub.citygen.Person.Veteran;
import org.cdhub.citygen.Places.Building;
import org.cdhub.citygen.Places.Community;
import org.cdhub.citygen.Places.CommunityPopulation;
import org.cdhub.citygen.Places.Compound;
import org.cdhub.citygen.Places.CompoundKind;
import org.cdhub.citygen.Places.Grid;
import org.cdhub.citygen.Places.House;
import org.cdhub.citygen.Places.Owner;
import org.cdhub.citygen.Places.Ownership;
import org.cdhub.citygen.Places.Tenure;
import org.cdhub.kernel.Sex;

/**
 * Builds the true city one community at a time: its compounds, buildings and houses, the
 * households living there, their members, owners, the businesses registered there and the
 * devices vendors installed. Memory stays bounded by the largest community; numbering and
 * uniqueness run across the city in community order, so the result depends only on the seed.
 */
final class CityBuilder {
  static final double HOUSEHOLD_WITH_CAR = 0.38;
  static final double RENTED_SHARE = 0.2;
  static final double LOCAL_BORN_ADULTS = 0.75;
  static final int RESIDENTS_PER_ENTERPRISE = 40;
  static final int HOUSEHOLDS_PER_GRID = 350;

  /** Surnames common among Yinchuan's Hui (回族) families. */
  private static final String HUI_SURNAMES = "马丁海纳穆沙锁金";

  private final long seed;
  private final CityPlan plan;
  private final Registrar registrar;
  private final List<Organization> propertyCompanies = new ArrayList<>();
  private final List<Organization> developers = new ArrayList<>();
  private final int[] hhNoSeq = new int[Gazetteer.DISTRICTS.size()];
  private final int[] compoundSeq = new int[Gazetteer.DISTRICTS.size()];
  private final Set<String> compoundNames = new HashSet<>();
  private long personSeq;
  private long householdSeq;
  private long houseSeq;
  private long orgSeq;
  private long deviceSeq;

  CityBuilder(CityPlan plan) {
    this.plan = requireNonNull(plan, "plan is null");
    this.seed = plan.seed();
    this.registrar = new Registrar(seed, plan.people());
    CityRandom rng = CityRandom.stream(seed, "city-organizations", 0);
    int companies = Math.max(2, Math.min(300, plan.people() / 8_000));
    for (int i = 0; i < companies; i++) {
      propertyCompanies.add(cityOrganization(rng, Organization.Kind.PROPERTY_COMPANY));
    }
    int builders = Math.max(2, Math.min(150, plan.people() / 20_000));
    for (int i = 0; i < builders; i++) {
      developers.add(cityOrganization(rng, Organization.Kind.DEVELOPER));
    }
  }

  List<Organization> propertyCompanies() {
    return List.copyOf(propertyCompanies);
  }

  List<Organization> developers() {
    return List.copyOf(developers);
  }

  CommunityPopulation build(Community community) {
    CityRandom rng = CityRandom.stream(seed, "community", community.index());
    List<List<Member>> shapes = new ArrayList<>();
    int left = community.people();
    while (left > 0) {
      List<Member> members = HouseholdShape.pick(rng).members(rng);
      if (members.size() > left) {
        members = new ArrayList<>(members.subList(0, left));
        if (members.get(members.size() - 1).twinOfPrevious()) {
          members.set(members.size() - 1, withoutTwin(members.get(members.size() - 1)));
        }
      }
      shapes.add(members);
      left -= members.size();
    }
    rng.shuffle(shapes);

    List<Grid> grids = new ArrayList<>();
    int gridCount = Math.max(1, Math.round(shapes.size() / (float) HOUSEHOLDS_PER_GRID));
    for (int g = 1; g <= gridCount; g++) {
      grids.add(new Grid(community.code() + Digits.pad(g, 3), "第" + Numerals.chinese(Math.min(g, 99)) + "网格", community));
    }
    List<Compound> compounds = new ArrayList<>();
    List<Building> buildings = new ArrayList<>();
    List<House> houses = new ArrayList<>();
    double occupancy = 0.8 + 0.12 * rng.nextDouble();
    int capacity = shapes.isEmpty() ? 0 : (int) Math.ceil(shapes.size() / occupancy);
    buildPlaces(rng, community, capacity, grids, compounds, buildings, houses);

    // Exactly one house per household, spread over the community (Knuth's selection sampling).
    List<House> occupied = new ArrayList<>();
    int need = shapes.size();
    for (int i = 0; i < houses.size() && need > 0; i++) {
      if (rng.nextDouble() * (houses.size() - i) < need) {
        occupied.add(houses.get(i));
        need--;
      }
    }

    List<Household> households = new ArrayList<>();
    List<Person> persons = new ArrayList<>();
    for (int h = 0; h < shapes.size(); h++) {
      Household household = household(rng, community, shapes.get(h), occupied.get(h));
      households.add(household);
      persons.addAll(household.members());
    }
    List<Ownership> ownerships = ownerships(rng, houses, households, persons);
    List<Organization> enterprises = enterprises(rng, community, persons);
    List<Device> devices = devices(rng, compounds, buildings, houses);
    return new CommunityPopulation(community, grids, compounds, buildings, houses, ownerships, households, persons, enterprises, devices);
  }

  private static Member withoutTwin(Member m) {
    return new Member(m.relation(), m.sex(), m.age(), m.surnameOf(), false);
  }

  // ---------------------------------------------------------------- places

  private void buildPlaces(CityRandom rng, Community community, int capacity, List<Grid> grids,
      List<Compound> compounds, List<Building> buildings, List<House> houses) {
    int built = 0;
    boolean urban = community.street().kind() == StreetKind.SUBDISTRICT;
    int districtIndex = Gazetteer.DISTRICTS.indexOf(community.district());
    List<Building> draft = new ArrayList<>();
    while (built < capacity) {
      CompoundKind kind = urban
          ? (rng.chance(0.55) ? CompoundKind.NEW_HIGHRISE : CompoundKind.OLD_WALKUP)
          : CompoundKind.values()[rng.weighted(new double[] {0.1, 0.3, 0.6})];
      int builtYear = switch (kind) {
        case OLD_WALKUP -> rng.between(1985, 2005);
        case NEW_HIGHRISE -> rng.between(2006, 2023);
        case RESETTLEMENT -> rng.between(2008, 2020);
      };
      boolean smart = switch (kind) {
        case NEW_HIGHRISE -> rng.chance(0.85);
        case OLD_WALKUP -> rng.chance(0.35);
        case RESETTLEMENT -> rng.chance(0.5);
      } || (community.index() == 0 && compounds.isEmpty()); // small cities still get vendor data
      int number = compounds.size() + 1;
      String housingCode = "XQ" + community.district().code() + Digits.pad(++compoundSeq[districtIndex], 4);
      Compound compound = new Compound(
          community.code() + "C" + Digits.pad(number, 2),
          housingCode,
          compoundName(rng),
          community,
          kind,
          builtYear,
          rng.pick(community.district().roads()),
          rng.between(1, 120) * 2 + (rng.chance(0.5) ? 1 : 0),
          rng.pick(propertyCompanies),
          kind == CompoundKind.OLD_WALKUP ? null : rng.pick(developers),
          smart,
          smart && rng.chance(0.6));
      compounds.add(compound);
      int target = switch (kind) {
        case OLD_WALKUP -> rng.between(4, 16);
        case NEW_HIGHRISE -> rng.between(6, 24);
        case RESETTLEMENT -> rng.between(8, 20);
      };
      for (int b = 1; b <= target && built < capacity; b++) {
        int floors;
        int units;
        int perFloor;
        switch (kind) {
          case OLD_WALKUP -> {
            floors = rng.chance(0.7) ? 6 : rng.between(5, 7);
            units = rng.between(2, 4);
            perFloor = 2;
          }
          case NEW_HIGHRISE -> {
            floors = new int[] {11, 18, 26, 33}[rng.weighted(new double[] {0.3, 0.35, 0.2, 0.15})];
            units = rng.between(1, 2);
            perFloor = rng.between(2, 4);
          }
          default -> {
            floors = rng.between(6, 11);
            units = rng.between(2, 3);
            perFloor = 2;
          }
        }
        // The last building of a small community is only as tall as it needs to be.
        int remaining = capacity - built;
        if (floors * units * perFloor > remaining) {
          units = Math.max(1, Math.min(units, (remaining + floors * perFloor - 1) / (floors * perFloor)));
          floors = Math.max(3, Math.min(floors, (remaining + units * perFloor - 1) / (units * perFloor)));
        }
        Building building = new Building(compound, b, floors, units, perFloor, null);
        draft.add(building);
        built += building.houses();
      }
    }
    // Grids cover contiguous runs of buildings, as grid workers walk them.
    for (int i = 0; i < draft.size(); i++) {
      Building d = draft.get(i);
      Grid grid = grids.get((int) ((long) i * grids.size() / draft.size()));
      Building building = new Building(d.compound(), d.number(), d.floors(), d.units(), d.perFloor(), grid);
      buildings.add(building);
      for (int u = 1; u <= building.units(); u++) {
        for (int f = 1; f <= building.floors(); f++) {
          for (int p = 1; p <= building.perFloor(); p++) {
            houses.add(new House(building, u, f, p, area(rng, d.compound().kind(), d.perFloor()),
                "FW" + community.district().code() + Digits.pad(++houseSeq, 8)));
          }
        }
      }
    }
  }

  private static double area(CityRandom rng, CompoundKind kind, int perFloor) {
    double base = switch (kind) {
      case OLD_WALKUP -> rng.gaussian(68, 12, 42, 110);
      case NEW_HIGHRISE -> rng.gaussian(118, 25, 60, 220) * (perFloor >= 4 ? 0.8 : 1);
      case RESETTLEMENT -> rng.gaussian(88, 15, 55, 130);
    };
    return Math.round(base * 100) / 100.0;
  }

  private String compoundName(CityRandom rng) {
    for (int attempt = 0; ; attempt++) {
      String stem = rng.pick(Gazetteer.COMPOUND_WORDS);
      if (attempt > 50) {
        stem += rng.pick(Gazetteer.COMMUNITY_WORDS);
      }
      String name = stem + rng.pick(Gazetteer.COMPOUND_SUFFIXES);
      if (compoundNames.add(name)) {
        return name;
      }
    }
  }

  // ---------------------------------------------------------------- people

  private Household household(CityRandom rng, Community community, List<Member> members, House house) {
    District district = community.district();
    String householdId = "H" + Digits.pad(++householdSeq, 8);
    int d = Gazetteer.DISTRICTS.indexOf(district);
    String householdNo = district.code() + Digits.pad(++hhNoSeq[d], 6);
    int n = members.size();
    String[] surnames = new String[n];
    for (int i = 0; i < n; i++) {
      int of = members.get(i).surnameOf();
      surnames[i] = of >= 0 && of < i ? surnames[of] : PersonNames.surname(rng);
    }
    boolean hui = HUI_SURNAMES.contains(surnames[0]) && surnames[0].length() == 1 ? rng.chance(0.85) : rng.chance(0.15);
    Ethnicity householdEthnicity = hui ? Ethnicity.HUI : minorityOrHan(rng);
    boolean householdLocal = rng.chance(LOCAL_BORN_ADULTS);

    LocalDate[] births = new LocalDate[n];
    String[] names = new String[n];
    String[] ids = new String[n];
    String[] phones = new String[n];
    for (int i = 0; i < n; i++) {
      Member m = members.get(i);
      births[i] = m.twinOfPrevious() && i > 0
          ? births[i - 1]
          : Person.EPOCH.minusYears(m.age()).minusDays(1 + rng.nextInt(364));
      int year = births[i].getYear();
      String given = PersonNames.givenName(rng, m.sex(), year);
      names[i] = surnames[i] + given;
      if (m.twinOfPrevious() && names[i].equals(names[i - 1])) {
        names[i] = surnames[i] + PersonNames.givenName(rng, m.sex(), year);
      }
      boolean local = m.age() < 18 ? rng.chance(0.95) : (m.relation() == Relation.HEAD || i == 0 ? householdLocal : rng.chance(LOCAL_BORN_ADULTS));
      ids[i] = registrar.idNumber(rng, district, births[i], m.sex(), local);
      int age = m.age();
      double ownsPhone = age >= 18 ? (age < 75 ? 0.97 : 0.55) : age >= 16 ? 0.5 : 0;
      phones[i] = rng.chance(ownsPhone) ? registrar.mobile(rng) : null;
    }
    String sharedPhone = null;
    for (int i = 0; i < n && sharedPhone == null; i++) {
      if (members.get(i).age() >= 18 && phones[i] != null) {
        sharedPhone = phones[i];
      }
    }
    boolean anyDisabled = false;
    Disability[] disabilities = new Disability[n];
    for (int i = 0; i < n; i++) {
      disabilities[i] = disability(rng, members.get(i).age(), births[i]);
      anyDisabled |= disabilities[i] != null;
    }
    boolean vulnerable = anyDisabled || n == 1 && members.get(0).age() >= 60 || isSingleParent(members);
    boolean subsistence = rng.chance(vulnerable ? 0.09 : 0.015);
    boolean anyDriver = members.stream().anyMatch(m -> m.age() >= 20 && m.age() < 70);
    String plate = anyDriver && rng.chance(HOUSEHOLD_WITH_CAR) ? registrar.plate(rng) : null;

    List<Person> persons = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Member m = members.get(i);
      String contact = phones[i];
      if (contact == null) {
        contact = sharedPhone != null ? sharedPhone : (rng.chance(0.5) ? Registrar.landline(rng) : null);
      } else if (m.age() >= 70 && n > 1 && sharedPhone != null && rng.chance(0.3)) {
        contact = sharedPhone; // the children registered their own number for an elderly parent
      }
      int age = m.age();
      boolean mental = disabilities[i] != null && disabilities[i].category() == 6 || age >= 18 && rng.chance(0.003);
      Ethnicity ethnicity = i > 0 && m.surnameOf() < 0 && rng.chance(0.1) ? minorityOrHan(rng) : householdEthnicity;
      persons.add(new Person(
          "P" + Digits.pad(++personSeq, 8),
          names[i],
          surnames[i].length(),
          m.sex(),
          births[i],
          ids[i],
          phones[i],
          contact,
          ethnicity,
          householdId,
          householdNo,
          house,
          m.relation(),
          n,
          disabilities[i],
          veteran(rng, m.sex(), age, births[i]),
          subsistence,
          age >= 35 && rng.chance(Math.min(0.55, 0.1 + (age - 35) * 0.01)),
          age >= 40 && rng.chance(Math.min(0.2, 0.04 + (age - 40) * 0.004)),
          mental));
    }
    return new Household(householdId, householdNo, house, List.copyOf(persons), subsistence, plate);
  }

  private static boolean isSingleParent(List<Member> members) {
    return members.size() >= 2 && members.stream().noneMatch(m -> m.relation() == Relation.SPOUSE)
        && members.stream().anyMatch(m -> m.relation() == Relation.CHILD && m.age() < 18);
  }

  private static Ethnicity minorityOrHan(CityRandom rng) {
    return switch (rng.weighted(new double[] {0.96, 0.015, 0.015, 0.01})) {
      case 1 -> Ethnicity.MANCHU;
      case 2 -> Ethnicity.MONGOL;
      case 3 -> Ethnicity.TUJIA;
      default -> Ethnicity.HAN;
    };
  }

  private static Disability disability(CityRandom rng, int age, LocalDate birth) {
    double rate = age < 18 ? 0.01 : age < 60 ? 0.02 : 0.06;
    if (!rng.chance(rate)) {
      return null;
    }
    int category = rng.weighted(new double[] {0.12, 0.16, 0.01, 0.45, 0.08, 0.12, 0.06}) + 1;
    int grade = rng.weighted(new double[] {0.1, 0.25, 0.3, 0.35}) + 1;
    LocalDate earliest = birth.plusYears(3).isAfter(LocalDate.of(2008, 1, 1)) ? birth.plusYears(3) : LocalDate.of(2008, 1, 1);
    LocalDate latest = LocalDate.of(2025, 12, 1);
    if (earliest.isAfter(latest)) {
      earliest = latest.minusDays(30);
    }
    long span = latest.toEpochDay() - earliest.toEpochDay();
    return new Disability(category, grade, earliest.plusDays(rng.nextLong(Math.max(1, span))));
  }

  private static Veteran veteran(CityRandom rng, Sex sex, int age, LocalDate birth) {
    double rate = sex == Sex.MALE ? (age >= 24 && age <= 85 ? 0.05 : 0) : (age >= 24 && age <= 70 ? 0.003 : 0);
    if (!rng.chance(rate)) {
      return null;
    }
    LocalDate enlisted = birth.plusYears(rng.between(18, 20)).withDayOfMonth(1).withMonth(rng.chance(0.8) ? 12 : 3);
    int kind = rng.weighted(new double[] {0.75, 0.1, 0.05, 0.1});
    int years = kind == 0 ? rng.between(2, 5) : rng.between(8, 20);
    LocalDate discharged = enlisted.plusYears(years).plusMonths(rng.between(0, 9)).withDayOfMonth(1);
    if (discharged.isAfter(LocalDate.of(2025, 10, 1))) {
      discharged = LocalDate.of(2025, 9, 1);
    }
    String category = switch (kind) {
      case 0 -> "退役士兵";
      case 1 -> "转业军官";
      case 2 -> "复员干部";
      default -> "退休军官";
    };
    String placement = switch (kind) {
      case 0 -> rng.chance(0.8) ? "自主就业" : "安排工作";
      case 1 -> rng.chance(0.5) ? "计划分配" : "自主择业";
      case 2 -> "复员安置";
      default -> "移交政府安置";
    };
    return new Veteran(enlisted, discharged, category, placement);
  }

  // ---------------------------------------------------------------- owners

  private List<Ownership> ownerships(CityRandom rng, List<House> houses, List<Household> households, List<Person> persons) {
    Map<House, Household> occupantOf = new IdentityHashMap<>();
    households.forEach(h -> occupantOf.put(h.house(), h));
    List<Person> investors = persons.stream().filter(p -> p.age() >= 30 && p.age() <= 75).toList();
    List<Ownership> out = new ArrayList<>(houses.size());
    for (House house : houses) {
      Household occupant = occupantOf.get(house);
      Compound compound = house.compound();
      LocalDate sold = LocalDate.of(Math.min(2025, compound.builtYear() + (rng.chance(0.7) ? 1 : rng.between(2, 25))),
          rng.between(1, 12), rng.between(1, 28));
      Tenure tenure;
      Owner owner;
      if (occupant != null && (!rng.chance(RENTED_SHARE) || investors.size() < 2)) {
        tenure = Tenure.OWNER_OCCUPIED;
        Person head = occupant.head();
        Person spouse = occupant.members().stream().filter(p -> p.relation() == Relation.SPOUSE).findFirst().orElse(null);
        owner = Owner.of(spouse != null && rng.chance(0.25) ? spouse : head);
      } else {
        tenure = occupant != null ? Tenure.RENTED : Tenure.VACANT;
        Person landlord = investors.isEmpty() ? null : rng.pick(investors);
        if (occupant != null && landlord != null && landlord.householdId().equals(occupant.trueId())) {
          landlord = rng.pick(investors);
        }
        boolean unsold = compound.developer() != null && (landlord == null || tenure == Tenure.VACANT && rng.chance(0.25));
        if (unsold) {
          owner = Owner.of(compound.developer());
        } else if (landlord != null) {
          owner = Owner.of(landlord);
        } else {
          owner = Owner.of(compound.propertyCompany()); // an old work-unit flat managed for its owner unit
        }
      }
      out.add(new Ownership(house, owner, occupant, tenure, sold));
    }
    return out;
  }

  // ---------------------------------------------------------------- organizations

  private Organization cityOrganization(CityRandom rng, Organization.Kind kind) {
    District district = Gazetteer.DISTRICTS.get(rng.weighted(new double[] {0.35, 0.2, 0.3, 0.05, 0.05, 0.05}));
    LocalDate established = LocalDate.of(rng.between(1998, 2020), rng.between(1, 12), rng.between(1, 28));
    String name;
    do {
      name = kind == Organization.Kind.PROPERTY_COMPANY
          ? rng.pick(Gazetteer.PROPERTY_COMPANY_WORDS) + (rng.chance(0.5) ? "" : rng.pick(Gazetteer.BUSINESS_CHARS))
              + (rng.chance(0.6) ? "物业服务有限公司" : "物业管理有限公司")
          : (rng.chance(0.6) ? "宁夏" : "银川") + rng.pick(Gazetteer.BUSINESS_CHARS) + rng.pick(Gazetteer.BUSINESS_CHARS)
              + (rng.chance(0.6) ? "房地产开发有限公司" : "置业有限公司");
    } while (!registrar.reserveName(name));
    Sex sex = rng.chance(0.8) ? Sex.MALE : Sex.FEMALE;
    String rep = PersonNames.surname(rng) + PersonNames.givenName(rng, sex, rng.between(1960, 1985));
    return new Organization(
        "O" + Digits.pad(++orgSeq, 7),
        registrar.creditCode(rng, '1', district.code(), established),
        name,
        kind,
        rep,
        null,
        Gazetteer.CITY + district.name() + rng.pick(district.roads()) + rng.between(1, 300) + "号",
        null,
        district.code(),
        Registrar.landline(rng),
        established,
        String.valueOf(rng.pick(List.of(50, 100, 300, 500, 1000, 2000, 5000))),
        "存续",
        kind == Organization.Kind.PROPERTY_COMPANY ? "物业管理；停车场服务；家政服务；房屋维修" : "房地产开发经营；物业管理；建筑材料销售",
        "有限责任公司(自然人投资或控股)");
  }

  private List<Organization> enterprises(CityRandom rng, Community community, List<Person> persons) {
    List<Person> owners = persons.stream().filter(p -> p.age() >= 25 && p.age() <= 65).toList();
    if (owners.isEmpty()) {
      return List.of();
    }
    int count = (int) Math.round(persons.size() / (double) RESIDENTS_PER_ENTERPRISE * (0.7 + 0.6 * rng.nextDouble()));
    District district = community.district();
    List<Organization> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      Person rep = rng.pick(owners);
      boolean individual = rng.chance(0.35);
      int year = rng.weighted(new double[] {0.1, 0.2, 0.3, 0.4});
      LocalDate established = LocalDate.of(
          switch (year) {
            case 0 -> rng.between(1995, 2005);
            case 1 -> rng.between(2006, 2013);
            case 2 -> rng.between(2014, 2019);
            default -> rng.between(2020, 2025);
          },
          rng.between(1, 12), rng.between(1, 28));
      String industry = rng.pick(Gazetteer.INDUSTRIES);
      String name;
      do {
        if (individual) {
          String head = rng.chance(0.4) && rep.surnameLength() == 1 ? "老" + rep.surname() : rng.pick(Gazetteer.BUSINESS_CHARS) + rng.pick(Gazetteer.BUSINESS_CHARS);
          name = district.name() + head + rng.pick(Gazetteer.SHOP_KINDS);
        } else {
          name = (rng.chance(0.55) ? "宁夏" : "银川") + rng.pick(Gazetteer.BUSINESS_CHARS) + rng.pick(Gazetteer.BUSINESS_CHARS)
              + industry + (rng.chance(0.78) ? "有限公司" : rng.chance(0.8) ? "有限责任公司" : "股份有限公司");
        }
      } while (!registrar.reserveName(name));
      String status = switch (rng.weighted(new double[] {0.88, 0.05, 0.03, 0.04})) {
        case 0 -> "存续（在营、开业、在册）";
        case 1 -> "在业";
        case 2 -> "吊销，未注销";
        default -> "注销";
      };
      String type = individual ? "个体工商户"
          : rng.chance(0.6) ? "有限责任公司(自然人投资或控股)" : rng.chance(0.8) ? "有限责任公司(自然人独资)" : "股份有限公司(非上市、自然人投资或控股)";
      out.add(new Organization(
          "O" + Digits.pad(++orgSeq, 7),
          registrar.creditCode(rng, individual ? '2' : '1', district.code(), established),
          name,
          individual ? Organization.Kind.INDIVIDUAL_BUSINESS : Organization.Kind.ENTERPRISE,
          rep.name(),
          rep.trueId(),
          Gazetteer.CITY + district.name() + rng.pick(district.roads()) + rng.between(1, 400) + "号",
          community.code(),
          district.code(),
          rng.chance(0.6) ? rep.ownPhone() : Registrar.landline(rng),
          established,
          individual ? null : String.valueOf(rng.pick(List.of(3, 10, 50, 100, 200, 500, 1000, 3000))),
          status,
          individual ? industry + "零售；餐饮服务" : industry + "相关业务；技术咨询；货物进出口",
          type));
    }
    return out;
  }

  // ---------------------------------------------------------------- devices

  private List<Device> devices(CityRandom rng, List<Compound> compounds, List<Building> buildings, List<House> houses) {
    List<Device> out = new ArrayList<>();
    for (Compound compound : compounds) {
      if (!compound.smart()) {
        continue;
      }
      LocalDate installed = LocalDate.of(Math.max(2019, compound.builtYear()), rng.between(1, 12), rng.between(1, 28));
      for (int g = 0; g < 2; g++) {
        out.add(new Device(serial("HSFG"), Device.Type.FACE_GATE, compound, null, 0, null, installed, "HS-K1T671M"));
        out.add(new Device(serial("HSPC"), Device.Type.PLATE_CAMERA, compound, null, 0, null, installed, "HS-TCG225"));
      }
      for (Building b : buildings) {
        if (b.compound() != compound) {
          continue;
        }
        for (int u = 1; u <= b.units(); u++) {
          out.add(new Device(serial("HSFG"), Device.Type.FACE_GATE, compound, b, u, null, installed, "HS-K1T341M"));
        }
      }
      for (House h : houses) {
        if (h.compound() != compound) {
          continue;
        }
        if (rng.chance(0.5)) {
          out.add(new Device(serial("XYSD"), Device.Type.SMOKE_DETECTOR, compound, h.building(), h.unit(), h, installed, "XY-SD10-NB"));
        }
        if (rng.chance(0.3)) {
          out.add(new Device(serial("XYGD"), Device.Type.GAS_DETECTOR, compound, h.building(), h.unit(), h, installed, "XY-GD20-NB"));
        }
        if (compound.smartMeters()) {
          out.add(new Device(serial("XYWM"), Device.Type.WATER_METER, compound, h.building(), h.unit(), h, installed, "XY-LXSY-20E"));
        }
      }
    }
    return out;
  }

  private String serial(String prefix) {
    return prefix + Digits.pad(++deviceSeq, 8);
  }

  long people() {
    return personSeq;
  }

  long households() {
    return householdSeq;
  }

  long houses() {
    return houseSeq;
  }

  long organizations() {
    return orgSeq;
  }

  long devices() {
    return deviceSeq;
  }
}
