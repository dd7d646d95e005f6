package org.cdhub.jobs;

import static java.util.Objects.requireNonNull;

import java.io.PrintStream;
import java.time.Duration;

/** Progress lines on stderr ({@code [standardize] ...}); stdout carries only the result line. */
public final class Progress {
  private final String job;
  private final PrintStream out;
  private final long startNanos = System.nanoTime();

  public Progress(String job, PrintStream out) {
    this.job = requireNonNull(job, "job is null");
    this.out = requireNonNull(out, "out is null");
  }

  public static Progress stderr(String job) {
    return new Progress(job, System.err);
  }

  /** Never pass raw personal data here: messages go to logs. */
  public void say(String format, Object... args) {
    long ms = Duration.ofNanos(System.nanoTime() - startNanos).toMillis();
    out.printf("[%s %5.1fs] %s%n", job, ms / 1000.0, String.format(java.util.Locale.ROOT, format, args));
    out.flush();
  }
}
