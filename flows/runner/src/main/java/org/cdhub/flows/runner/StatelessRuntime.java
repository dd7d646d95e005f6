package org.cdhub.flows.runner;

import static java.util.Objects.requireNonNull;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.apache.nifi.bundle.Bundle;
import org.apache.nifi.nar.NarClassLoader;
import org.apache.nifi.nar.NarClassLoaders;
import org.apache.nifi.nar.NarUnpackMode;
import org.apache.nifi.nar.NarUnpacker;
import org.apache.nifi.nar.SystemBundle;
import org.apache.nifi.stateless.config.ParameterOverride;
import org.apache.nifi.stateless.config.StatelessConfigurationException;
import org.apache.nifi.stateless.engine.NarUnpackLock;
import org.apache.nifi.stateless.flow.DataflowDefinition;
import org.apache.nifi.stateless.flow.DataflowDefinitionParser;
import org.apache.nifi.stateless.flow.StatelessDataflow;
import org.apache.nifi.stateless.flow.StatelessDataflowFactory;

/**
 * NiFi's stateless engine, booted the way Apache's stateless bootstrap does it (that bootstrap
 * jar is not on Maven Central): unpack every NAR in the NAR directory, load the engine from the
 * stateless NAR in its own class loader, and give extensions this JVM's class path as their root,
 * which holds only what NiFi keeps in {@code lib/}.
 */
final class StatelessRuntime {
  static final String ENGINE_NAR_ID = "nifi-stateless-nar";
  private static final String FLOW_SNAPSHOT_FILE = "nifi.stateless.flow.snapshot.file";

  private final EngineSettings settings;
  private final ClassLoader engineClassLoader;
  private final ClassLoader extensionRoot;

  private StatelessRuntime(EngineSettings settings, ClassLoader engineClassLoader, ClassLoader extensionRoot) {
    this.settings = settings;
    this.engineClassLoader = engineClassLoader;
    this.extensionRoot = extensionRoot;
  }

  static StatelessRuntime boot(EngineSettings settings) throws IOException {
    requireNonNull(settings, "settings is null");
    Path narDir = settings.narDir();
    Path engineNar = engineNar(narDir);
    File narWork = settings.workDir().resolve("nar").toFile();
    File frameworkWork = new File(narWork, "framework");
    File extensionsWork = new File(narWork, "extensions");
    Files.createDirectories(extensionsWork.toPath());

    ClassLoader root = ClassLoader.getSystemClassLoader();
    Bundle systemBundle = SystemBundle.create(narDir.toString(), root);
    NarUnpackLock.lock();
    try {
      // verify hashes: a rebuilt NAR with the same file name must replace its unpacked copy
      NarUnpacker.unpackNars(systemBundle, frameworkWork, extensionsWork, List.of(narDir), false,
          NarClassLoaders.FRAMEWORK_NAR_ID, false, true, NarUnpackMode.UNPACK_INDIVIDUAL_JARS, coordinate -> true);
    } finally {
      NarUnpackLock.unlock();
    }
    File engineDir = new File(extensionsWork, engineNar.getFileName() + "-unpacked");
    NarClassLoader engine;
    try {
      engine = new NarClassLoader(engineDir, root);
    } catch (ClassNotFoundException e) {
      throw new IOException("Cannot load the stateless engine from " + engineDir, e);
    }
    Thread.currentThread().setContextClassLoader(engine);
    return new StatelessRuntime(settings, engine, root);
  }

  /** Reads the flow definition and applies the parameter values; its flow may still be changed before {@link #dataflow}. */
  DataflowDefinition definition(Path flowDefinition, Map<String, String> parameters) throws IOException, StatelessConfigurationException {
    List<ParameterOverride> overrides = new ArrayList<>();
    parameters.forEach((name, value) -> overrides.add(new ParameterOverride(name, value)));
    DataflowDefinitionParser parser = single(DataflowDefinitionParser.class);
    return parser.parseFlowDefinition(Map.of(FLOW_SNAPSHOT_FILE, flowDefinition.toString()), settings, overrides);
  }

  /** Builds the dataflow (not yet initialized). */
  StatelessDataflow dataflow(DataflowDefinition definition) throws IOException, StatelessConfigurationException {
    return single(StatelessDataflowFactory.class).createDataflow(settings, definition, extensionRoot);
  }

  private <T> T single(Class<T> type) {
    List<T> found = new ArrayList<>();
    ServiceLoader.load(type, engineClassLoader).forEach(found::add);
    if (found.size() != 1) {
      throw new IllegalStateException("Cannot boot the stateless engine: expected one " + type.getSimpleName()
          + " in the " + ENGINE_NAR_ID + ", found " + found.size());
    }
    return found.get(0);
  }

  /** The NAR file whose manifest says Nar-Id: nifi-stateless-nar. */
  static Path engineNar(Path narDir) throws IOException {
    if (!Files.isDirectory(narDir)) {
      throw new IOException("Cannot find the NAR directory " + narDir + " (build flows/runner, or pass --nar-dir)");
    }
    List<Path> engines = new ArrayList<>();
    try (Stream<Path> files = Files.list(narDir)) {
      for (Path nar : files.filter(p -> p.getFileName().toString().endsWith(".nar")).sorted().toList()) {
        if (ENGINE_NAR_ID.equals(narId(nar))) {
          engines.add(nar);
        }
      }
    }
    if (engines.size() != 1) {
      throw new IOException("Cannot boot the stateless engine: expected one " + ENGINE_NAR_ID + " in " + narDir + ", found " + engines);
    }
    return engines.get(0);
  }

  static String narId(Path nar) throws IOException {
    try (JarFile jar = new JarFile(nar.toFile())) {
      return jar.getManifest() == null ? null : jar.getManifest().getMainAttributes().getValue("Nar-Id");
    }
  }
}
