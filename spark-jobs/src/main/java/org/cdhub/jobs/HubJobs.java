package org.cdhub.jobs;

import static java.util.Objects.requireNonNull;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import org.apache.spark.sql.SparkSession;
import org.cdhub.jobs.merge.MergeJob;
import org.cdhub.jobs.resolve.ResolvePersonJob;
import org.cdhub.jobs.standardize.StandardizeJob;
import org.cdhub.model.lakehouse.LakehouseConfig;

/**
 * Entry point the launcher (and {@code spark-submit}) runs:
 * {@code HubJobs <standardize|resolve|merge> [--contracts DIR] [--master URL] [--data-dir DIR]
 * [--shuffle-partitions N] [--config FILE]}. Progress goes to stderr; the last stdout line is
 * {@code JOB <name> status=OK key=value ...}. Exit 0 on success, 1 on failure (cause on
 * stderr), 2 on a usage error.
 */
public final class HubJobs {
  static final String USAGE = "usage: HubJobs <standardize|resolve|merge> [--contracts DIR] [--master URL]"
      + " [--data-dir DIR] [--shuffle-partitions N] [--config FILE]";

  /** The jobs, by the name the launcher uses. */
  public enum Job {
    STANDARDIZE(StandardizeJob::run),
    RESOLVE(ResolvePersonJob::run),
    MERGE(MergeJob::run);

    private final BiFunction<SparkSession, JobConfig, JobResult> body;

    Job(BiFunction<SparkSession, JobConfig, JobResult> body) {
      this.body = body;
    }

    public String jobName() {
      return name().toLowerCase(Locale.ROOT);
    }

    public JobResult run(SparkSession spark, JobConfig config) {
      return body.apply(spark, config);
    }

    static Job named(String name) {
      for (Job job : values()) {
        if (job.jobName().equals(name)) {
          return job;
        }
      }
      throw new IllegalArgumentException("Unknown job: " + name);
    }
  }

  private HubJobs() {}

  /** Entry point of one job's own main class: the same as {@code HubJobs <job> args...}. */
  public static void mainFor(String job, String[] args) {
    String[] all = new String[args.length + 1];
    all[0] = job;
    System.arraycopy(args, 0, all, 1, args.length);
    main(all);
  }

  public static void main(String[] args) {
    System.exit(execute(Arrays.asList(args), System.getenv(), System.out, System.err));
  }

  /** Runs one job named by its first argument; returns the process exit code. */
  public static int execute(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
    requireNonNull(args, "args is null");
    if (args.isEmpty()) {
      err.println(USAGE);
      return 2;
    }
    Job job;
    JobConfig config;
    try {
      job = Job.named(args.get(0));
      config = JobConfig.resolve(args.subList(1, args.size()), env, LakehouseConfig::fromSystemProperties);
    } catch (IllegalArgumentException e) {
      err.println("hub-jobs: " + e.getMessage() + "; " + USAGE);
      return 2;
    }
    return execute(job, config, out, err);
  }

  /** Runs a job in its own Spark session, printing the result line; returns the exit code. */
  public static int execute(Job job, JobConfig config, PrintStream out, PrintStream err) {
    requireNonNull(job, "job is null");
    requireNonNull(config, "config is null");
    SparkSession spark = null;
    try {
      err.println("[" + job.jobName() + "] starting: " + config);
      spark = Lakehouse.session(config, "hub-" + job.jobName());
      JobResult result = job.run(spark, config);
      out.println(result.line());
      out.flush();
      return 0;
    } catch (Throwable e) {
      // Spark and Scala code may throw checked exceptions undeclared: report every failure the same way
      err.println("[" + job.jobName() + "] FAILED: " + describe(e));
      e.printStackTrace(err);
      out.println("JOB " + job.jobName() + " status=FAILED");
      out.flush();
      return 1;
    } finally {
      if (spark != null) {
        spark.stop();
      }
    }
  }

  private static String describe(Throwable e) {
    StringBuilder sb = new StringBuilder(String.valueOf(e.getMessage()));
    for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
      sb.append(" <- ").append(c.getClass().getSimpleName()).append(": ").append(c.getMessage());
    }
    return sb.toString();
  }
}
