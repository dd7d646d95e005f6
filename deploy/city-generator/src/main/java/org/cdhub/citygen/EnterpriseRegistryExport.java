package org.cdhub.citygen;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cdhub.citygen.Places.CommunityPopulation;

/**
 * 市场监管 enterprise registry (feed mr_enterprise) as the pages of a JSON API
 * ({@code market/mr_enterprise/page-0001.json}, ...), with the field names of the national
 * enterprise credit publicity system (uniscid, entname, lerep, dom, ...). {@code pripid} is the
 * registry's own record id; a page boundary now and then repeats an item (pagination overlap).
 */
final class EnterpriseRegistryExport implements SourceExport {
  static final String FEED = "mr_enterprise";
  static final String DIR = "market/mr_enterprise";
  static final int PAGE_SIZE = 100;
  static final List<String> KEYS = List.of("pripid", "uniscid", "entname", "enttype", "lerep", "regcap", "regcapcur", "estdate", "apprdate",
      "dom", "regorg", "regstate", "opscope");

  private final ExportContext context;
  private final JsonPages pages;
  private final FeedNoise noise;
  private long seq;

  EnterpriseRegistryExport(ExportContext context) {
    this.context = context;
    this.pages = new JsonPages(context.outputDir().resolve(DIR), PAGE_SIZE);
    this.noise = context.noise(FEED, NoiseProfile.MARKET, false);
  }

  @Override
  public void begin(CityBuilder city) {
    CityRandom rng = context.random(FEED, -1);
    city.propertyCompanies().forEach(o -> item(rng, o));
    city.developers().forEach(o -> item(rng, o));
  }

  @Override
  public void write(CommunityPopulation c) {
    CityRandom rng = context.random(FEED, c.community().index());
    c.enterprises().forEach(o -> item(rng, o));
  }

  private void item(CityRandom rng, Organization o) {
    String pripid = o.districtCode() + Digits.pad(++seq, 11);
    FeedNoise.RecordNoise n = noise.record(pripid, rng);
    String code = o.creditCode();
    if (n.chance(noise.profile().idWrongCheckDigit())) {
      char right = code.charAt(17);
      char wrong = right == '0' ? '1' : '0';
      code = code.substring(0, 17) + wrong;
      n.note("uniscid", NoiseKind.ID_WRONG_CHECK_DIGIT);
    }
    Regulator regulator = Regulator.of(o.districtCode());
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("pripid", pripid);
    item.put("uniscid", code);
    item.put("entname", n.text("entname", o.name()));
    item.put("enttype", o.enterpriseType());
    item.put("lerep", n.orMissing("lerep", o.legalRepresentative()));
    item.put("regcap", o.registeredCapital());
    item.put("regcapcur", o.registeredCapital() == null ? null : "人民币");
    item.put("estdate", CityClock.ISO_DATE.format(o.established()));
    item.put("apprdate", CityClock.ISO_DATE.format(CityClock.dateBetween(rng, o.established(), java.time.LocalDate.of(2025, 12, 30))));
    item.put("dom", n.address("dom", o.address()));
    item.put("regorg", regulator.name());
    item.put("regstate", o.status());
    item.put("opscope", n.orMissing("opscope", o.businessScope()));
    pages.add(item);
    context.truth().organization(FEED, pripid, o.trueId());
    if (rng.chance(noise.profile().duplicateRecord())) {
      pages.add(item); // the next page starts with the item this one ended with
      noise.duplicated(pripid, pripid);
    }
  }

  /** The market regulation bureau that registers a district's businesses. */
  private record Regulator(String name) {
    static Regulator of(String districtCode) {
      String district = Gazetteer.DISTRICTS.stream().filter(d -> d.code().equals(districtCode)).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("Cannot find district " + districtCode)).name();
      return new Regulator((district.endsWith("区") ? Gazetteer.CITY + district : district) + "市场监督管理局");
    }
  }

  @Override
  public List<FeedExport> finish(CityBuilder city) {
    pages.close();
    return List.of(new FeedExport(FEED, context.outputDir().resolve(DIR), pages.items(), "json_api"));
  }
}
