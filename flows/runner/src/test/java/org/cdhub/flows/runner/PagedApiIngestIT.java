package org.cdhub.flows.runner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.Record;
import org.cdhub.citygen.live.VendorApiServer;
import org.cdhub.model.lakehouse.LakehouseConfig;
import org.cdhub.model.lakehouse.LakehouseTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tier 3 (end to end) for the paged JSON API pull: the packaged runner runs
 * flows/definitions/mr_enterprise.json against the loopback VendorApiServer serving pages of the
 * shape the city generator writes ({"page": n, "next": ..., "items": [...]}, the registry's keys).
 */
class PagedApiIngestIT {
  private static final String TOKEN = "it-vendor-token";
  private static final String DIR = "market/mr_enterprise";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Shared by the tests so the NARs unpack once. */
  @TempDir static Path work;
  @TempDir Path dir;

  @Test
  void pullsEveryPageOnceResumesAtTheEndAndRetriesATruncatedPage() throws Exception {
    Path sources = dir.resolve("sources");
    Path pages = sources.resolve(DIR);
    Files.createDirectories(pages);
    List<Map<String, Object>> page1 = List.of(enterprise("E001", "银川甲商贸有限公司"), enterprise("E002", "银川乙餐饮店"),
        enterprise("E003", "Robert'); DROP TABLE bronze.mr_enterprise;--"));
    // the registry's pagination overlap: page 2 starts with the item page 1 ended with
    List<Object> page2 = List.of(enterprise("E003", "Robert'); DROP TABLE bronze.mr_enterprise;--"),
        enterprise("E004", "金凤区🏠便利店\r\n二分店"), enterprise(null, "无主体身份代码的企业"), "an item that is no object");
    List<Map<String, Object>> page3 = List.of(enterprise("E005", "贺兰县丙农业合作社"));
    write(pages, 1, "page-0002.json", page1);
    write(pages, 2, "page-0003.json", page2);
    write(pages, 3, null, page3);
    LakehouseConfig lakehouse = LakehouseConfig.embedded(dir.resolve("lake"));

    try (VendorApiServer api = VendorApiServer.start(sources, TOKEN)) {
      // a wrong token: the run fails loudly and nothing lands
      RunnerProcess.Run refused = run(api, "not-the-token", lakehouse);
      assertThat(refused.exitCode()).as(refused.stderr()).isEqualTo(1);
      assertThat(refused.stdout()).doesNotContain("INGEST");
      assertThat(refused.stderr()).contains("HTTP 401", "page-0001.json").doesNotContain("not-the-token");

      // first run: 3 pages, 3 batches; every delivered item is in bronze or (no pripid, no object) in quarantine
      RunnerProcess.Run first = run(api, TOKEN, lakehouse);
      assertThat(first.exitCode()).as(first.stderr()).isZero();
      assertThat(first.ingestLine()).matches("INGEST feed=mr_enterprise read=8 landed=6 quarantined=2 batches=3 duration_ms=\\d+");
      List<Record> bronze = rows(lakehouse, LakehouseTable.bronze("mr_enterprise"));
      assertThat(bronze).extracting(r -> r.getField("pripid"))
          .containsExactlyInAnyOrder("E001", "E002", "E003", "E003", "E004", "E005");
      assertThat(bronze).extracting(r -> r.getField("entname")).contains("金凤区🏠便利店\r\n二分店", "Robert'); DROP TABLE bronze.mr_enterprise;--");
      assertThat(bronze).extracting(r -> r.getField("regcap")).contains("100.50");
      // the overlapping item is the same delivery twice: same record id and payload hash, which readers dedup on
      assertThat(bronze.stream().filter(r -> "E003".equals(r.getField("pripid"))).map(r -> r.getField("_payload_hash")).distinct())
          .hasSize(1);
      List<Record> quarantine = rows(lakehouse, LakehouseTable.QUARANTINE.identifier());
      assertThat(quarantine).extracting(r -> r.getField("rule")).containsExactlyInAnyOrder("INGEST-RECORD-ID", "INGEST-JSON-ITEM");
      assertThat(quarantine).extracting(r -> (String) r.getField("field"))
          .contains("line page " + api.baseUrl() + DIR + "/page-0002.json item 4");

      // second run, nothing new at the API: the last page is read again and adds nothing
      RunnerProcess.Run second = run(api, TOKEN, lakehouse);
      assertThat(second.ingestLine()).as(second.stderr())
          .matches("INGEST feed=mr_enterprise read=0 landed=0 quarantined=0 batches=0 duration_ms=\\d+");
      assertThat(rows(lakehouse, LakehouseTable.bronze("mr_enterprise"))).hasSize(6);

      // the vendor appends to page 3 and links a page 4 that arrives truncated: the run fails, nothing of page 4 lands
      List<Map<String, Object>> page3More = List.of(page3.get(0), enterprise("E006", "灵武市丁能源有限公司"));
      List<Map<String, Object>> page4 = List.of(enterprise("E007", "西夏区戊科技有限公司"), enterprise("E008", "永宁县己物流"));
      write(pages, 3, "page-0004.json", page3More);
      byte[] whole = pageBytes(4, null, page4);
      Files.write(pages.resolve("page-0004.json"), java.util.Arrays.copyOf(whole, whole.length / 2));
      RunnerProcess.Run truncated = run(api, TOKEN, lakehouse);
      assertThat(truncated.exitCode()).as(truncated.stderr()).isEqualTo(1);
      assertThat(truncated.stdout()).doesNotContain("INGEST");
      assertThat(truncated.stderr()).contains("page-0004.json", "truncated", "byte " + whole.length / 2);
      assertThat(rows(lakehouse, LakehouseTable.bronze("mr_enterprise"))).extracting(r -> r.getField("pripid"))
          .doesNotContain("E007", "E008");

      // the vendor fixes page 4: the next run lands it; page 3's new item, landed before the failure, is a replay
      Files.write(pages.resolve("page-0004.json"), whole);
      RunnerProcess.Run fixed = run(api, TOKEN, lakehouse);
      assertThat(fixed.exitCode()).as(fixed.stderr()).isZero();
      assertThat(fixed.ingestLine()).matches("INGEST feed=mr_enterprise read=3 landed=3 quarantined=0 batches=1 duration_ms=\\d+");
      assertThat(fixed.stderr()).contains("1 replayed");
      assertThat(rows(lakehouse, LakehouseTable.bronze("mr_enterprise"))).extracting(r -> r.getField("pripid"))
          .containsExactlyInAnyOrder("E001", "E002", "E003", "E003", "E004", "E005", "E006", "E007", "E008");
      assertThat(rows(lakehouse, LakehouseTable.QUARANTINE.identifier())).hasSize(2);
      assertThat(api.pagesServed()).isPositive();
    }
  }

  /** An item with the keys the city generator's EnterpriseRegistryExport writes. */
  private static Map<String, Object> enterprise(String pripid, String name) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("pripid", pripid);
    m.put("uniscid", "91640100MA76" + (pripid == null ? "000000" : pripid.substring(1) + "ABC"));
    m.put("entname", name);
    m.put("enttype", "有限责任公司(自然人投资或控股)");
    m.put("lerep", "王秀英");
    m.put("regcap", new java.math.BigDecimal("100.50"));
    m.put("regcapcur", "人民币");
    m.put("estdate", "2015-03-02");
    m.put("apprdate", "2024-11-20");
    m.put("dom", "宁夏回族自治区银川市金凤区长城中路街道丽景湾小区3号楼");
    m.put("regorg", "银川市金凤区市场监督管理局");
    m.put("regstate", "存续（在营、开业、在册）");
    m.put("opscope", null);
    return m;
  }

  private static byte[] pageBytes(int n, String next, List<?> items) throws IOException {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("page", n);
    doc.put("next", next);
    doc.put("items", items);
    return JSON.writeValueAsBytes(doc);
  }

  private static void write(Path pages, int n, String next, List<?> items) throws IOException {
    Files.write(pages.resolve(String.format("page-%04d.json", n)), pageBytes(n, next, items));
  }

  private RunnerProcess.Run run(VendorApiServer api, String token, LakehouseConfig lakehouse) throws IOException, InterruptedException {
    return RunnerProcess.run("mr_enterprise", lakehouse, work, dir,
        List.of("--param", "source.base.url=" + api.baseUrl(), "--param", "source.auth.token=" + token));
  }

  private static List<Record> rows(LakehouseConfig lakehouse, TableIdentifier table) throws IOException {
    return RunnerProcess.rows(lakehouse, table);
  }
}
