package org.cdhub.launcher;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cdhub.flows.deploy.FlowDefinition;
import org.cdhub.flows.deploy.FlowProfile;

/**
 * Parameter values of a flow in the embedded profile ({@code flows/profiles/embedded.properties},
 * or a benchmark's own), with {@code ${sources}} pointing at the generated city and
 * {@code ${contracts}} at the feeds' contracts and {@code ${data}} at the data directory (its catalog
 * database feeds community_correction); the cluster profile is applied by the deploy tool
 * instead.
 */
final class FlowParameters {
  static final String EMBEDDED = "embedded";

  private FlowParameters() {}

  /** {@code name=value} runner arguments for the flow of {@code feed}. */
  static List<String> embedded(Artifacts artifacts, String feed, Path sourcesDir) {
    return embedded(FeedDefinitions.city(artifacts.hubHome()), feed, sourcesDir, Map.of());
  }

  /**
   * As above for the feeds of {@code feeds}; {@code overrides} replace the profile's values (a
   * benchmark points one flow at the file it reads).
   */
  static List<String> embedded(FeedDefinitions feeds, String feed, Path sourcesDir, Map<String, String> overrides) {
    FlowProfile profile = FlowProfile.load(feeds.embeddedProfile());
    FlowDefinition flow = FlowDefinition.load(feeds.flowDefinition(feed));
    Map<String, String> values = new LinkedHashMap<>(profile.valuesFor(flow, feed, Map.of(
        "sources", sourcesDir.toAbsolutePath().toString(),
        // the data directory, whose catalog database is the source of the hub's own feed (community_correction)
        "data", sourcesDir.toAbsolutePath().getParent().toString(),
        "contracts", feeds.contractsDir().toAbsolutePath().toString())));
    values.putAll(overrides);
    return values.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
  }
}
