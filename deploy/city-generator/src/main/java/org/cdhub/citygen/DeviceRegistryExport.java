package org.cdhub.citygen;

import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cdhub.citygen.Places.CommunityPopulation;
import org.cdhub.citygen.Places.Compound;

/**
 * The compound IoT platform's device registry (feed vendor_device) as a paged JSON API
 * ({@code vendors/device/page-0001.json}, ...): every gate, camera, detector and meter with
 * where it is installed. A replaced device is sometimes registered again under a new id.
 */
final class DeviceRegistryExport implements SourceExport {
  static final String FEED = "vendor_device";
  static final String DIR = "vendors/device";
  static final int PAGE_SIZE = 200;
  static final List<String> KEYS = List.of("id", "deviceSn", "deviceType", "deviceName", "vendor", "model", "estateCode", "estateName",
      "installAddr", "installDate", "status");
  static final double OFFLINE = 0.05;

  private final ExportContext context;
  private final JsonPages pages;
  private final FeedNoise noise;
  private long seq;

  DeviceRegistryExport(ExportContext context) {
    this.context = context;
    this.pages = new JsonPages(context.outputDir().resolve(DIR), PAGE_SIZE);
    this.noise = context.noise(FEED, NoiseProfile.VENDOR, false);
  }

  @Override
  public void write(CommunityPopulation c) {
    CityRandom rng = context.random(FEED, c.community().index());
    Map<Compound, int[]> gates = new IdentityHashMap<>();
    for (Device d : c.devices()) {
      int gate = d.building() == null && d.house() == null ? gates.computeIfAbsent(d.compound(), k -> new int[1])[0]++ / 2 : 0;
      String id = "DEV" + Digits.pad(++seq, 9);
      item(rng, d, id, gate);
      if (rng.chance(noise.profile().duplicateRecord())) {
        String copy = "DEV" + Digits.pad(++seq, 9);
        item(rng, d, copy, gate);
        noise.duplicated(copy, id);
      }
    }
  }

  private void item(CityRandom rng, Device d, String id, int gate) {
    FeedNoise.RecordNoise n = noise.record(id, rng);
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("id", id);
    item.put("deviceSn", d.serial());
    item.put("deviceType", d.type().name());
    item.put("deviceName", n.text("deviceName", Vendors.deviceName(d, gate)));
    item.put("vendor", d.type().vendor);
    item.put("model", d.model());
    item.put("estateCode", d.type().vendor.equals("海视智联") ? Vendors.accessEstateCode(d.compound()) : Vendors.iotEstateCode(d.compound()));
    item.put("estateName", d.compound().name());
    item.put("installAddr", n.address("installAddr", n.orMissing("installAddr", Vendors.installAddress(d, gate))));
    item.put("installDate", CityClock.ISO_DATE.format(d.installed()));
    item.put("status", rng.chance(OFFLINE) ? "OFFLINE" : "ONLINE");
    pages.add(item);
    context.truth().thing(FEED, id, d.trueId());
  }

  @Override
  public List<FeedExport> finish(CityBuilder city) {
    pages.close();
    return List.of(new FeedExport(FEED, context.outputDir().resolve(DIR), pages.items(), "json_api"));
  }
}
