package org.cdhub.launcher;

import java.nio.file.Path;
import java.util.List;
import org.cdhub.model.contract.SourceContract;

/**
 * A generated city's source system as the embedded profile plays it while a flow runs: nothing to
 * do for databases and file drops (the flow reads them), a vendor API to serve, pushes to send,
 * messages to publish. Knows what it adds to the runner's command line and, for a listening flow,
 * delivers once the flow is up.
 */
interface EmbeddedSource extends AutoCloseable {
  /** Extra {@code name=value} flow parameters (endpoints, credentials) for this run. */
  default List<String> parameters() {
    return List.of();
  }

  /** Extra runner options, e.g. {@code --listen-idle-ms} for a source the flow listens to. */
  default List<String> runnerOptions() {
    return List.of();
  }

  /** Whether {@link #deliver} must run while the flow runs (the flow listens rather than pulls). */
  default boolean delivers() {
    return false;
  }

  /**
   * Sends the source's records to the running flow; returns a one-line summary.
   *
   * @param flowAlive whether the runner is still running (stop waiting for it if not)
   */
  default String deliver(java.util.function.BooleanSupplier flowAlive) throws Exception {
    return "";
  }

  @Override
  default void close() throws Exception {}

  /** The embedded source of a feed, from its contract and the generated city under {@code sourcesDir}. */
  static EmbeddedSource of(SourceContract contract, Path sourcesDir) {
    return switch (contract.format().kind()) {
      case JSON_HTTP_PUSH -> new EmbeddedPushSource(contract, sourcesDir.resolve(contract.format().location()));
      case JSON_API -> new EmbeddedApiSource(sourcesDir);
      case JSON_MQTT -> new EmbeddedMqttSource(contract, sourcesDir);
      default -> new EmbeddedSource() {};
    };
  }
}
