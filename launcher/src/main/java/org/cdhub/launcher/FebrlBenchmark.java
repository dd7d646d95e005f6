package org.cdhub.launcher;

import static java.util.Objects.requireNonNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.iceberg.catalog.TableIdentifier;

/**
 * The FEBRL record-linkage benchmark (Febrl project, ANU: synthetic Australian person records with
 * generated duplicates) run through the hub's own path: each task's CSV files go in through the
 * benchmark's source contract and CSV file-drop flow ({@value #DEFINITIONS}), then standardize,
 * resolve and merge; the person links are scored against the truth the record ids carry
 * ({@code rec-712-org} and {@code rec-712-dup-0} are one person). The files are read where they
 * are, never copied into the project.
 */
final class FebrlBenchmark {
  static final String FEED = "febrl";
  /** Contract, flow and profile of the benchmark's feed, under the hub's home. */
  static final String DEFINITIONS = "deploy/benchmarks/febrl";
  /** Where the data sets are unless --data-root says otherwise, from the hub's home. */
  static final String DEFAULT_DATA_ROOT = "../shared/datasets/febrl";
  /** Resolve's output (JobTable.PERSON_LINK in spark-jobs, which the launcher does not depend on). */
  static final TableIdentifier PERSON_LINK = BenchCommand.Resolve.PERSON_LINK;
  private static final Pattern RECORD_ID = Pattern.compile("rec-(\\d+)-(?:org|dup-\\d+)");

  /**
   * One benchmark task: a data set to deduplicate, or two files to link (dataset4a holds the
   * originals, dataset4b one duplicate of each), landed as one feed and resolved together.
   */
  record Task(String name, List<String> files) {
    Task {
      requireNonNull(name, "name is null");
      files = List.copyOf(files);
    }

    String kind() {
      return files.size() > 1 ? "linkage" : "dedup";
    }

    /** The flow's file filter: exactly the task's files. */
    String fileFilter() {
      return files.stream().map(Pattern::quote).collect(Collectors.joining("|"));
    }
  }

  static final List<Task> TASKS = List.of(
      new Task("dataset1", List.of("dataset1.csv")),
      new Task("dataset2", List.of("dataset2.csv")),
      new Task("dataset3", List.of("dataset3.csv")),
      new Task("dataset4", List.of("dataset4a.csv", "dataset4b.csv")));

  private FebrlBenchmark() {}

  /** The task of a --dataset name. */
  static Task task(String name) {
    for (Task t : TASKS) {
      if (t.name().equals(name)) {
        return t;
      }
    }
    if (name.equals("dataset4a") || name.equals("dataset4b")) {
      throw new IllegalArgumentException("Unknown data set '" + name + "': dataset4a and dataset4b form one linkage task, dataset4");
    }
    throw new IllegalArgumentException("Unknown data set '" + name + "': expected one of "
        + TASKS.stream().map(Task::name).toList());
  }

  /**
   * The directory holding the data sets: {@code given}, else {@value #DEFAULT_DATA_ROOT} from the
   * hub's home; it must exist.
   */
  static Path dataRoot(Path hubHome, Path given) {
    Path root = (given != null ? given : hubHome.resolve(DEFAULT_DATA_ROOT)).toAbsolutePath().normalize();
    if (!Files.isDirectory(root)) {
      throw new IllegalStateException("Cannot run the FEBRL benchmark: there is no data set directory " + root
          + (given != null ? "" : " (the default; --data-root DIR names another)"));
    }
    return root;
  }

  /** The task's files under {@code dataRoot}, each checked to be there. */
  static List<Path> files(Task task, Path dataRoot) {
    List<Path> files = new ArrayList<>();
    for (String f : task.files()) {
      Path file = dataRoot.resolve(f);
      if (!Files.isRegularFile(file)) {
        throw new IllegalStateException("Cannot run FEBRL task " + task.name() + ": there is no file " + file);
      }
      files.add(file);
    }
    return files;
  }

  /** The true person of a FEBRL record id: its number ({@code rec-712-dup-0} is person 712). */
  static String truePerson(String recordId) {
    Matcher m = RECORD_ID.matcher(String.valueOf(recordId));
    if (!m.matches()) {
      throw new IllegalArgumentException("Cannot score FEBRL record '" + recordId + "': expected rec-<n>-org or rec-<n>-dup-<k>");
    }
    return m.group(1);
  }

  /** Every record of the task's files with its true person, from the rec_id column. */
  static Map<String, String> truth(List<Path> files) {
    Map<String, String> truth = new HashMap<>();
    for (Path file : files) {
      TruthCsv.read(file, List.of("rec_id"), r -> {
        if (truth.put(r[0], truePerson(r[0])) != null) {
          throw new IllegalArgumentException("Cannot score FEBRL records: rec_id " + r[0] + " appears twice in " + files);
        }
      });
    }
    return truth;
  }

  /**
   * Pairwise accuracy of person links against FEBRL's truth: feed the links one by one, then
   * {@link #result}. Truth records left without a link (quarantined) are counted, not scored.
   */
  static final class Scoring {
    private final Map<String, String> unlinked;
    private final long people;
    private final PairwiseScore.Builder score = PairwiseScore.builder();

    Scoring(Map<String, String> truth) {
      this.unlinked = new HashMap<>(truth);
      this.people = new HashSet<>(truth.values()).size();
    }

    void link(String sourceSystem, String recordId, String masterId) {
      if (!FEED.equals(sourceSystem)) {
        throw new IllegalArgumentException("Cannot score link of " + sourceSystem + ":" + recordId + ": not a record of feed " + FEED);
      }
      String person = unlinked.remove(recordId);
      if (person == null) {
        throw new IllegalArgumentException("Cannot score link of " + FEED + ":" + recordId
            + ": the data set has no such record, or it was linked twice");
      }
      score.add(masterId, person);
    }

    Result result() {
      return new Result(score.build(), people, unlinked.size());
    }
  }

  /**
   * @param score pairwise figures over the linked records
   * @param people distinct true persons among the task's records, linked or not
   * @param unlinked records with no link (quarantined by standardize)
   */
  record Result(PairwiseScore score, long people, long unlinked) {}

  /**
   * One task's figures.
   *
   * @param resolveAndMergeSeconds wall seconds of the resolve and merge JVMs (start included)
   * @param peakRssMb the larger peak resident set of the two
   */
  record Outcome(Task task, Result result, double resolveAndMergeSeconds, long peakRssMb) {
    double recordsPerSecond() {
      return result.score().records() / resolveAndMergeSeconds;
    }
  }

  /** Lands the task's files through the benchmark's flow, runs standardize, resolve and merge, and scores the links. */
  static Outcome run(HubPipeline pipeline, Task task, Path dataRoot) {
    Map<String, String> truth = truth(files(task, dataRoot));
    pipeline.ingestMeasured(FEED, Map.of("source.directory", dataRoot.toString(), "source.file.filter", task.fileFilter()));
    pipeline.runJobMeasured("standardize");
    HubPipeline.Measured resolve = pipeline.runJobMeasured("resolve");
    double resolveSeconds = BenchCommand.lastStepSeconds(pipeline);
    HubPipeline.Measured merge = pipeline.runJobMeasured("merge");
    double mergeSeconds = BenchCommand.lastStepSeconds(pipeline);

    Scoring scoring = new Scoring(truth);
    try (LakehouseInspector lake = new LakehouseInspector(pipeline.lakehouse())) {
      boolean exists = lake.forEachRow(PERSON_LINK, List.of("source_system", "source_record_id", "master_id"), r -> scoring.link(
          (String) r.getField("source_system"), (String) r.getField("source_record_id"), (String) r.getField("master_id")));
      if (!exists) {
        throw new IllegalStateException("Cannot score FEBRL task " + task.name() + ": resolve left no table " + PERSON_LINK);
      }
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("Cannot read " + PERSON_LINK + " of FEBRL task " + task.name(), e);
    }
    return new Outcome(task, scoring.result(), resolveSeconds + mergeSeconds, Math.max(resolve.peakRssMb(), merge.peakRssMb()));
  }
}
