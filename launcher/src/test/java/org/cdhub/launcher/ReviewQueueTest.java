package org.cdhub.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.cdhub.model.entity.PersonMatch;
import org.cdhub.model.lakehouse.LakehouseConfig;
import org.cdhub.model.lakehouse.LakehouseTable;
import org.cdhub.model.ops.StewardDecision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ReviewQueueTest {
  @TempDir
  Path dir;

  static PersonMatch match(String left, String right, double probability, String status) {
    return new PersonMatch("hr_household", left, "health_residents", right, probability, 3.5, "REVIEW", null,
        List.of("id_number=MISSING:+0.00", "name=SAME_PINYIN:+4.10"), status, "resolve-1");
  }

  void writeMatches(List<PersonMatch> rows) {
    LakehouseConfig config = LakehouseConfig.embedded(dir);
    JdbcCatalog catalog = new JdbcCatalog();
    catalog.initialize(config.catalogName(), config.icebergCatalogProperties(true));
    try (catalog) {
      LakehouseTable t = LakehouseTable.GOLD_PERSON_MATCH;
      if (!catalog.namespaceExists(Namespace.of("gold"))) {
        catalog.createNamespace(Namespace.of("gold"));
      }
      IcebergAppends.append(catalog.createTable(t.identifier(), t.schema(), t.partitionSpec()), rows, "test");
    }
  }

  List<Record> decisions() throws Exception {
    LakehouseConfig config = LakehouseConfig.embedded(dir);
    JdbcCatalog catalog = new JdbcCatalog();
    catalog.initialize(config.catalogName(), config.icebergCatalogProperties(true));
    List<Record> out = new ArrayList<>();
    try (catalog; CloseableIterable<Record> rows = IcebergGenerics.read(catalog.loadTable(LakehouseTable.STEWARD_DECISION.identifier())).build()) {
      rows.forEach(r -> out.add(r.copy()));
    }
    return out;
  }

  @Test
  void listsOnlyQueuedPairsMostProbableFirst() throws Exception {
    writeMatches(List.of(match("1", "a", 0.7, PersonMatch.QUEUED), match("2", "b", 0.999, PersonMatch.LINKED),
        match("3", "c", 0.9, PersonMatch.QUEUED), match("4", "d", 0.8, PersonMatch.APART)));

    try (ReviewQueue queue = new ReviewQueue(LakehouseConfig.embedded(dir))) {
      assertThat(queue.queued()).extracting(ReviewQueue.QueuedPair::left).containsExactly("hr_household:3", "hr_household:1");
      assertThat(queue.queued().get(0).evidence()).contains("name=SAME_PINYIN:+4.10");
    }
  }

  @Test
  void aDecisionIsAppendedWithWhoWhenAndWhy() throws Exception {
    try (ReviewQueue queue = new ReviewQueue(LakehouseConfig.embedded(dir))) {
      queue.record(new StewardDecision("PERSON", "hr_household", "1", "health_residents", "a", StewardDecision.SPLIT, "li.wei",
          "different fathers on the household card", Instant.parse("2026-12-06T08:00:00Z")));
      queue.record(new StewardDecision("PERSON", "hr_household", "1", "health_residents", "a", StewardDecision.LINK, "li.wei",
          "confirmed in person", Instant.parse("2026-12-06T09:00:00Z")));
    }

    List<Record> rows = decisions();
    assertThat(rows).hasSize(2);
    assertThat(rows).extracting(r -> r.getField("decision")).containsExactlyInAnyOrder("SPLIT", "LINK");
    assertThat(rows).extracting(r -> r.getField("steward")).containsOnly("li.wei");
  }

  @Test
  void theCommandRefusesADecisionWithoutReasonOrWithAMalformedRecord() {
    writeMatches(List.of(match("1", "a", 0.7, PersonMatch.QUEUED)));
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new Hub());
    cli.setErr(new PrintWriter(err));
    cli.setOut(new PrintWriter(new StringWriter()));

    int noReason = cli.execute("review", "--data-dir", dir.toString(), "--link", "hr_household:1", "health_residents:a");
    int malformed = cli.execute("review", "--data-dir", dir.toString(), "--split", "hr_household1", "health_residents:a", "--reason", "x");

    assertThat(noReason).isNotZero();
    assertThat(malformed).isNotZero();
    assertThat(err.toString()).contains("needs --reason").contains("FEED:RECORD");
    assertThatThrownBy(() -> new StewardDecision("PERSON", "f", "1", "f", "1", "LINK", "s", "r", Instant.EPOCH))
        .hasMessageContaining("two different records");
  }
}
