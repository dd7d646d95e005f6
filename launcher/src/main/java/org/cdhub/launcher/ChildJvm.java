package org.cdhub.launcher;

import static java.util.Objects.requireNonNull;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Runs one part of the hub in its own JVM (its own JDK and classpath), passing its stderr
 * through as progress and keeping its stdout for the result line.
 */
public final class ChildJvm {
  private final List<String> command;
  private final Path workDir;
  private volatile long peakRssKb = -1;

  public ChildJvm(List<String> command, Path workDir) {
    this.command = List.copyOf(requireNonNull(command, "command is null"));
    this.workDir = requireNonNull(workDir, "workDir is null");
  }

  public List<String> command() {
    return command;
  }

  /** Runs to completion; fails with the last output lines when the exit code is not 0. */
  public List<String> run(PrintStream progress) {
    return run(progress, line -> {});
  }

  /** As above, handing each stdout line to {@code onOutput} as it comes (a job's result line as soon as it finishes). */
  public List<String> run(PrintStream progress, java.util.function.Consumer<String> onOutput) {
    Process process = start();
    Thread rss = sampleRss(process);
    List<String> out = Collections.synchronizedList(new ArrayList<>());
    Thread stderr = pump(process.getErrorStream(), line -> progress.println("    " + line));
    Thread stdout = pump(process.getInputStream(), line -> {
      out.add(line);
      onOutput.accept(line);
    });
    try {
      int exit = process.waitFor();
      stderr.join();
      stdout.join();
      rss.interrupt();
      if (exit != 0) {
        throw new IllegalStateException("Step failed (exit " + exit + "): " + String.join(" ", command.subList(0, Math.min(4, command.size())))
            + " ... output: " + String.join(" | ", out.subList(Math.max(0, out.size() - 5), out.size())));
      }
      return List.copyOf(out);
    } catch (InterruptedException e) {
      process.destroy();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while running " + command.get(0), e);
    }
  }

  /** Peak resident set of the last run's process in MB, sampled from /proc (Linux); -1 if unknown. */
  public long peakRssMb() {
    return peakRssKb < 0 ? -1 : peakRssKb / 1024;
  }

  // VmHWM is the kernel's own high-water mark, so sampling only has to catch the process alive
  private Thread sampleRss(Process process) {
    Path status = Path.of("/proc", Long.toString(process.pid()), "status");
    Thread t = new Thread(() -> {
      while (process.isAlive() && !Thread.currentThread().isInterrupted()) {
        try {
          for (String line : java.nio.file.Files.readAllLines(status)) {
            if (line.startsWith("VmHWM:")) {
              peakRssKb = Math.max(peakRssKb, Long.parseLong(line.replaceAll("[^0-9]", "")));
            }
          }
          Thread.sleep(200);
        } catch (IOException | RuntimeException e) {
          return; // gone, or not Linux
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "child-rss");
    t.setDaemon(true);
    t.start();
    return t;
  }

  /** Starts with inherited output, for long-running servers. */
  public Process startInherited() {
    try {
      return new ProcessBuilder(command).directory(workDir.toFile()).inheritIO().start();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start " + command.get(0), e);
    }
  }

  private Process start() {
    try {
      return new ProcessBuilder(command).directory(workDir.toFile()).start();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start " + command.get(0), e);
    }
  }

  private static Thread pump(java.io.InputStream in, java.util.function.Consumer<String> sink) {
    Thread t = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          sink.accept(line);
        }
      } catch (IOException e) {
        sink.accept("(output closed: " + e.getMessage() + ")");
      }
    }, "child-output");
    t.setDaemon(true);
    t.start();
    return t;
  }
}
