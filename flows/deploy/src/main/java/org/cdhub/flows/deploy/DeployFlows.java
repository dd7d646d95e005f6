package org.cdhub.flows.deploy;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Command line: deploys a flow definition to a NiFi 2.x server.
 *
 * <pre>
 * DeployFlows --nifi-url https://nifi:8443 --flow flows/definitions/hr_household.json
 *     [--profile flows/profiles/cluster.properties] [--parameters overrides.properties] [--secrets secrets.properties]
 *     [--group-name NAME]
 *     [--username USER]   (password from NIFI_PASSWORD)  or  token from NIFI_TOKEN / [--token-file FILE]
 *     [--enable-services] [--start]
 * </pre>
 * Sensitive parameter values come from the secrets file or NIFI_PARAM_&lt;NAME&gt; variables. stdout: one DEPLOY line;
 * stderr: progress (parameter names, never values). Exit 0 ok, 1 failed, 2 usage.
 */
public final class DeployFlows {
    private DeployFlows() { }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        String url = null;
        String flow = null;
        String parameters = null;
        String profileFile = null;
        String secretsFile = null;
        String groupName = null;
        String username = null;
        String tokenFile = null;
        boolean enable = false;
        boolean start = false;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--nifi-url" -> url = value(args, ++i);
                    case "--flow" -> flow = value(args, ++i);
                    case "--parameters" -> parameters = value(args, ++i);
                    case "--profile" -> profileFile = value(args, ++i);
                    case "--secrets" -> secretsFile = value(args, ++i);
                    case "--group-name" -> groupName = value(args, ++i);
                    case "--username" -> username = value(args, ++i);
                    case "--token-file" -> tokenFile = value(args, ++i);
                    case "--enable-services" -> enable = true;
                    case "--start" -> start = true;
                    default -> throw new IllegalArgumentException("unknown argument " + args[i]);
                }
            }
            if (url == null || flow == null) {
                throw new IllegalArgumentException("--nifi-url and --flow are required");
            }
        } catch (IllegalArgumentException e) {
            err.println("hub-flow-deploy: " + e.getMessage());
            err.println("usage: DeployFlows --nifi-url URL --flow FILE [--profile FILE] [--parameters FILE] [--secrets FILE] [--group-name NAME]"
                    + " [--username USER (NIFI_PASSWORD)] [--token-file FILE (or NIFI_TOKEN)] [--enable-services] [--start]");
            return 2;
        }
        try {
            FlowDefinition definition = FlowDefinition.load(Path.of(flow));
            // the environment's profile for this flow's feed, then explicit overrides
            Map<String, String> values = new java.util.TreeMap<>();
            if (profileFile != null) {
                String feed = definition.fileName().replaceFirst("\\.json$", "");
                values.putAll(FlowProfile.load(Path.of(profileFile)).valuesFor(definition, feed, Map.of()));
            }
            if (parameters != null) {
                values.putAll(DeployProfile.readProperties(Path.of(parameters)));
            }
            Map<String, String> secrets = secretsFile == null ? Map.of() : DeployProfile.readProperties(Path.of(secretsFile));
            DeployProfile profile = DeployProfile.of(values, secrets).withGroupName(groupName).withStart(enable, start);

            List<String> redacted = new ArrayList<>(secrets.values());
            definition.parameters().stream().filter(FlowDefinition.Parameter::sensitive)
                    .forEach(p -> profile.secret(p.name(), env).ifPresent(redacted::add));
            String password = env.get("NIFI_PASSWORD");
            if (password != null) {
                redacted.add(password);
            }
            NifiRestClient client = new NifiRestClient(URI.create(url),
                    HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build(), Duration.ofSeconds(60), redacted);
            if (username != null) {
                if (password == null) {
                    throw new IllegalArgumentException("--username needs the password in NIFI_PASSWORD");
                }
                client.login(username, password);
            } else if (tokenFile != null) {
                client.useToken(Files.readString(Path.of(tokenFile), StandardCharsets.UTF_8).strip());
            } else if (env.get("NIFI_TOKEN") != null) {
                client.useToken(env.get("NIFI_TOKEN").strip());
            }
            FlowDeployer deployer = new FlowDeployer(client, line -> err.println("hub-flow-deploy: " + line), env,
                    Duration.ofMillis(500), Duration.ofMinutes(5));
            FlowDeployer.Result result = deployer.deploy(definition, profile);
            out.println(result.summaryLine(definition.fileName().replaceFirst("\\.json$", "")));
            return 0;
        } catch (RuntimeException | java.io.IOException e) {
            err.println("hub-flow-deploy: " + e.getMessage());
            return 1;
        }
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value");
        }
        return args[i];
    }
}
