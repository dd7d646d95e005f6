package org.cdhub.flows.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FlowDeployerTest {
    static final Path DEFINITION = Path.of("../definitions/hr_household.json");
    static final String DB_PASSWORD = "s3cret-db-pass-9f1";
    static final String CATALOG_PASSWORD = "s3cret-catalog-pass-77a";

    FakeNifi nifi;
    List<String> log;

    @BeforeEach
    void start() throws Exception {
        nifi = new FakeNifi();
        log = new CopyOnWriteArrayList<>();
    }

    @AfterEach
    void stop() {
        nifi.close();
    }

    NifiRestClient client(String... secrets) {
        return new NifiRestClient(nifi.url(), HttpClient.newHttpClient(), Duration.ofSeconds(10), List.of(secrets));
    }

    FlowDeployer deployer(NifiRestClient client, Map<String, String> env) {
        return new FlowDeployer(client, log::add, env, Duration.ofMillis(5), Duration.ofSeconds(5));
    }

    FlowDeployer loggedIn(Map<String, String> env) {
        NifiRestClient client = client(DB_PASSWORD, CATALOG_PASSWORD);
        client.login("admin", "admin-password-123");
        return deployer(client, env);
    }

    static DeployProfile profile() {
        return DeployProfile.of(Map.of("source.jdbc.url", "jdbc:sqlite:/data/departments/hr.db",
                "lakehouse.catalog.uri", "jdbc:sqlite:/data/lakehouse-catalog.db"), Map.of("source.jdbc.password", DB_PASSWORD));
    }

    static Map<String, String> parameters(JsonNode component) {
        Map<String, String> out = new java.util.TreeMap<>();
        for (JsonNode p : component.path("parameters")) {
            out.put(p.path("parameter").path("name").asText(), p.path("parameter").path("value").asText(null));
        }
        return out;
    }

    @Test
    void firstDeployLogsInCreatesTheContextAndUploadsTheDefinitionUnchanged() throws Exception {
        FlowDefinition definition = FlowDefinition.load(DEFINITION);
        FlowDeployer.Result result = loggedIn(Map.of("NIFI_PARAM_LAKEHOUSE_CATALOG_PASSWORD", CATALOG_PASSWORD))
                .deploy(definition, profile());

        assertThat(result.groupAction()).isEqualTo(FlowDeployer.Action.CREATED);
        assertThat(result.contextAction()).isEqualTo(FlowDeployer.Action.CREATED);
        FakeNifi.Recorded login = nifi.requests("POST", "/nifi-api/access/token").get(0);
        assertThat(login.contentType()).isEqualTo("application/x-www-form-urlencoded");
        assertThat(login.text()).isEqualTo("username=admin&password=admin-password-123");
        assertThat(nifi.requests.stream().filter(r -> !r.path().equals("/nifi-api/access/token")))
                .allSatisfy(r -> assertThat(r.authorization()).isEqualTo("Bearer " + FakeNifi.TOKEN));

        JsonNode create = nifi.requests("POST", "/nifi-api/parameter-contexts").get(0).json();
        assertThat(create.path("revision").path("version").asLong()).isZero();
        assertThat(create.path("revision").path("clientId").asText()).isNotBlank();
        assertThat(create.path("component").path("name").asText()).isEqualTo("hr_household");
        Map<String, String> sent = parameters(create.path("component"));
        assertThat(sent.keySet()).containsExactlyInAnyOrderElementsOf(
                definition.parameters().stream().map(FlowDefinition.Parameter::name).toList());
        assertThat(sent).containsEntry("source.jdbc.url", "jdbc:sqlite:/data/departments/hr.db")
                .containsEntry("feed", "hr_household")
                .containsEntry("source.jdbc.password", DB_PASSWORD)
                .containsEntry("lakehouse.catalog.password", CATALOG_PASSWORD)
                .containsEntry("source.jdbc.user", null);

        FakeNifi.Recorded upload = nifi.requests("POST", "/nifi-api/process-groups/" + FakeNifi.ROOT_ID + "/process-groups/upload").get(0);
        Map<String, byte[]> parts = FakeNifi.multipart(upload.contentType(), upload.body());
        assertThat(parts.keySet()).containsExactly("groupName", "positionX", "positionY", "clientId", "file");
        assertThat(new String(parts.get("groupName"), StandardCharsets.UTF_8)).isEqualTo("hr_household ingestion");
        assertThat(parts.get("file")).isEqualTo(Files.readAllBytes(DEFINITION));
        assertThat(new String(upload.body(), StandardCharsets.UTF_8)).doesNotContain(DB_PASSWORD, CATALOG_PASSWORD);
        assertThat(nifi.groups).hasSize(1);
        assertThat(result.processGroupId()).isEqualTo(nifi.groups.keySet().iterator().next());
    }

    @Test
    void deployingTheSameDefinitionTwiceReplacesTheGroupInsteadOfDuplicatingIt() {
        FlowDefinition definition = FlowDefinition.load(DEFINITION);
        DeployProfile noSecrets = DeployProfile.of(Map.of("source.jdbc.url", "jdbc:sqlite:/data/hr.db"), Map.of());
        FlowDeployer.Result first = loggedIn(Map.of()).deploy(definition, noSecrets);
        FlowDeployer.Result second = loggedIn(Map.of()).deploy(definition, noSecrets);

        assertThat(nifi.groups).hasSize(1);
        assertThat(nifi.contexts).hasSize(1);
        assertThat(second.processGroupId()).isEqualTo(first.processGroupId());
        assertThat(second.groupAction()).isEqualTo(FlowDeployer.Action.REPLACED);
        assertThat(second.contextAction()).isEqualTo(FlowDeployer.Action.UNCHANGED);
        assertThat(nifi.requests("POST", ".*/upload")).hasSize(1);
        assertThat(nifi.requests("POST", ".*/update-requests")).isEmpty();

        JsonNode replace = nifi.requests("POST", "/nifi-api/process-groups/" + first.processGroupId() + "/replace-requests").get(0).json();
        assertThat(replace.path("processGroupRevision").path("version").asLong()).isEqualTo(1);
        assertThat(replace.path("versionedFlowSnapshot").path("flowContents").path("name").asText()).isEqualTo("hr_household ingestion");
        // the async request is polled until complete, then deleted
        assertThat(nifi.requests("GET", "/nifi-api/process-groups/replace-requests/.+")).hasSize(1);
        assertThat(nifi.requests("DELETE", "/nifi-api/process-groups/replace-requests/.+")).hasSize(1);
    }

    @Test
    void aChangedProfileValueIsSentAloneInAnUpdateRequestWithTheCurrentRevision() {
        FlowDefinition definition = FlowDefinition.load(DEFINITION);
        loggedIn(Map.of()).deploy(definition, DeployProfile.of(Map.of("source.jdbc.url", "jdbc:sqlite:/a.db"), Map.of()));
        FlowDeployer.Result again = loggedIn(Map.of()).deploy(definition,
                DeployProfile.of(Map.of("source.jdbc.url", "jdbc:sqlite:/b.db"), Map.of()));

        assertThat(again.contextAction()).isEqualTo(FlowDeployer.Action.UPDATED);
        assertThat(again.changedParameters()).containsExactly("source.jdbc.url");
        FakeNifi.Recorded update = nifi.requests("POST", "/nifi-api/parameter-contexts/.+/update-requests").get(0);
        JsonNode body = update.json();
        assertThat(body.path("id").asText()).isEqualTo(again.parameterContextId());
        assertThat(body.path("revision").path("version").asLong()).isEqualTo(1);
        assertThat(parameters(body.path("component"))).containsExactly(Map.entry("source.jdbc.url", "jdbc:sqlite:/b.db"));
        assertThat(nifi.requests("DELETE", "/nifi-api/parameter-contexts/.+/update-requests/.+")).hasSize(1);
        assertThat(nifi.contexts.values().iterator().next().parameters.get("source.jdbc.url").path("value").asText())
                .isEqualTo("jdbc:sqlite:/b.db");
    }

    @Test
    void sensitiveValuesNeverReachTheLogOrTheUploadedFileEvenWhenNifiEchoesThem() throws Exception {
        FlowDefinition definition = FlowDefinition.load(DEFINITION);
        FlowDeployer deployer = loggedIn(Map.of("NIFI_PARAM_LAKEHOUSE_CATALOG_PASSWORD", CATALOG_PASSWORD));
        deployer.deploy(definition, profile());
        nifi.failNext("POST", ".*/update-requests", 400, "Invalid value " + DB_PASSWORD + " for source.jdbc.password");

        assertThatThrownBy(() -> deployer.deploy(definition, profile()))
                .isInstanceOf(NifiDeployException.class)
                .hasMessageContaining("update parameter context hr_household")
                .hasMessageContaining("HTTP 400")
                .hasMessageNotContaining(DB_PASSWORD);
        assertThat(String.join("\n", log)).doesNotContain(DB_PASSWORD, CATALOG_PASSWORD).contains("source.jdbc.password");
        Map<String, byte[]> parts = FakeNifi.multipart(nifi.requests("POST", ".*/upload").get(0).contentType(),
                nifi.requests("POST", ".*/upload").get(0).body());
        assertThat(new String(parts.get("file"), StandardCharsets.UTF_8)).doesNotContain(DB_PASSWORD, CATALOG_PASSWORD);
    }

    @Test
    void aConflictNamesTheStepTheStatusAndNifisMessage() {
        FlowDefinition definition = FlowDefinition.load(DEFINITION);
        loggedIn(Map.of()).deploy(definition, DeployProfile.of(Map.of(), Map.of()));
        nifi.failNext("POST", ".*/replace-requests", 409,
                "Error: [1] is not the most up-to-date revision. This component appears to have been modified");

        assertThatThrownBy(() -> loggedIn(Map.of()).deploy(definition, DeployProfile.of(Map.of(), Map.of())))
                .isInstanceOfSatisfying(NifiDeployException.class, e -> {
                    assertThat(e.step()).isEqualTo("replace process group hr_household ingestion");
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.nifiMessage()).contains("is not the most up-to-date revision");
                })
                .hasMessageStartingWith("deploy step 'replace process group hr_household ingestion' failed: HTTP 409: POST /nifi-api/process-groups/");
    }

    @Test
    void aRejectedTokenIsA401NamingTheFirstStep() {
        NifiRestClient client = client();
        client.useToken("expired-token");
        assertThatThrownBy(() -> deployer(client, Map.of()).deploy(FlowDefinition.load(DEFINITION), DeployProfile.of(Map.of(), Map.of())))
                .isInstanceOfSatisfying(NifiDeployException.class, e -> {
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.step()).isEqualTo("find root process group");
                    assertThat(e.nifiMessage()).contains("Unable to validate the access token.");
                });
        assertThat(nifi.groups).isEmpty();
    }

    @Test
    void aBadPasswordFailsTheAuthenticateStepWithoutEchoingThePassword() {
        NifiRestClient client = client("wrong-pass-xyz");
        assertThatThrownBy(() -> client.login("admin", "wrong-pass-xyz"))
                .isInstanceOf(NifiDeployException.class)
                .hasMessageContaining("authenticate as admin")
                .hasMessageContaining("The supplied username and password are not valid.")
                .hasMessageNotContaining("wrong-pass-xyz");
    }

    @Test
    void startingEnablesControllerServicesThenSchedulesTheGroupRunning() {
        FlowDeployer.Result result = loggedIn(Map.of()).deploy(FlowDefinition.load(DEFINITION),
                DeployProfile.of(Map.of(), Map.of()).withStart(true, true));

        List<String> order = new ArrayList<>();
        nifi.requests.stream().filter(r -> r.method().equals("PUT")).forEach(r -> order.add(r.path()));
        assertThat(order).containsExactly("/nifi-api/flow/process-groups/" + result.processGroupId() + "/controller-services",
                "/nifi-api/flow/process-groups/" + result.processGroupId());
        JsonNode schedule = nifi.requests("PUT", "/nifi-api/flow/process-groups/[^/]+").get(0).json();
        assertThat(schedule.path("id").asText()).isEqualTo(result.processGroupId());
        assertThat(schedule.path("state").asText()).isEqualTo("RUNNING");
        FakeNifi.Group group = nifi.groups.get(result.processGroupId());
        assertThat(group.servicesState).isEqualTo("ENABLED");
        assertThat(group.state).isEqualTo("RUNNING");
        assertThat(result.started()).isTrue();
    }

    @Test
    void aSensitiveValueInTheProfileOrAnUnknownParameterIsRejectedBeforeAnyRequest() {
        FlowDefinition definition = FlowDefinition.load(DEFINITION);
        assertThatThrownBy(() -> loggedIn(Map.of()).deploy(definition, DeployProfile.of(Map.of("source.jdbc.password", "x"), Map.of())))
                .hasMessageContaining("source.jdbc.password").hasMessageContaining("DEPLOY-SENSITIVE-IN-PROFILE")
                .hasMessageContaining("NIFI_PARAM_SOURCE_JDBC_PASSWORD");
        assertThatThrownBy(() -> loggedIn(Map.of()).deploy(definition, DeployProfile.of(Map.of("source.jdbc.ur", "x"), Map.of())))
                .hasMessageContaining("source.jdbc.ur").hasMessageContaining("DEPLOY-UNKNOWN-PARAMETER");
        assertThat(nifi.requests.stream().filter(r -> !r.path().equals("/nifi-api/access/token"))).isEmpty();
    }
}
