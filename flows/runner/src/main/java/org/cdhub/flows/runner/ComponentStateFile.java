package org.cdhub.flows.runner;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.nifi.components.state.Scope;
import org.apache.nifi.stateless.flow.StatelessDataflow;

/**
 * The flow's component state (e.g. QueryDatabaseTableRecord's watermark) kept between runs.
 * The stateless engine holds state in memory only; the runner saves it after every
 * acknowledged trigger and restores it in the next run, before the flow starts and again after
 * (before the first trigger: list processors clear their state when they start), so a second run
 * reads only rows and files that are new since the first.
 */
final class ComponentStateFile {
  private final Path file;

  ComponentStateFile(Path file) {
    this.file = requireNonNull(file, "file is null");
  }

  Path file() {
    return file;
  }

  void restoreInto(StatelessDataflow flow) throws IOException {
    if (!Files.exists(file)) {
      return;
    }
    Properties saved = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      saved.load(in);
    }
    for (Scope scope : Scope.values()) {
      Map<String, String> states = new HashMap<>();
      String prefix = scope.name() + ".";
      saved.stringPropertyNames().stream().filter(k -> k.startsWith(prefix))
          .forEach(k -> states.put(k.substring(prefix.length()), saved.getProperty(k)));
      if (!states.isEmpty()) {
        flow.setComponentStates(states, scope);
      }
    }
  }

  /** Forgets the flow's state: the next run starts from the beginning (all rows, all files). */
  boolean delete() throws IOException {
    return Files.deleteIfExists(file);
  }

  /**
   * A value in the flow's component state under a key only one component uses, e.g.
   * QueryDatabaseTableRecord's watermark {@code table@!@column} (the engine's component ids
   * are not the definition's, so the key finds the component). The engine hands each state out as JSON
   * ({@code {"stateValues":{...},"version":..}}); the runner has no JSON library on its class path
   * (only what NiFi keeps in lib/), so {@link StateJson} reads that one flat object of strings.
   */
  static Optional<String> value(StatelessDataflow flow, Scope scope, String key) {
    return flow.getComponentStates(scope).values().stream()
        .map(json -> StateJson.stateValues(json).get(key))
        .filter(java.util.Objects::nonNull)
        .findFirst();
  }

  void saveFrom(StatelessDataflow flow) throws IOException {
    Properties state = new Properties();
    for (Scope scope : Scope.values()) {
      flow.getComponentStates(scope).forEach((component, value) -> state.setProperty(scope.name() + "." + component, value));
    }
    Files.createDirectories(file.getParent());
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
      state.store(out, "NiFi component state of flow " + file.getFileName() + ", written by hub-flow-runner");
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
