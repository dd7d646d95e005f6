package org.cdhub.launcher;

import static java.util.Objects.requireNonNull;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a pipeline finds its feeds: the source contracts the flows and the Spark jobs read, the
 * flow definitions ({@code <feed>.json}) and the embedded profile with their parameter values.
 * The city's are {@code schemas/contracts}, {@code flows/definitions} and
 * {@code flows/profiles/embedded.properties}; a benchmark over outside data brings its own, so
 * that its feed is never one of the city's.
 *
 * @param contractsDir directory of {@code <feed>.yaml} source contracts
 * @param flowsDir directory of {@code <feed>.json} flow definitions
 * @param embeddedProfile parameter values of those flows on one machine (its {@code contracts.location}
 *     says whether the flows read the contracts packaged with the hub or those of {@code ${contracts}})
 */
public record FeedDefinitions(Path contractsDir, Path flowsDir, Path embeddedProfile) {
  public FeedDefinitions {
    requireNonNull(contractsDir, "contractsDir is null");
    requireNonNull(flowsDir, "flowsDir is null");
    requireNonNull(embeddedProfile, "embeddedProfile is null");
  }

  /** The city's feeds under the hub's home. */
  public static FeedDefinitions city(Path hubHome) {
    return new FeedDefinitions(hubHome.resolve("schemas/contracts"), hubHome.resolve("flows/definitions"),
        hubHome.resolve("flows/profiles/" + FlowParameters.EMBEDDED + ".properties"));
  }

  /** Contracts, flows and profile kept together in one directory. */
  public static FeedDefinitions inDirectory(Path dir) {
    return new FeedDefinitions(dir, dir, dir.resolve(FlowParameters.EMBEDDED + ".properties"));
  }

  public Path flowDefinition(String feed) {
    Path flow = flowsDir.resolve(feed + ".json");
    if (!Files.isRegularFile(flow)) {
      throw new IllegalArgumentException("Cannot run the flow of feed " + feed + ": there is no flow definition " + flow);
    }
    return flow;
  }
}
