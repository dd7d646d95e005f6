package org.cdhub.flows.deploy;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A flow definition file (flows/definitions/&lt;feed&gt;.json) as uploaded: the exact bytes, plus what the deployer
 * reads from it: the root group's name, its parameter context and that context's parameters.
 */
public record FlowDefinition(String fileName, byte[] bytes, String groupName, String parameterContextName,
                             List<Parameter> parameters) {

    /** One parameter as the definition declares it; value is the default (always null for sensitive ones). */
    public record Parameter(String name, String description, boolean sensitive, String value) {
        public Parameter {
            requireNonNull(name, "name is null");
        }
    }

    public FlowDefinition {
        requireNonNull(fileName, "fileName is null");
        bytes = requireNonNull(bytes, "bytes is null").clone();
        requireNonNull(groupName, "groupName is null");
        parameters = List.copyOf(parameters);
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    public static FlowDefinition load(Path file) {
        requireNonNull(file, "file is null");
        try {
            return parse(file.getFileName().toString(), Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read flow definition " + file, e);
        }
    }

    public static FlowDefinition parse(String fileName, byte[] bytes) {
        JsonNode root;
        try {
            root = NifiRestClient.JSON.readTree(bytes);
        } catch (IOException e) {
            throw new IllegalArgumentException("flow definition " + fileName + " is not JSON: " + e.getMessage(), e);
        }
        JsonNode contents = root.path("flowContents");
        if (!contents.isObject() || !contents.path("name").isTextual()) {
            throw new IllegalArgumentException("flow definition " + fileName
                    + ": field flowContents.name is missing (rule DEPLOY-DEFINITION: a NiFi flow definition has flowContents)");
        }
        String contextName = contents.path("parameterContextName").isTextual() ? contents.path("parameterContextName").asText() : null;
        List<Parameter> parameters = new ArrayList<>();
        if (contextName != null) {
            JsonNode context = root.path("parameterContexts").path(contextName);
            if (!context.isObject()) {
                throw new IllegalArgumentException("flow definition " + fileName + ": field parameterContexts." + contextName
                        + " is missing (rule DEPLOY-DEFINITION: the root group's parameter context must be defined)");
            }
            for (JsonNode p : context.path("parameters")) {
                parameters.add(new Parameter(p.path("name").asText(), p.path("description").isTextual() ? p.path("description").asText() : null,
                        p.path("sensitive").asBoolean(false), p.path("value").isTextual() ? p.path("value").asText() : null));
            }
        }
        return new FlowDefinition(fileName, bytes, contents.path("name").asText(), contextName, parameters);
    }
}
