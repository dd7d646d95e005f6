package org.cdhub.launcher;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * A class-data-sharing archive (AppCDS) of the Spark job JVM: the ~18,000 classes a job loads
 * (Spark, Iceberg, Hadoop, Deequ) parsed and verified once, then mapped by every later job,
 * which saves ~3 s of each job's start on two cores.
 *
 * <p>The archive is made from a real run: the first job without an archive records the
 * classes it loads ({@code -XX:DumpLoadedClassList}, no measurable cost), and after it
 * succeeds one static dump ({@code -Xshare:dump}, ~20 s, once per build) writes the archive.
 * It is keyed by the JDK and every jar on the classpath, so a rebuild makes a new one; a
 * mismatched or missing archive only means a normal start. {@code HUB_SPARK_CLASS_ARCHIVE=off}
 * turns it off.
 */
public final class SparkClassArchive {
  private final Path javaExecutable;
  private final List<Path> classpath;
  private final Path dir;
  private final boolean enabled;

  /**
   * @param java the JDK 17 {@code java} executable of the jobs
   * @param classpath the jobs' jars in classpath order (a wildcard directory already expanded)
   * @param dir where archives live (a build output directory)
   */
  public SparkClassArchive(Path java, List<Path> classpath, Path dir, boolean enabled) {
    this.javaExecutable = requireNonNull(java, "java is null");
    this.classpath = List.copyOf(requireNonNull(classpath, "classpath is null"));
    this.dir = requireNonNull(dir, "dir is null");
    this.enabled = enabled;
  }

  /** The archive of the current JDK and jars; it may not exist yet. */
  public Path archive() {
    return dir.resolve("spark-jobs-" + key() + ".jsa");
  }

  Path classList() {
    return dir.resolve("spark-jobs-" + key() + ".classlist");
  }

  /** JVM options for the next job: use the archive, or record the class list for making one. */
  public List<String> jvmOptions() {
    if (!enabled) {
      return List.of();
    }
    if (Files.isRegularFile(archive())) {
      // only errors: a mismatch after a JDK update is a normal start, not noise in the job's log
      return List.of("-XX:SharedArchiveFile=" + archive(), "-Xshare:auto", "-Xlog:cds=error", "-Xlog:cds+dynamic=error");
    }
    createDir();
    return List.of("-XX:DumpLoadedClassList=" + classList());
  }

  /**
   * After a successful job: writes the archive from the class list that job recorded, if there
   * is one and no archive yet. A failed dump is reported and leaves jobs starting normally.
   */
  public void completeAfterJob(PrintStream progress) {
    if (!enabled || Files.isRegularFile(archive()) || !Files.isRegularFile(classList())) {
      return;
    }
    Path partial = dir.resolve(archive().getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
    List<String> cmd = new ArrayList<>(List.of(javaExecutable.toString(), "-Xshare:dump", "-Xlog:cds=error", "-Xlog:gc=off",
        "-XX:SharedClassListFile=" + classList(), "-XX:SharedArchiveFile=" + partial, "-cp", classpathString()));
    progress.println("    writing the Spark job JVM's class archive (once per build, ~20 s; later jobs start ~3 s faster)");
    long started = System.nanoTime();
    try {
      new ChildJvm(cmd, dir).run(progress);
      Files.move(partial, archive(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      deleteOthers();
      progress.printf("    class archive written in %.1fs: %s%n", (System.nanoTime() - started) / 1e9, archive().getFileName());
    } catch (RuntimeException | IOException e) {
      progress.println("    class archive not written, jobs start without it: " + e.getMessage());
      deleteQuietly(partial);
    }
  }

  /** Jars of a classpath directory in the order the JVM expands {@code dir/*}: as listed, not sorted. */
  static List<Path> jarsOf(Path jar, Path libDir) {
    List<Path> jars = new ArrayList<>();
    jars.add(jar);
    try (Stream<Path> files = Files.list(libDir)) {
      files.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().forEach(jars::add);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + libDir, e);
    }
    return jars;
  }

  String classpathString() {
    return String.join(java.io.File.pathSeparator, classpath.stream().map(Path::toString).toList());
  }

  /** Changes with the JDK and with any jar's name, size or modification time. */
  String key() {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(javaExecutable.toRealPath().toString().getBytes(StandardCharsets.UTF_8));
      for (Path jar : classpath) {
        sha.update(("\n" + jar.toAbsolutePath() + "|" + Files.size(jar) + "|" + Files.getLastModifiedTime(jar).toMillis())
            .getBytes(StandardCharsets.UTF_8));
      }
      return HexFormat.of().formatHex(sha.digest(), 0, 8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the Spark jobs' classpath for the class archive key", e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private void createDir() {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create " + dir, e);
    }
  }

  // archives of earlier builds are 190 MB each
  private void deleteOthers() throws IOException {
    String current = "spark-jobs-" + key() + ".";
    try (Stream<Path> files = Files.list(dir)) {
      files.filter(p -> !p.getFileName().toString().startsWith(current)).forEach(SparkClassArchive::deleteQuietly);
    }
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException ignored) {
      // a leftover file is harmless: the key names the current archive
    }
  }
}
