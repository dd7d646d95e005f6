package org.cdhub.citygen;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.cdhub.citygen.Places.Community;
import org.cdhub.citygen.Places.CommunityPopulation;

/**
 * Generates a deterministic Yinchuan-like city and exports it the way each department and
 * vendor delivers data, with the ground truth beside it:
 *
 * <pre>
 * departments/hr.db           hr_household (table hr_person)
 * departments/housing.db      housing_house (fw_house), housing_compound (wy_xq), housing_property_company (wy_qy)
 * civil/ca_elderly.csv        ca_elderly, GBK
 * civil/ca_subsistence.xlsx   ca_subsistence
 * veterans/va_veteran.csv     va_veteran, GBK
 * disabled/dpf_disabled.xlsx  dpf_disabled
 * health/health_residents.csv health_residents, UTF-8
 * market/mr_enterprise/       mr_enterprise, JSON API pages
 * vendors/access_pass.jsonl   vendor_access_pass, HTTP push payloads
 * vendors/mqtt_alarm.jsonl    vendor_iot_alarm, MQTT messages
 * vendors/mqtt_meter.jsonl    vendor_meter_reading, MQTT messages
 * vendors/device/             vendor_device, JSON API pages
 * grid/grid_incident.csv      grid_incident, UTF-8
 * truth/                      source record -> true entity, true registers, city.json, noise_log.csv
 * manifest.json               every feed with its files and record counts
 * </pre>
 *
 * The same seed and size give byte-identical files. The city is built and exported one
 * community at a time, so memory stays bounded whatever the size.
 */
public final class CityGenerator {
  public static final String MANIFEST = "manifest.json";
  /** What a generation owns under the output directory; these are replaced, nothing else is touched. */
  static final List<String> OWNED = List.of("departments", "civil", "veterans", "disabled", "health", "market", "vendors", "grid",
      GroundTruth.DIR, MANIFEST);
  /** Table per database feed, and the encoding per file feed where it is not UTF-8. */
  static final Map<String, String> TABLES = new TreeMap<>(Map.of(
      HouseholdRegistrationExport.FEED, HouseholdRegistrationExport.TABLE,
      HousingExport.HOUSE_FEED, "fw_house",
      HousingExport.COMPOUND_FEED, "wy_xq",
      HousingExport.COMPANY_FEED, "wy_qy"));
  static final Map<String, String> GBK_FEEDS = new TreeMap<>(Map.of(ElderlyRosterExport.FEED, "GBK", VeteranRosterExport.FEED, "GBK"));

  private final CityGeneratorConfig config;

  public CityGenerator(CityGeneratorConfig config) {
    this.config = requireNonNull(config, "config is null");
  }

  public GeneratedCity generate(ProgressListener listener) {
    requireNonNull(listener, "listener is null");
    Path out = config.outputDir().toAbsolutePath().normalize();
    clean(out);
    CityPlan plan = CityPlan.of(config);
    CityBuilder city = new CityBuilder(plan);
    GroundTruth truth = new GroundTruth(out);
    ExportContext context = new ExportContext(out, config.seed(), truth, new NameForms());
    List<SourceExport> exports = List.of(
        new HouseholdRegistrationExport(context),
        new HousingExport(context),
        new ElderlyRosterExport(context),
        new SubsistenceRosterExport(context),
        new VeteranRosterExport(context),
        new DisabledRosterExport(context),
        new HealthRecordExport(context),
        new EnterpriseRegistryExport(context),
        new DeviceRegistryExport(context),
        new AccessPassExport(context),
        new IotExport(context),
        new GridIncidentExport(context));
    long compounds = 0;
    try {
      exports.forEach(e -> e.begin(city));
      truth.organizations(city.propertyCompanies());
      truth.organizations(city.developers());
      listener.progress("generate city", 0, plan.people());
      for (Community community : plan.communities()) {
        CommunityPopulation population = city.build(community);
        for (SourceExport e : exports) {
          e.write(population);
        }
        truth.community(population);
        compounds += population.compounds().size();
        listener.progress("generate city", city.people(), plan.people());
      }
      Map<String, FeedExport> feeds = new TreeMap<>();
      for (SourceExport e : exports) {
        e.finish(city).forEach(f -> feeds.put(f.feed(), f));
      }
      truth.finish(plan);
      GeneratedCity generated = new GeneratedCity(out, feeds, city.people(), city.households(), city.houses(), compounds,
          plan.communities().size(), city.organizations(), city.devices(), config.seed());
      writeManifest(generated);
      return generated;
    } finally {
      truth.close();
    }
  }

  private static void clean(Path out) {
    try {
      Files.createDirectories(out);
      for (String name : OWNED) {
        Path p = out.resolve(name);
        if (Files.isDirectory(p)) {
          try (Stream<Path> walk = Files.walk(p)) {
            for (Path f : walk.sorted(Comparator.reverseOrder()).toList()) {
              Files.delete(f);
            }
          }
        } else {
          Files.deleteIfExists(p);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot prepare output directory " + out, e);
    }
  }

  private static void writeManifest(GeneratedCity city) {
    Path out = city.outputDir();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("generator", "hub-city-generator");
    m.put("manifest_version", 1);
    m.put("seed", city.seed());
    m.put("people", city.people());
    m.put("households", city.households());
    m.put("houses", city.houses());
    m.put("compounds", city.compounds());
    m.put("communities", city.communities());
    m.put("organizations", city.organizations());
    m.put("devices", city.devices());
    m.put("epoch", Person.EPOCH.toString());
    List<Map<String, Object>> feeds = new ArrayList<>();
    for (FeedExport f : city.feeds().values()) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("feed", f.feed());
      e.put("kind", f.kind());
      e.put("location", relative(out, f.location()));
      e.put("table", TABLES.get(f.feed()));
      e.put("encoding", f.kind().equals("excel_file") ? null : GBK_FEEDS.getOrDefault(f.feed(), "UTF-8"));
      e.put("files", files(out, f.location()));
      e.put("records", f.records());
      feeds.add(e);
    }
    m.put("feeds", feeds);
    m.put("truth", files(out, out.resolve(GroundTruth.DIR)));
    Path file = out.resolve(MANIFEST);
    try {
      Files.write(file, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(m));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file, e);
    }
  }

  private static List<String> files(Path out, Path location) {
    if (!Files.isDirectory(location)) {
      return List.of(relative(out, location));
    }
    try (Stream<Path> list = Files.list(location)) {
      return list.map(p -> relative(out, p)).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + location, e);
    }
  }

  private static String relative(Path out, Path p) {
    return out.relativize(p).toString().replace('\\', '/');
  }
}
