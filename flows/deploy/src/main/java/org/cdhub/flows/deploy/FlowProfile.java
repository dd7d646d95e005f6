package org.cdhub.flows.deploy;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The parameter values of every flow in one environment (a profile: {@code flows/profiles/<name>.properties}).
 * A key {@code <parameter>} applies to every flow that declares that parameter; a key {@code <feed>/<parameter>}
 * to that feed's flow only, and wins. Values may hold placeholders {@code ${name}} that whoever applies the
 * profile supplies (the embedded profile's {@code ${sources}}). Sensitive parameters never have a value here:
 * they come from a secrets file or the environment (see {@link DeployProfile}).
 */
public record FlowProfile(String name, Map<String, String> entries) {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([a-z][a-z0-9_.]*)}");

    public FlowProfile {
        requireNonNull(name, "name is null");
        entries = Map.copyOf(new TreeMap<>(requireNonNull(entries, "entries is null")));
    }

    public static FlowProfile load(Path file) {
        String fileName = requireNonNull(file, "file is null").getFileName().toString();
        return new FlowProfile(fileName.replaceFirst("\\.properties$", ""), DeployProfile.readProperties(file));
    }

    /**
     * The values this profile gives the flow of {@code feed}, placeholders replaced. Refuses a value for a
     * sensitive parameter, a feed-scoped key naming a parameter the flow does not declare, and a placeholder
     * without a value, naming profile, key and rule.
     */
    public Map<String, String> valuesFor(FlowDefinition flow, String feed, Map<String, String> placeholders) {
        requireNonNull(flow, "flow is null");
        requireNonNull(feed, "feed is null");
        requireNonNull(placeholders, "placeholders is null");
        Map<String, FlowDefinition.Parameter> declared = flow.parameters().stream()
                .collect(Collectors.toMap(FlowDefinition.Parameter::name, p -> p, (a, b) -> a, LinkedHashMap::new));
        Map<String, String> out = new TreeMap<>();
        String scope = feed + "/";
        // shared keys first, then the feed's own, which win
        for (boolean scoped : new boolean[] {false, true}) {
            for (Map.Entry<String, String> e : entries.entrySet()) {
                String key = e.getKey();
                boolean feedKey = key.contains("/");
                if (feedKey != scoped || (feedKey && !key.startsWith(scope))) {
                    continue;
                }
                String parameter = feedKey ? key.substring(scope.length()) : key;
                FlowDefinition.Parameter p = declared.get(parameter);
                if (p == null) {
                    if (feedKey) {
                        throw new IllegalArgumentException("profile " + name + ": key " + key + " names parameter " + parameter
                                + ", which flow " + flow.fileName() + " does not declare (rule PROFILE-UNKNOWN-PARAMETER)");
                    }
                    continue; // a shared key for parameters other flows have
                }
                if (p.sensitive()) {
                    throw new IllegalArgumentException("profile " + name + ": key " + key + " gives a value to sensitive parameter "
                            + parameter + " (rule PROFILE-SECRET: secrets come from a secrets file or NIFI_PARAM_* only)");
                }
                out.put(parameter, resolve(key, e.getValue(), placeholders));
            }
        }
        return out;
    }

    /** Feeds this profile names in feed-scoped keys. */
    public Set<String> feeds() {
        return entries.keySet().stream().filter(k -> k.contains("/")).map(k -> k.substring(0, k.indexOf('/')))
                .collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    private String resolve(String key, String value, Map<String, String> placeholders) {
        Matcher m = PLACEHOLDER.matcher(value);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String v = placeholders.get(m.group(1));
            if (v == null) {
                throw new IllegalArgumentException("profile " + name + ": key " + key + " uses placeholder ${" + m.group(1)
                        + "}, which is not supplied here (rule PROFILE-PLACEHOLDER; supplied: " + new TreeMap<>(placeholders).keySet() + ")");
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(v));
        }
        return m.appendTail(sb).toString();
    }
}
