package org.cdhub.flows.landing;

import static java.util.Objects.requireNonNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.cdhub.model.contract.SourceContract;
import org.cdhub.model.contract.SourceContracts;

/** Where a feed's source contract comes from: the contracts packaged with the hub, or a directory of YAML files. */
public final class SourceContractLocation {
  /** The contracts packaged in hub-model ({@code contracts/<feed>.yaml} on the class path). */
  public static final String BUNDLED = "bundled";

  private SourceContractLocation() {}

  public static SourceContract load(String location, String feed) {
    requireNonNull(location, "location is null");
    requireNonNull(feed, "feed is null");
    if (BUNDLED.equals(location.strip())) {
      return SourceContracts.loadBundled(feed);
    }
    Path dir = Path.of(location.strip());
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException("Cannot load the source contract of feed " + feed + ": not a directory: " + dir);
    }
    Map<String, SourceContract> contracts = SourceContracts.loadDirectory(dir);
    SourceContract contract = contracts.get(feed);
    if (contract == null) {
      throw new IllegalArgumentException("Cannot load the source contract of feed " + feed + ": " + dir
          + " has contracts for " + contracts.keySet() + " only");
    }
    return contract;
  }
}
