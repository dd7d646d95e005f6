package org.cdhub.catalog.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.cdhub.catalog.registry.Dataset;
import org.cdhub.catalog.registry.DatasetDescriptions;
import org.cdhub.model.contract.SourceContract;
import org.cdhub.model.contract.SourceContracts;
import org.cdhub.model.lakehouse.LakehouseTable;
import org.junit.jupiter.api.Test;

/** Relevance on the catalog the hub publishes: every fixed table and every feed's bronze table, with their real texts. */
class CatalogSearchTest {
  static final Instant NOW = Instant.parse("2026-12-06T00:00:00Z");
  static final List<Dataset> CATALOG = catalog();
  static final CatalogSearch SEARCH = CatalogSearch.of(CATALOG);

  static List<Dataset> catalog() {
    List<Dataset> all = new ArrayList<>();
    for (LakehouseTable table : LakehouseTable.values()) {
      all.add(DatasetDescriptions.forTable(table, 0, null, null, NOW));
    }
    for (SourceContract contract : SourceContracts.loadDirectory(Path.of("../schemas/contracts")).values()) {
      all.add(DatasetDescriptions.forBronzeFeed(contract, 0, null, null, NOW));
    }
    return List.copyOf(all);
  }

  static List<String> names(String query, int limit) {
    return SEARCH.search(query, limit).stream().map(h -> h.dataset().qualifiedName()).toList();
  }

  @Test
  void chineseWordsFindTheDatasetWhoseTitleHoldsThem() {
    assertThat(CATALOG).hasSizeGreaterThan(25);
    assertThat(names("退役军人", 3)).first().isEqualTo("bronze.va_veteran");
    assertThat(names("残疾人", 3)).first().isEqualTo("bronze.dpf_disabled");
    assertThat(names("社区事件", 3)).contains("gold.event");
    assertThat(names("数据质量", 3)).containsAnyOf("ops.quality_run", "ops.quality_metric", "silver.quality_run", "silver.quality_metric");
  }

  @Test
  void aWordInsideALongerTitleIsFoundBySegmentationNotBySubstring() {
    // 社区人口基础信息 is segmented into words; a search for 人口 must find it
    List<String> hits = names("人口", 5);
    assertThat(hits).contains("gold.person");
    // and a title sharing no word with the query is not a hit at all
    assertThat(names("退役军人", 50)).doesNotContain("gold.thing");
  }

  @Test
  void fieldNamesAndDescriptionsAreSearchedTooAndEveryHitCarriesTheWord() {
    List<SearchHit> hits = SEARCH.search("身份证号", 50);
    assertThat(hits).hasSizeGreaterThan(3);
    assertThat(hits).allSatisfy(h -> assertThat(h.dataset().fields()).anySatisfy(f ->
        assertThat((f.description() == null ? "" : f.description()) + " " + f.name()).containsAnyOf("身份证", "证件", "id number", "ID number")));
    assertThat(names("sfzh", 50)).contains("bronze.hr_household", "bronze.va_veteran");
  }

  @Test
  void resultsAreRankedTitleBeforeAbstractBeforeFields() {
    List<SearchHit> hits = SEARCH.search("老年人", 10);
    assertThat(hits).isNotEmpty();
    for (int i = 1; i < hits.size(); i++) {
      assertThat(hits.get(i).score()).isLessThanOrEqualTo(hits.get(i - 1).score());
    }
    assertThat(hits.get(0).dataset().title() + hits.get(0).dataset().description()).contains("老年");
  }

  @Test
  void anExactQualifiedNameOrResourceCodeComesFirst() {
    assertThat(names("gold.person_match", 3)).first().isEqualTo("gold.person_match");
    String code = CATALOG.stream().filter(d -> d.qualifiedName().equals("gold.place")).findFirst().orElseThrow().resourceCode();
    assertThat(names(code.toLowerCase(java.util.Locale.ROOT), 3)).first().isEqualTo("gold.place");
  }

  @Test
  void queryOperatorsAndHostileTextAreWordsNotSyntax() {
    for (String hostile : List.of("title:* OR 1=1", ")(", "\"", "'; DROP TABLE dataset; --", "*", "?", "\\", "AND", "🙂🙂", "\u0000\u0007")) {
      assertThat(SEARCH.search(hostile, 10)).as(hostile).allSatisfy(h -> assertThat(h.dataset()).isNotNull());
    }
    assertThat(SEARCH.search("*", 10)).as("a wildcard matches nothing, not everything").isEmpty();
  }

  @Test
  void blankOverlongQueriesAndBadLimitsAreRefusedNamingTheParameter() {
    assertThatThrownBy(() -> SEARCH.search("  ", 10)).hasMessageContaining("q is blank");
    assertThatThrownBy(() -> SEARCH.search("人".repeat(CatalogSearch.MAX_QUERY_LENGTH + 1), 10)).hasMessageContaining("q is longer");
    assertThatThrownBy(() -> SEARCH.search("人口", 0)).hasMessageContaining("limit");
    assertThatThrownBy(() -> SEARCH.search("人口", CatalogSearch.MAX_LIMIT + 1)).hasMessageContaining("limit");
  }
}
