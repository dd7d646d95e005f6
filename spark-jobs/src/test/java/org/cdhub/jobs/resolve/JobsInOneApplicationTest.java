package org.cdhub.jobs.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.SparkSession;
import org.cdhub.jobs.HubJobs;
import org.cdhub.jobs.JobConfig;
import org.cdhub.jobs.Lakehouse;
import org.cdhub.jobs.RecordRows;
import org.cdhub.model.entity.SilverPerson;
import org.cdhub.model.lakehouse.LakehouseTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several jobs in one Spark application ({@code HubJobs resolve,resolve,merge}): each runs in
 * its own session and sees the tables as the job before left them, although each session's
 * Iceberg catalog caches the tables it loaded.
 */
class JobsInOneApplicationTest {
  @TempDir
  Path dir;

  @Test
  void eachJobSeesWhatThePreviousOneWroteAndEachPrintsItsResultLine() {
    JobConfig config = JobConfig.embedded(dir.resolve("data"));
    List<SilverPerson> city = ResolvePersonJobTest.city(new Random(7), new HashMap<>());
    SparkSession setup = Lakehouse.session(config, "jobs-in-one-application-setup");
    try {
      Lakehouse lake = new Lakehouse(setup, config.lakehouse().catalogName());
      lake.createIfMissing(LakehouseTable.SILVER_PERSON);
      lake.append(LakehouseTable.SILVER_PERSON.identifier(), setup.createDataFrame(city.stream().map(RecordRows::toRow).toList(),
          Lakehouse.sparkType(LakehouseTable.SILVER_PERSON.schema())), "test");
    } finally {
      setup.stop();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int exit = HubJobs.execute(List.of("resolve,resolve,merge", "--data-dir", dir.resolve("data").toString()), java.util.Map.of(),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

    List<String> lines = out.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("JOB ")).toList();
    assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0)).startsWith("JOB resolve status=OK mode=full reason=no_previous_run records=" + city.size() + " ");
    // the second resolve sees the first one's links and run: nothing new since
    assertThat(lines.get(1)).startsWith("JOB resolve status=OK mode=incremental reason=nothing_new records=0 ");
    assertThat(lines.get(2)).startsWith("JOB merge status=OK").containsPattern("gold_persons=[1-9]");
  }

  @Test
  void aFailingJobStopsTheRestAndNamesItself() throws Exception {
    Path contracts = java.nio.file.Files.createDirectories(dir.resolve("contracts"));
    java.nio.file.Files.writeString(contracts.resolve("broken.yaml"), "feed: [unclosed\n");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int exit = HubJobs.execute(List.of("merge,resolve", "--data-dir", dir.resolve("data").toString(), "--contracts", contracts.toString()),
        java.util.Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

    assertThat(exit).isEqualTo(1);
    assertThat(out.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("JOB ")).toList())
        .as("merge cannot read its contracts; resolve after it does not run").containsExactly("JOB merge status=FAILED");
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("[merge] FAILED").doesNotContain("[resolve] starting");
  }
}
