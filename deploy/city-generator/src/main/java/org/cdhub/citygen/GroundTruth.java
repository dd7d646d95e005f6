package org.cdhub.citygen;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cdhub.citygen.Places.Building;
import org.cdhub.citygen.Places.Community;
import org.cdhub.citygen.Places.CommunityPopulation;
import org.cdhub.citygen.Places.Compound;
import org.cdhub.citygen.Places.Grid;
import org.cdhub.citygen.Places.Ownership;

/**
 * The answers, written beside the exports under {@code truth/}: which true entity every source
 * record describes ({@code <entity>_truth.csv}: source_system, source_record_id, true id), the
 * true registers (persons, houses, organizations, devices), the place hierarchy (city.json)
 * and the noise log.
 */
final class GroundTruth implements AutoCloseable {
  static final String DIR = "truth";
  static final List<String> PERSON_COLUMNS = List.of(
      "true_person_id", "name", "sex", "birth_date", "id_number", "own_phone", "contact_phone", "ethnicity", "household_id",
      "household_no", "relation", "household_size", "true_house_id", "address", "community_code", "grid_code", "tags");

  private final Path dir;
  private final CsvFile personTruth;
  private final CsvFile placeTruth;
  private final CsvFile organizationTruth;
  private final CsvFile thingTruth;
  private final CsvFile eventTruth;
  private final CsvFile persons;
  private final CsvFile houses;
  private final CsvFile organizations;
  private final CsvFile devices;
  private final NoiseLog noise;
  private final List<Map<String, Object>> communities = new ArrayList<>();

  GroundTruth(Path outputDir) {
    this.dir = outputDir.resolve(DIR);
    personTruth = csv("person_truth.csv", "source_system", "source_record_id", "true_person_id");
    placeTruth = csv("place_truth.csv", "source_system", "source_record_id", "true_place_id");
    organizationTruth = csv("organization_truth.csv", "source_system", "source_record_id", "true_organization_id");
    thingTruth = csv("thing_truth.csv", "source_system", "source_record_id", "true_thing_id");
    eventTruth = csv("event_truth.csv", "source_system", "source_record_id", "true_event_id");
    persons = new CsvFile(dir.resolve("persons.csv"), StandardCharsets.UTF_8, "\n", PERSON_COLUMNS);
    houses = csv("houses.csv", "true_house_id", "housing_code", "compound_code", "building", "unit", "room", "floor", "area",
        "community_code", "grid_code", "address", "tenure", "owner_true_id", "occupant_household_id");
    organizations = csv("organizations.csv", "true_organization_id", "credit_code", "name", "kind", "legal_representative",
        "legal_representative_person_id", "address", "district_code", "community_code", "established", "status");
    devices = csv("devices.csv", "true_thing_id", "serial", "type", "vendor", "compound_code", "building_id", "unit", "true_house_id",
        "community_code", "installed");
    noise = new NoiseLog(dir.resolve("noise_log.csv"));
  }

  private CsvFile csv(String name, String... header) {
    return new CsvFile(dir.resolve(name), StandardCharsets.UTF_8, "\n", List.of(header));
  }

  NoiseLog noise() {
    return noise;
  }

  void person(String feed, String recordId, String truePersonId) {
    personTruth.row(feed, recordId, truePersonId);
  }

  void place(String feed, String recordId, String truePlaceId) {
    placeTruth.row(feed, recordId, truePlaceId);
  }

  void organization(String feed, String recordId, String trueOrganizationId) {
    organizationTruth.row(feed, recordId, trueOrganizationId);
  }

  void thing(String feed, String recordId, String trueThingId) {
    thingTruth.row(feed, recordId, trueThingId);
  }

  void event(String feed, String recordId, String trueEventId) {
    eventTruth.row(feed, recordId, trueEventId);
  }

  void organizations(List<Organization> orgs) {
    for (Organization o : orgs) {
      organizations.row(o.trueId(), o.creditCode(), o.name(), o.kind().name(), o.legalRepresentative(), o.legalRepresentativeId(),
          o.address(), o.districtCode(), o.communityCode(), o.established().toString(), o.status());
    }
  }

  /** The true registers of one community, and its entry in city.json. */
  void community(CommunityPopulation c) {
    for (Person p : c.persons()) {
      var h = p.house();
      persons.row(p.trueId(), p.name(), p.sex().name(), p.birthDate().toString(), p.idNumber(), p.ownPhone(), p.contactPhone(),
          p.ethnicity().code, p.householdId(), p.householdNo(), p.relation().name(), String.valueOf(p.householdSize()),
          h.trueId(), AddressForm.DISTRICT_FULL.render(h), h.community().code(), h.building().grid().code(), String.join(";", p.tags()));
    }
    for (Ownership o : c.ownerships()) {
      var h = o.house();
      houses.row(h.trueId(), h.housingCode(), h.compound().code(), h.building().trueId(), String.valueOf(h.unit()), h.room(),
          String.valueOf(h.floor()), Digits.twoDecimals(h.area()), h.community().code(), h.building().grid().code(),
          AddressForm.DISTRICT_FULL.render(h), o.tenure().name(), o.owner().trueId(),
          o.occupant() == null ? null : o.occupant().trueId());
    }
    organizations(c.enterprises());
    for (Device d : c.devices()) {
      devices.row(d.trueId(), d.serial(), d.type().name(), d.type().vendor, d.compound().code(),
          d.building() == null ? null : d.building().trueId(), d.unit() == 0 ? null : String.valueOf(d.unit()),
          d.house() == null ? null : d.house().trueId(), d.compound().community().code(), d.installed().toString());
    }
    Community community = c.community();
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("code", community.code());
    entry.put("name", community.name());
    entry.put("street_code", community.street().code());
    entry.put("people", c.persons().size());
    entry.put("households", c.households().size());
    entry.put("houses", c.houses().size());
    List<Map<String, Object>> grids = new ArrayList<>();
    for (Grid g : c.grids()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("code", g.code());
      m.put("name", g.name());
      grids.add(m);
    }
    entry.put("grids", grids);
    List<Map<String, Object>> compounds = new ArrayList<>();
    for (Compound k : c.compounds()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("code", k.code());
      m.put("housing_code", k.housingCode());
      m.put("name", k.name());
      m.put("kind", k.kind().name());
      m.put("built_year", k.builtYear());
      m.put("address", AddressForm.compoundAddress(k));
      m.put("property_company_id", k.propertyCompany().trueId());
      m.put("developer_id", k.developer() == null ? null : k.developer().trueId());
      m.put("smart", k.smart());
      List<Map<String, Object>> buildings = new ArrayList<>();
      for (Building b : c.buildings()) {
        if (b.compound() == k) {
          Map<String, Object> bm = new LinkedHashMap<>();
          bm.put("id", b.trueId());
          bm.put("number", b.number());
          bm.put("floors", b.floors());
          bm.put("units", b.units());
          bm.put("houses_per_floor", b.perFloor());
          bm.put("grid_code", b.grid().code());
          buildings.add(bm);
        }
      }
      m.put("buildings", buildings);
      compounds.add(m);
    }
    entry.put("compounds", compounds);
    communities.add(entry);
  }

  /** Writes city.json (districts > streets > communities > grids and compounds) and closes every file. */
  void finish(CityPlan plan) {
    Map<String, Object> city = new LinkedHashMap<>();
    city.put("province", Gazetteer.PROVINCE);
    city.put("city", Gazetteer.CITY);
    city.put("city_code", Gazetteer.CITY_CODE);
    city.put("epoch", DateTimeFormatter.ISO_LOCAL_DATE.format(Person.EPOCH));
    List<Map<String, Object>> districts = new ArrayList<>();
    for (Gazetteer.District d : Gazetteer.DISTRICTS) {
      Map<String, Object> dm = new LinkedHashMap<>();
      dm.put("code", d.code());
      dm.put("name", d.name());
      List<Map<String, Object>> streets = new ArrayList<>();
      for (Gazetteer.Street s : Gazetteer.streetsOf(d)) {
        Map<String, Object> sm = new LinkedHashMap<>();
        sm.put("code", s.code());
        sm.put("name", s.name());
        sm.put("kind", s.kind().name());
        sm.put("communities", communities.stream().filter(c -> s.code().equals(c.get("street_code"))).toList());
        streets.add(sm);
      }
      dm.put("streets", streets);
      districts.add(dm);
    }
    city.put("districts", districts);
    close();
    Path file = dir.resolve("city.json");
    try {
      Files.write(file, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(city));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file, e);
    }
  }

  @Override
  public void close() {
    for (AutoCloseable c : List.<AutoCloseable>of(personTruth, placeTruth, organizationTruth, thingTruth, eventTruth, persons, houses,
        organizations, devices, noise)) {
      try {
        c.close();
      } catch (Exception e) {
        throw new IllegalStateException("Cannot close ground truth file", e);
      }
    }
  }
}
