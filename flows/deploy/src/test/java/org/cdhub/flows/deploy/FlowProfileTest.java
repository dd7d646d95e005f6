package org.cdhub.flows.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class FlowProfileTest {
    private static final Path FLOWS = Path.of("..").toAbsolutePath().normalize();
    private static final FlowDefinition HR = FlowDefinition.load(FLOWS.resolve("definitions/hr_household.json"));
    /**
     * Filled in at run time in the embedded profile: the launcher's lakehouse, the runner's drivers, and the
     * loopback vendor endpoints the launcher starts for each run (EmbeddedSource).
     */
    private static final Set<String> EMBEDDED_RUNTIME = Set.of(
            "lakehouse.catalog.uri", "lakehouse.warehouse", "source.jdbc.driver.location", "source.base.url",
            "mqtt.broker.uri");

    @Test
    void feedKeysWinOverSharedKeysAndPlaceholdersAreReplaced() {
        FlowProfile profile = new FlowProfile("test", Map.of(
                "source.jdbc.url", "jdbc:sqlite:${sources}/shared.db",
                "hr_household/source.jdbc.url", "jdbc:sqlite:${sources}/departments/hr.db",
                "ca_elderly/source.directory", "/elsewhere",
                "source.directory", "/shared/drops"));

        Map<String, String> values = profile.valuesFor(HR, "hr_household", Map.of("sources", "/data/sources"));

        assertThat(values).containsExactly(Map.entry("source.jdbc.url", "jdbc:sqlite:/data/sources/departments/hr.db"));
    }

    @Test
    void refusesSecretsUnknownParametersAndMissingPlaceholdersNamingKeyAndRule() {
        assertThatThrownBy(() -> new FlowProfile("p", Map.of("source.jdbc.password", "s3cret")).valuesFor(HR, "hr_household", Map.of()))
                .hasMessageContaining("source.jdbc.password").hasMessageContaining("PROFILE-SECRET").hasMessageNotContaining("s3cret");
        assertThatThrownBy(() -> new FlowProfile("p", Map.of("hr_household/source.jdbc.ulr", "x")).valuesFor(HR, "hr_household", Map.of()))
                .hasMessageContaining("hr_household/source.jdbc.ulr").hasMessageContaining("PROFILE-UNKNOWN-PARAMETER");
        assertThatThrownBy(() -> new FlowProfile("p", Map.of("source.jdbc.url", "${nowhere}/x")).valuesFor(HR, "hr_household", Map.of()))
                .hasMessageContaining("${nowhere}").hasMessageContaining("PROFILE-PLACEHOLDER");
    }

    @Test
    void everyShippedProfileGivesEveryFlowWhatItNeedsAndNoSecret() throws IOException {
        List<Path> profiles = list(FLOWS.resolve("profiles"), ".properties");
        assertThat(profiles).extracting(p -> p.getFileName().toString()).contains("embedded.properties", "cluster.properties");
        List<Path> definitions = list(FLOWS.resolve("definitions"), ".json");
        for (Path file : profiles) {
            FlowProfile profile = FlowProfile.load(file);
            boolean embedded = profile.name().equals("embedded");
            Set<String> feeds = new java.util.TreeSet<>();
            for (Path d : definitions) {
                FlowDefinition flow = FlowDefinition.load(d);
                String feed = d.getFileName().toString().replaceFirst("\\.json$", "");
                feeds.add(feed);
                Map<String, String> values = profile.valuesFor(flow, feed, Map.of("sources", "/data/sources", "data", "/data"));
                for (FlowDefinition.Parameter p : flow.parameters()) {
                    boolean needed = p.value() == null && !p.sensitive()
                            && !(embedded && (EMBEDDED_RUNTIME.contains(p.name()) || p.name().endsWith(".user") || p.name().endsWith(".username")));
                    if (needed) {
                        assertThat(values).as("profile " + profile.name() + " sets " + p.name() + " for " + feed).containsKey(p.name());
                    }
                }
            }
            assertThat(feeds).as("feeds named by profile " + profile.name()).containsAll(profile.feeds());
        }
    }

    private static List<Path> list(Path dir, String suffix) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        }
    }
}
