package org.cdhub.jobs;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.cdhub.model.contract.SourceContract;
import org.cdhub.model.contract.SourceContracts;
import org.cdhub.model.entity.EntityType;

/** The source contracts a job run works from: a directory given by the caller, or those bundled in hub-model. */
public record SourceContractSet(String origin, Map<String, SourceContract> byFeed) {
  static final String BUNDLED_FOLDER = "contracts/";

  public SourceContractSet {
    requireNonNull(origin, "origin is null");
    byFeed = Collections.unmodifiableMap(new TreeMap<>(requireNonNull(byFeed, "byFeed is null")));
  }

  public static SourceContractSet load(Optional<Path> dir) {
    return dir.map(SourceContractSet::fromDirectory).orElseGet(SourceContractSet::bundled);
  }

  public static SourceContractSet fromDirectory(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException("Cannot load source contracts: not a directory: " + dir);
    }
    return new SourceContractSet(dir.toString(), SourceContracts.loadDirectory(dir));
  }

  /** Every {@code contracts/*.yaml} on the classpath (hub-model's jar, or its classes folder in a build). */
  public static SourceContractSet bundled() {
    Map<String, SourceContract> out = new TreeMap<>();
    try {
      Enumeration<URL> roots = SourceContracts.class.getClassLoader().getResources(BUNDLED_FOLDER);
      while (roots.hasMoreElements()) {
        URL root = roots.nextElement();
        for (String feed : feedsUnder(root)) {
          out.putIfAbsent(feed, SourceContracts.loadBundled(feed));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list bundled source contracts", e);
    }
    if (out.isEmpty()) {
      throw new IllegalStateException("Cannot find bundled source contracts: no " + BUNDLED_FOLDER + "*.yaml on the classpath");
    }
    return new SourceContractSet("classpath:" + BUNDLED_FOLDER, out);
  }

  private static List<String> feedsUnder(URL root) throws IOException {
    if ("jar".equals(root.getProtocol())) {
      JarURLConnection connection = (JarURLConnection) root.openConnection();
      connection.setUseCaches(false);
      try (JarFile jar = connection.getJarFile()) {
        return jar.stream()
            .map(JarEntry::getName)
            .filter(n -> n.startsWith(BUNDLED_FOLDER) && n.endsWith(".yaml") && n.indexOf('/', BUNDLED_FOLDER.length()) < 0)
            .map(n -> n.substring(BUNDLED_FOLDER.length(), n.length() - ".yaml".length()))
            .toList();
      }
    }
    if ("file".equals(root.getProtocol())) {
      try (Stream<Path> files = Files.list(Path.of(root.toURI()))) {
        return files.map(p -> p.getFileName().toString())
            .filter(n -> n.endsWith(".yaml"))
            .map(n -> n.substring(0, n.length() - ".yaml".length()))
            .toList();
      } catch (URISyntaxException e) {
        throw new IOException("Cannot read contracts folder " + root, e);
      }
    }
    throw new IOException("Cannot list bundled contracts at " + root + ": unsupported protocol");
  }

  /** Contracts of feeds describing the given entity, in feed order. */
  public List<SourceContract> ofEntity(EntityType entity) {
    return byFeed.values().stream().filter(c -> c.entity() == entity).toList();
  }

  public Optional<SourceContract> feed(String feed) {
    return Optional.ofNullable(byFeed.get(feed));
  }

  /** Reads the raw text of a bundled contract, e.g. for tests that write a contracts directory. */
  public static String bundledText(String feed) {
    String resource = BUNDLED_FOLDER + feed + ".yaml";
    try (InputStream in = SourceContracts.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("Cannot find bundled source contract " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + resource, e);
    }
  }
}
