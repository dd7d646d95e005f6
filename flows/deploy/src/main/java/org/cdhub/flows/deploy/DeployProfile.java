package org.cdhub.flows.deploy;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * What one environment supplies to a deploy: parameter values (a properties file per profile, parameter name = key),
 * sensitive values (a secrets properties file and/or environment variables NIFI_PARAM_&lt;NAME&gt;, e.g.
 * NIFI_PARAM_SOURCE_JDBC_PASSWORD) and the deploy options. Secrets live only here and in the
 * parameter-context request body: never in the uploaded flow definition, never in log lines.
 */
public record DeployProfile(Map<String, String> values, Map<String, String> secrets, String groupName,
                            double positionX, double positionY, boolean enableServices, boolean start) {

    public static final String SECRET_ENV_PREFIX = "NIFI_PARAM_";

    public DeployProfile {
        values = Map.copyOf(requireNonNull(values, "values is null"));
        secrets = Map.copyOf(requireNonNull(secrets, "secrets is null"));
    }

    public static DeployProfile of(Map<String, String> values, Map<String, String> secrets) {
        return new DeployProfile(values, secrets, null, 0, 0, false, false);
    }

    public DeployProfile withGroupName(String name) {
        return new DeployProfile(values, secrets, name, positionX, positionY, enableServices, start);
    }

    public DeployProfile withStart(boolean enable, boolean run) {
        return new DeployProfile(values, secrets, groupName, positionX, positionY, enable, run);
    }

    /** The secret for a sensitive parameter: the secrets file first, then NIFI_PARAM_&lt;NAME&gt; from the environment given. */
    public Optional<String> secret(String parameter, Map<String, String> environment) {
        String fromFile = secrets.get(parameter);
        if (fromFile != null) {
            return Optional.of(fromFile);
        }
        return Optional.ofNullable(environment.get(envName(parameter)));
    }

    public static String envName(String parameter) {
        return SECRET_ENV_PREFIX + parameter.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    public static Map<String, String> readProperties(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(requireNonNull(file, "file is null"), StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        Map<String, String> out = new TreeMap<>();
        properties.stringPropertyNames().forEach(name -> out.put(name, properties.getProperty(name)));
        return out;
    }
}
