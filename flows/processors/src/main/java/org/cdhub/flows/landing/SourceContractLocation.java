package org.cdhub.flows.landing;

import static java.util.Objects.requireNonNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.components.ValidationContext;
import org.apache.nifi.components.ValidationResult;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.util.StandardValidators;
import org.cdhub.model.contract.SourceContract;
import org.cdhub.model.contract.SourceContracts;

/**
 * Where a feed's source contract comes from: the contracts packaged with the hub, or a directory
 * of YAML files. Also the two properties every hub processor that applies a contract shares.
 */
public final class SourceContractLocation {
  /** The contracts packaged in hub-model ({@code contracts/<feed>.yaml} on the class path). */
  public static final String BUNDLED = "bundled";

  public static final PropertyDescriptor FEED = new PropertyDescriptor.Builder()
      .name("Feed")
      .description("Feed id (lower snake case): names the feed's source contract <feed>.yaml and its bronze table bronze.<feed>")
      .required(true)
      .addValidator(StandardValidators.createRegexMatchingValidator(java.util.regex.Pattern.compile("[a-z][a-z0-9_]{1,62}")))
      .build();

  public static final PropertyDescriptor CONTRACT_LOCATION = new PropertyDescriptor.Builder()
      .name("Contract Location")
      .description("Directory holding the feed's source contract <feed>.yaml, or 'bundled' for the contracts packaged with the hub")
      .required(true)
      .defaultValue(BUNDLED)
      .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
      .build();

  private SourceContractLocation() {}

  /** The contract named by a processor's {@link #FEED} and {@link #CONTRACT_LOCATION}. */
  public static SourceContract load(ProcessContext context) {
    return load(context.getProperty(CONTRACT_LOCATION).getValue(), context.getProperty(FEED).getValue());
  }

  /** Why the configured contract cannot be loaded, if it cannot. */
  public static List<ValidationResult> validate(ValidationContext context) {
    String feed = context.getProperty(FEED).getValue();
    String location = context.getProperty(CONTRACT_LOCATION).getValue();
    if (feed != null && location != null) {
      try {
        load(location, feed);
      } catch (RuntimeException e) {
        return List.of(new ValidationResult.Builder().subject(CONTRACT_LOCATION.getName()).input(location).valid(false)
            .explanation(e.getMessage()).build());
      }
    }
    return List.of();
  }

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
