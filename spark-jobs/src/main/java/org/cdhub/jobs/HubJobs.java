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
 * {@code HubJobs <job>[,<job>...] [--contracts DIR] [--master URL] [--data-dir DIR]
 * [--shuffle-partitions N] [--config FILE]} with jobs standardize, resolve and merge. Progress
 * goes to stderr; each job prints {@code JOB <name> status=OK key=value ...} on stdout. Exit 0 on
 * success, 1 on failure (cause on stderr), 2 on a usage error.
 *
 * <p>Several jobs run in order in one Spark application, each in its own session (its own
 * catalog and caches, so it sees the tables as the job before left them); they stop at the first
 * failure. A fresh JVM spends about half its CPU compiling Spark's and Iceberg's code, so the
 * jobs after the first run warm.
 */
public final class HubJobs {
  static final String USAGE = "usage: HubJobs <standardize|resolve|merge>[,<job>...] [--contracts DIR] [--master URL]"
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

  /** Runs the jobs its first argument names (comma-separated); returns the process exit code. */
  public static int execute(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
    requireNonNull(args, "args is null");
    if (args.isEmpty()) {
      err.println(USAGE);
      return 2;
    }
    List<Job> jobs;
    JobConfig config;
    try {
      jobs = Arrays.stream(args.get(0).split(",", -1)).map(Job::named).toList();
      config = JobConfig.resolve(args.subList(1, args.size()), env, LakehouseConfig::fromSystemProperties);
    } catch (IllegalArgumentException e) {
      err.println("hub-jobs: " + e.getMessage() + "; " + USAGE);
      return 2;
    }
    return execute(jobs, config, out, err);
  }

  /** Runs a job in its own Spark application, printing the result line; returns the exit code. */
  public static int execute(Job job, JobConfig config, PrintStream out, PrintStream err) {
    return execute(List.of(job), config, out, err);
  }

  /** Runs jobs in order in one Spark application, each in a new session, printing each result line; returns the exit code. */
  public static int execute(List<Job> jobs, JobConfig config, PrintStream out, PrintStream err) {
    requireNonNull(jobs, "jobs is null");
    requireNonNull(config, "config is null");
    if (jobs.isEmpty()) {
      throw new IllegalArgumentException("No job to run");
    }
    SparkSession application = null;
    Job current = jobs.get(0);
    try {
      for (Job job : jobs) {
        current = job;
        err.println("[" + job.jobName() + "] starting: " + config);
        if (application == null) {
          application = Lakehouse.session(config, "hub-" + String.join("-", jobs.stream().map(Job::jobName).toList()));
        }
        SparkSession session = application.newSession();
        SparkSession.setActiveSession(session);
        try {
          JobResult result = job.run(session, config);
          out.println(result.line());
          out.flush();
        } finally {
          session.catalog().clearCache();
        }
      }
      return 0;
    } catch (Throwable e) {
      // Spark and Scala code may throw checked exceptions undeclared: report every failure the same way
      err.println("[" + current.jobName() + "] FAILED: " + describe(e));
      e.printStackTrace(err);
      out.println("JOB " + current.jobName() + " status=FAILED");
      out.flush();
      return 1;
    } finally {
      if (application != null) {
        application.stop();
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
