package org.cdhub.flows.runner;

import static java.util.Objects.requireNonNull;

import java.io.File;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.apache.nifi.stateless.config.ExtensionClientDefinition;
import org.apache.nifi.stateless.config.SslContextDefinition;
import org.apache.nifi.stateless.engine.StatelessEngineConfiguration;

/**
 * Stateless engine configuration for an in-process run: every NAR comes from one local
 * directory (no downloads), FlowFile content spills to disk under the work directory.
 *
 * @param narDir NARs, the engine's own included; also the extensions directory, so they load once
 * @param workDir engine scratch space: {@code nar/} (unpacked NARs), {@code content/}
 * @param sensitivePropsKey key for properties the engine encrypts in memory; never persisted
 */
record EngineSettings(Path narDir, Path workDir, String sensitivePropsKey) implements StatelessEngineConfiguration {
  EngineSettings {
    requireNonNull(narDir, "narDir is null");
    requireNonNull(workDir, "workDir is null");
    requireNonNull(sensitivePropsKey, "sensitivePropsKey is null");
  }

  Path contentDir() {
    return workDir.resolve("content");
  }

  @Override
  public File getWorkingDirectory() {
    return workDir.toFile();
  }

  @Override
  public File getNarDirectory() {
    return narDir.toFile();
  }

  @Override
  public File getExtensionsDirectory() {
    return narDir.toFile();
  }

  @Override
  public Collection<File> getReadOnlyExtensionsDirectories() {
    return List.of();
  }

  @Override
  public File getKrb5File() {
    return null;
  }

  @Override
  public Optional<File> getContentRepositoryDirectory() {
    return Optional.of(contentDir().toFile());
  }

  @Override
  public SslContextDefinition getSslContext() {
    return null;
  }

  @Override
  public String getSensitivePropsKey() {
    return sensitivePropsKey;
  }

  @Override
  public List<ExtensionClientDefinition> getExtensionClients() {
    return List.of();
  }

  @Override
  public boolean isLogExtensionDiscovery() {
    return false;
  }

  @Override
  public String getStatusTaskInterval() {
    return null;
  }
}
