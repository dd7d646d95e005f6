package org.cdhub.jobs.standardize;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cdhub.jobs.BronzeFixture;
import org.cdhub.jobs.JobConfig;
import org.cdhub.jobs.Lakehouse;
import org.cdhub.jobs.RecordRows;
import org.cdhub.jobs.SourceContractSet;
import org.cdhub.model.contract.SourceContract;
import org.cdhub.model.entity.SilverPlace;
import org.cdhub.model.lakehouse.LakehouseTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The housing register's grid code (wgbm) through StandardizeJob into silver.place, on a real local[2] session. */
class PlaceGridStandardizeTest {
  static final String HOUSING = "housing_house";
  static final String CC = "640106001001";

  @TempDir Path dir;

  @Test
  void wgbmLandsInSilverPlaceAndAMalformedOneIsANoteOnAKeptRow() throws Exception {
    Path contracts = Files.createDirectories(dir.resolve("contracts"));
    Files.writeString(contracts.resolve(HOUSING + ".yaml"), SourceContractSet.bundledText(HOUSING));
    JobConfig config = JobConfig.embedded(dir.resolve("data")).withContracts(contracts);
    SparkSession spark = Lakehouse.session(config, "place-grid-standardize-test");
    try {
      Lakehouse lake = new Lakehouse(spark, config.lakehouse().catalogName());
      SourceContract housing = SourceContractSet.load(config.contracts()).feed(HOUSING).orElseThrow();
      // well-formed codes but for two, so the feed's pattern compliance passes the quality gate
      Map<String, String> delivered = new LinkedHashMap<>();
      for (int i = 11; i <= 28; i++) {
        delivered.put("FW" + i, CC + (i % 2 == 0 ? "001" : "002"));
      }
      delivered.put("FW3", CC.substring(1) + "0021"); // 15 digits, not the community's
      delivered.put("FW4", CC + "0O1"); // letter O for zero
      delivered.put("FW5", null);
      List<Map<String, String>> rows = new ArrayList<>();
      delivered.forEach((code, grid) -> rows.add(house(code, grid)));
      BronzeFixture.land(lake, housing, "b1", rows);

      StandardizeJob.run(spark, config);

      Map<String, SilverPlace> silver = new LinkedHashMap<>();
      for (Row r : lake.read(LakehouseTable.SILVER_PLACE).collectAsList()) {
        SilverPlace p = RecordRows.fromRow(r, SilverPlace.class);
        silver.put(p.sourceRecordId(), p);
      }
      assertThat(silver.keySet()).as("no house is lost over its grid code").containsExactlyInAnyOrderElementsOf(delivered.keySet());
      assertThat(lake.read(LakehouseTable.QUARANTINE).filter(col("source_system").equalTo(HOUSING)).count()).isZero();
      for (int i = 11; i <= 28; i++) {
        assertThat(silver.get("FW" + i).gridCode()).isEqualTo(delivered.get("FW" + i));
      }
      assertThat(silver.get("FW3").gridCode()).isNull();
      assertThat(silver.get("FW3").notes()).contains(PlaceStandardizer.RULE_GRID_IN_COMMUNITY + ":wgbm");
      assertThat(silver.get("FW4").gridCode()).isNull();
      assertThat(silver.get("FW4").notes()).contains(ContractFieldRules.FIELD_PATTERN + ":wgbm");
      assertThat(silver.get("FW5").gridCode()).isNull();
      assertThat(silver.get("FW5").notes()).noneMatch(n -> n.endsWith(":wgbm"));
    } finally {
      spark.stop();
    }
  }

  private static Map<String, String> house(String code, String grid) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("fwbm", code);
    m.put("xqbm", "XQ1");
    m.put("xqmc", "丽景湾小区");
    m.put("ldh", "3号楼");
    m.put("dyh", "2");
    m.put("fh", "5" + code.substring(2));
    m.put("fwyt", "住宅");
    m.put("fwzt", "自住");
    m.put("fwdz", "金凤区长城中路街道丽景社区丽景湾小区3号楼2单元5" + code.substring(2) + "室");
    m.put("jwh_dm", CC);
    if (grid != null) {
      m.put("wgbm", grid);
    }
    m.put("updated_at", "2026-10-01 08:00:00");
    return m;
  }
}
