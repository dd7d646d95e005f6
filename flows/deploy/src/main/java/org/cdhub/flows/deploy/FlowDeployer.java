package org.cdhub.flows.deploy;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Deploys one flow definition to a NiFi 2.x server, idempotently: the parameter context is found by name and
 * created or updated, the process group is found by name under the root and uploaded or replaced, then optionally
 * its controller services are enabled and it is started.
 *
 * <p>Endpoints and bodies follow NiFi 2.3.0's nifi-web-api resources and nifi-client-dto entities (cited per call).
 */
public final class FlowDeployer {
    /** How the group and its context ended up. */
    public enum Action { CREATED, UPDATED, REPLACED, UNCHANGED }

    public record Result(String processGroupId, Action groupAction, String parameterContextId, Action contextAction,
                         List<String> changedParameters, boolean servicesEnabled, boolean started) {
        public String summaryLine(String flow) {
            return "DEPLOY flow=" + flow + " process_group=" + processGroupId + " group=" + groupAction.name().toLowerCase()
                    + " parameter_context=" + (parameterContextId == null ? "-" : parameterContextId)
                    + " context=" + (contextAction == null ? "-" : contextAction.name().toLowerCase())
                    + " changed_parameters=" + changedParameters.size() + " services_enabled=" + servicesEnabled
                    + " started=" + started;
        }
    }

    private final NifiRestClient client;
    private final Consumer<String> log;
    private final Map<String, String> environment;
    private final Duration pollInterval;
    private final Duration pollTimeout;
    private final String clientId = UUID.randomUUID().toString();

    public FlowDeployer(NifiRestClient client, Consumer<String> log, Map<String, String> environment,
                        Duration pollInterval, Duration pollTimeout) {
        this.client = requireNonNull(client, "client is null");
        this.log = requireNonNull(log, "log is null");
        this.environment = Map.copyOf(requireNonNull(environment, "environment is null"));
        this.pollInterval = requireNonNull(pollInterval, "pollInterval is null");
        this.pollTimeout = requireNonNull(pollTimeout, "pollTimeout is null");
    }

    public Result deploy(FlowDefinition definition, DeployProfile profile) {
        requireNonNull(definition, "definition is null");
        requireNonNull(profile, "profile is null");
        checkProfile(definition, profile);

        // FlowResource#getFlow (GET /flow/process-groups/{id}, "root" alias) -> ProcessGroupFlowEntity.processGroupFlow.id
        String rootId = client.get("find root process group", "/nifi-api/flow/process-groups/root")
                .path("processGroupFlow").path("id").asText(null);
        if (rootId == null) {
            throw new NifiDeployException("find root process group", 200, "response has no processGroupFlow.id");
        }

        String contextId = null;
        Action contextAction = null;
        List<String> changed = List.of();
        if (definition.parameterContextName() != null) {
            ContextOutcome outcome = deployContext(definition, profile);
            contextId = outcome.id;
            contextAction = outcome.action;
            changed = outcome.changed;
        }

        String groupName = profile.groupName() != null ? profile.groupName() : definition.groupName();
        // ProcessGroupResource#getProcessGroups (GET /process-groups/{id}/process-groups) -> ProcessGroupsEntity.processGroups[]
        JsonNode existing = null;
        for (JsonNode group : client.get("list process groups under root", "/nifi-api/process-groups/" + rootId + "/process-groups")
                .path("processGroups")) {
            if (groupName.equals(group.path("component").path("name").asText(null))) {
                existing = group;
                break;
            }
        }
        String groupId;
        Action groupAction;
        if (existing == null) {
            groupId = upload(rootId, groupName, definition, profile);
            groupAction = Action.CREATED;
        } else {
            groupId = existing.path("id").asText();
            replace(groupId, existing.path("revision"), definition);
            groupAction = Action.REPLACED;
        }

        boolean enabled = false;
        if (profile.enableServices() || profile.start()) {
            // FlowResource#activateControllerServices (PUT /flow/process-groups/{id}/controller-services), ActivateControllerServicesEntity
            ObjectNode activate = NifiRestClient.JSON.createObjectNode().put("id", groupId).put("state", "ENABLED");
            client.put("enable controller services of " + groupName, "/nifi-api/flow/process-groups/" + groupId + "/controller-services", activate);
            enabled = true;
            log.accept("enabled controller services of process group " + groupName);
        }
        boolean started = false;
        if (profile.start()) {
            // FlowResource#scheduleComponents (PUT /flow/process-groups/{id}), ScheduleComponentsEntity
            ObjectNode schedule = NifiRestClient.JSON.createObjectNode().put("id", groupId).put("state", "RUNNING");
            client.put("start process group " + groupName, "/nifi-api/flow/process-groups/" + groupId, schedule);
            started = true;
            log.accept("started process group " + groupName);
        }
        return new Result(groupId, groupAction, contextId, contextAction, changed, enabled, started);
    }

    private void checkProfile(FlowDefinition definition, DeployProfile profile) {
        Map<String, FlowDefinition.Parameter> byName = byName(definition);
        for (String name : profile.values().keySet()) {
            FlowDefinition.Parameter p = byName.get(name);
            if (p == null) {
                throw new IllegalArgumentException("profile parameter " + name + ": not defined in parameter context "
                        + definition.parameterContextName() + " of " + definition.fileName() + " (rule DEPLOY-UNKNOWN-PARAMETER)");
            }
            if (p.sensitive()) {
                throw new IllegalArgumentException("profile parameter " + name + ": sensitive, give it in the secrets file or "
                        + DeployProfile.envName(name) + ", not in the profile (rule DEPLOY-SENSITIVE-IN-PROFILE)");
            }
        }
        for (String name : profile.secrets().keySet()) {
            FlowDefinition.Parameter p = byName.get(name);
            if (p == null || !p.sensitive()) {
                throw new IllegalArgumentException("secret " + name + ": not a sensitive parameter of " + definition.fileName()
                        + " (rule DEPLOY-UNKNOWN-SECRET)");
            }
        }
    }

    private record ContextOutcome(String id, Action action, List<String> changed) { }

    private ContextOutcome deployContext(FlowDefinition definition, DeployProfile profile) {
        String name = definition.parameterContextName();
        // FlowResource#getParameterContexts (GET /flow/parameter-contexts) -> ParameterContextsEntity.parameterContexts[]
        JsonNode found = null;
        for (JsonNode context : client.get("list parameter contexts", "/nifi-api/flow/parameter-contexts").path("parameterContexts")) {
            if (name.equals(context.path("component").path("name").asText(null))) {
                found = context;
                break;
            }
        }
        if (found == null) {
            ArrayNode parameters = NifiRestClient.JSON.createArrayNode();
            List<String> names = new ArrayList<>();
            for (FlowDefinition.Parameter p : definition.parameters()) {
                parameters.add(parameterEntity(p, desiredValue(p, profile)));
                names.add(p.name());
            }
            ObjectNode entity = NifiRestClient.JSON.createObjectNode();
            entity.set("revision", revision(0));
            ObjectNode component = entity.putObject("component").put("name", name);
            component.set("parameters", parameters);
            // ParameterContextResource#createParameterContext (POST /parameter-contexts, ParameterContextEntity, 201)
            String id = client.post("create parameter context " + name, "/nifi-api/parameter-contexts", entity).path("id").asText();
            log.accept("created parameter context " + name + " with parameters " + names);
            return new ContextOutcome(id, Action.CREATED, names);
        }

        String id = found.path("id").asText();
        Map<String, JsonNode> current = new LinkedHashMap<>();
        for (JsonNode p : found.path("component").path("parameters")) {
            current.put(p.path("parameter").path("name").asText(), p.path("parameter"));
        }
        ArrayNode parameters = NifiRestClient.JSON.createArrayNode();
        List<String> changed = new ArrayList<>();
        for (FlowDefinition.Parameter p : definition.parameters()) {
            String desired = desiredValue(p, profile);
            JsonNode now = current.get(p.name());
            // NiFi masks sensitive values on read, so a supplied secret is always sent; an absent value never erases one.
            // A sent parameter always carries "sensitive", so StandardParameterContextDAO#getParameters never reads it as a
            // deletion, and a null value keeps the context's current value (createParameter, valueRemoved unset).
            boolean differs = now == null
                    || (desired != null && (p.sensitive() || !desired.equals(now.path("value").asText(null))));
            if (differs) {
                parameters.add(parameterEntity(p, desired));
                changed.add(p.name());
            }
        }
        if (changed.isEmpty()) {
            log.accept("parameter context " + name + " is up to date");
            return new ContextOutcome(id, Action.UNCHANGED, List.of());
        }
        ObjectNode entity = NifiRestClient.JSON.createObjectNode().put("id", id);
        entity.set("revision", revision(found.path("revision").path("version").asLong()));
        ObjectNode component = entity.putObject("component").put("id", id).put("name", name);
        component.set("parameters", parameters);
        String step = "update parameter context " + name;
        // ParameterContextResource#submitParameterContextUpdate (POST /parameter-contexts/{id}/update-requests,
        // ParameterContextEntity -> ParameterContextUpdateRequestEntity), then #getParameterContextUpdate / #deleteUpdateRequest
        JsonNode submitted = client.post(step, "/nifi-api/parameter-contexts/" + id + "/update-requests", entity);
        String requestId = submitted.path("request").path("requestId").asText();
        awaitRequest(step, submitted, "/nifi-api/parameter-contexts/" + id + "/update-requests/" + requestId);
        log.accept("updated parameter context " + name + ": " + changed);
        return new ContextOutcome(id, Action.UPDATED, List.copyOf(changed));
    }

    private String upload(String rootId, String groupName, FlowDefinition definition, DeployProfile profile) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("groupName", groupName);
        fields.put("positionX", Double.toString(profile.positionX()));
        fields.put("positionY", Double.toString(profile.positionY()));
        fields.put("clientId", clientId);
        // The context was deployed first: the import binds the group to the existing context of the same name.
        // ProcessGroupResource#uploadProcessGroup (POST /process-groups/{id}/process-groups/upload, multipart form
        // groupName, positionX, positionY, clientId, file; 201 ProcessGroupEntity)
        JsonNode created = client.upload("upload flow definition " + definition.fileName(),
                "/nifi-api/process-groups/" + rootId + "/process-groups/upload", fields, definition.fileName(), definition.bytes());
        log.accept("uploaded " + definition.fileName() + " as new process group " + groupName);
        return created.path("id").asText();
    }

    private void replace(String groupId, JsonNode currentRevision, FlowDefinition definition) {
        JsonNode snapshot;
        try {
            snapshot = NifiRestClient.JSON.readTree(definition.bytes());
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("flow definition " + definition.fileName() + " is not JSON", e);
        }
        ObjectNode entity = NifiRestClient.JSON.createObjectNode();
        entity.set("processGroupRevision", revision(currentRevision.path("version").asLong()));
        entity.set("versionedFlowSnapshot", snapshot);
        String step = "replace process group " + definition.groupName();
        // ProcessGroupResource#initiateReplaceProcessGroup (POST /process-groups/{id}/replace-requests, ProcessGroupImportEntity
        // -> ProcessGroupReplaceRequestEntity), then #getReplaceProcessGroupRequest / #deleteReplaceProcessGroupRequest
        JsonNode submitted = client.post(step, "/nifi-api/process-groups/" + groupId + "/replace-requests", entity);
        String requestId = submitted.path("request").path("requestId").asText();
        awaitRequest(step, submitted, "/nifi-api/process-groups/replace-requests/" + requestId);
        log.accept("replaced process group " + definition.groupName() + " with " + definition.fileName());
    }

    /** Polls an asynchronous request (FlowUpdateRequestDTO: complete, failureReason) until done, then deletes it as NiFi expects. */
    private void awaitRequest(String step, JsonNode submitted, String path) {
        long deadline = System.nanoTime() + pollTimeout.toNanos();
        JsonNode state = submitted;
        try {
            while (!state.path("request").path("complete").asBoolean(false)) {
                if (System.nanoTime() > deadline) {
                    throw new NifiDeployException(step, 0, "request did not complete within " + pollTimeout
                            + " (last state: " + state.path("request").path("state").asText("?") + ")");
                }
                sleep();
                state = client.get(step + " (poll)", path);
            }
        } finally {
            try {
                client.delete(step + " (delete request)", path);
            } catch (NifiDeployException e) {
                log.accept("could not delete finished request " + path + ": HTTP " + e.status());
            }
        }
        String failure = state.path("request").path("failureReason").asText(null);
        if (failure != null && !failure.isBlank()) {
            throw new NifiDeployException(step, 200, client.redact(failure));
        }
    }

    private void sleep() {
        try {
            Thread.sleep(pollInterval.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for NiFi", e);
        }
    }

    private String desiredValue(FlowDefinition.Parameter p, DeployProfile profile) {
        if (p.sensitive()) {
            return profile.secret(p.name(), environment).orElse(null);
        }
        return profile.values().getOrDefault(p.name(), p.value());
    }

    /** ParameterEntity{parameter: ParameterDTO{name, description, sensitive, value}}. */
    private static ObjectNode parameterEntity(FlowDefinition.Parameter p, String value) {
        ObjectNode entity = NifiRestClient.JSON.createObjectNode();
        ObjectNode dto = entity.putObject("parameter").put("name", p.name()).put("sensitive", p.sensitive());
        if (p.description() != null) {
            dto.put("description", p.description());
        }
        if (value == null) {
            dto.putNull("value");
        } else {
            dto.put("value", value);
        }
        return entity;
    }

    /** RevisionDTO{clientId, version}: NiFi's optimistic lock, the version last read (0 to create). */
    private ObjectNode revision(long version) {
        return NifiRestClient.JSON.createObjectNode().put("clientId", clientId).put("version", version);
    }

    private static Map<String, FlowDefinition.Parameter> byName(FlowDefinition definition) {
        Map<String, FlowDefinition.Parameter> out = new LinkedHashMap<>();
        definition.parameters().forEach(p -> out.put(p.name(), p));
        return out;
    }
}
