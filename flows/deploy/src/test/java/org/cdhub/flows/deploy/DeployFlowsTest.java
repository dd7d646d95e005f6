package org.cdhub.flows.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeployFlowsTest {
    @TempDir
    Path dir;

    @Test
    void theCommandDeploysWithAProfileAndSecretsAndPrintsOneDeployLine() throws Exception {
        Path profile = Files.writeString(dir.resolve("prod.properties"), "source.jdbc.url=jdbc:sqlite:/data/hr.db\n");
        Path secrets = Files.writeString(dir.resolve("secrets.properties"), "source.jdbc.password=pw-from-file-42\n");
        try (FakeNifi nifi = new FakeNifi()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int exit = DeployFlows.run(new String[] {"--nifi-url", nifi.url().toString(), "--flow", FlowDeployerTest.DEFINITION.toString(),
                    "--parameters", profile.toString(), "--secrets", secrets.toString(), "--username", "admin"},
                    Map.of("NIFI_PASSWORD", "admin-password-123", "NIFI_PARAM_LAKEHOUSE_CATALOG_PASSWORD", "pw-from-env-43"),
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

            String stdout = out.toString(StandardCharsets.UTF_8);
            String stderr = err.toString(StandardCharsets.UTF_8);
            assertThat(exit).as(stderr).isZero();
            assertThat(stdout).matches("DEPLOY flow=hr_household process_group=\\S+ group=created parameter_context=\\S+ context=created"
                    + " changed_parameters=\\d+ services_enabled=false started=false\\R");
            assertThat(stdout + stderr).doesNotContain("pw-from-file-42", "pw-from-env-43", "admin-password-123");
            String created = nifi.requests("POST", "/nifi-api/parameter-contexts").get(0).text();
            assertThat(created).contains("pw-from-file-42", "pw-from-env-43");
        }
    }

    @Test
    void theClusterProfileSuppliesTheFlowsParametersAndOverridesWin() throws Exception {
        Path overrides = Files.writeString(dir.resolve("override.properties"), "source.max.rows.per.batch=777\n");
        try (FakeNifi nifi = new FakeNifi()) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int exit = DeployFlows.run(new String[] {"--nifi-url", nifi.url().toString(), "--flow", FlowDeployerTest.DEFINITION.toString(),
                    "--profile", "../profiles/cluster.properties", "--parameters", overrides.toString(), "--username", "admin"},
                    Map.of("NIFI_PASSWORD", "admin-password-123", "NIFI_PARAM_SOURCE_JDBC_PASSWORD", "reader-pw-44"),
                    new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));

            assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
            String created = nifi.requests("POST", "/nifi-api/parameter-contexts").get(0).text();
            assertThat(created).contains("jdbc:postgresql://hr-frontdb.ga.internal:5432/hukou", "org.postgresql.Driver", "777", "reader-pw-44")
                    .doesNotContain("50000");
        }
    }

    @Test
    void missingRequiredArgumentsAreAUsageError() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = DeployFlows.run(new String[] {"--flow", "x.json"}, Map.of(), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--nifi-url and --flow are required");
    }
}
