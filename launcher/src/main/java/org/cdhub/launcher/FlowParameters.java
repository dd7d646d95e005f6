package org.cdhub.launcher;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.cdhub.flows.deploy.FlowDefinition;
import org.cdhub.flows.deploy.FlowProfile;

/**
 * Parameter values of a flow in the embedded profile ({@code flows/profiles/embedded.properties}),
 * with {@code ${sources}} pointing at the generated city; the cluster profile is applied by the
 * deploy tool instead.
 */
final class FlowParameters {
  static final String EMBEDDED = "embedded";

  private FlowParameters() {}

  /** {@code name=value} runner arguments for the flow of {@code feed}. */
  static List<String> embedded(Artifacts artifacts, String feed, Path sourcesDir) {
    FlowProfile profile = FlowProfile.load(artifacts.flowProfile(EMBEDDED));
    FlowDefinition flow = FlowDefinition.load(artifacts.flowDefinition(feed));
    Map<String, String> values = profile.valuesFor(flow, feed, Map.of("sources", sourcesDir.toAbsolutePath().toString()));
    return values.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
  }
}
