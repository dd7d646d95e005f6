package org.cdhub.citygen;

import java.util.List;
import org.cdhub.citygen.Gazetteer.District;
import org.cdhub.citygen.Gazetteer.Street;

/** The true place hierarchy: community > grid > compound > building > unit > house. */
final class Places {
  private Places() {}

  /** A community (社区) with its 12-digit statistical code and how many residents it gets. */
  record Community(int index, Street street, String code, String name, int people) {
    District district() {
      return street.district();
    }
  }

  /** A grid (网格): the smallest unit a grid worker covers; code = community code + 3 digits. */
  record Grid(String code, String name, Community community) {}

  enum CompoundKind {
    /** 老旧小区: walk-up buildings of the 1980s-2000s. */
    OLD_WALKUP,
    /** 商品房: high-rise commercial housing. */
    NEW_HIGHRISE,
    /** 安置小区: resettlement housing in towns. */
    RESETTLEMENT
  }

  /**
   * A residential compound (小区). {@code code} is the true id; {@code housingCode} is the one
   * the housing bureau's system gave it. {@code smart}: vendor access control and IoT installed.
   */
  record Compound(
      String code,
      String housingCode,
      String name,
      Community community,
      CompoundKind kind,
      int builtYear,
      String road,
      int roadNumber,
      Organization propertyCompany,
      Organization developer,
      boolean smart,
      boolean smartMeters) {}

  record Building(Compound compound, int number, int floors, int units, int perFloor, Grid grid) {
    String trueId() {
      return compound.code() + "-B" + number;
    }

    int houses() {
      return floors * units * perFloor;
    }
  }

  /** One dwelling; {@code housingCode} is the housing bureau's 房屋编码. */
  record House(Building building, int unit, int floor, int position, double area, String housingCode) {
    /** Room number as written on the door: floor then position, 501, 1202. */
    String room() {
      return floor + Digits.pad(position, 2);
    }

    String trueId() {
      return building.trueId() + "-U" + unit + "-R" + room();
    }

    Compound compound() {
      return building.compound();
    }

    Community community() {
      return building.compound().community();
    }
  }

  /** Everything the city holds for one community, built in one go and then exported. */
  record CommunityPopulation(
      Community community,
      List<Grid> grids,
      List<Compound> compounds,
      List<Building> buildings,
      List<House> houses,
      List<Ownership> ownerships,
      List<Household> households,
      List<Person> persons,
      List<Organization> enterprises,
      List<Device> devices) {}

  enum Tenure { OWNER_OCCUPIED, RENTED, VACANT }

  /** Who owns a house and who lives in it (null occupant when vacant). */
  record Ownership(House house, Owner owner, Household occupant, Tenure tenure, java.time.LocalDate registered) {}

  /** A house owner: a resident, or a company (unsold flats stay with the developer). */
  record Owner(String trueId, String name, String idNumber, String phone, boolean isPerson) {
    static Owner of(Person p) {
      return new Owner(p.trueId(), p.name(), p.idNumber(), p.contactPhone(), true);
    }

    static Owner of(Organization o) {
      return new Owner(o.trueId(), o.name(), o.creditCode(), o.phone(), false);
    }
  }
}
