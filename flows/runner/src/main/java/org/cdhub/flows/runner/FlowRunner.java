package org.cdhub.flows.runner;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.nifi.components.state.Scope;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.reporting.Bulletin;
import org.apache.nifi.reporting.BulletinQuery;
import org.apache.nifi.stateless.flow.DataflowDefinition;
import org.apache.nifi.stateless.flow.StatelessDataflow;
import org.apache.nifi.stateless.flow.StatelessDataflowValidation;
import org.apache.nifi.stateless.flow.TriggerResult;

/**
 * Runs one ingestion flow definition in NiFi's stateless engine, in this JVM, until its source
 * has nothing new: each trigger pulls what is new, the flow lands it, the runner acknowledges
 * the trigger and saves the flow's state (watermarks); a trigger that yields nothing ends the run.
 *
 * <p>Conventions every hub flow follows: LandBronzeRecords' {@code success} goes to an output
 * port named {@value #LANDED_PORT}, its {@code failure} to one named {@value #FAILURE_PORT}.
 * A FlowFile on the failure port, an ERROR bulletin or a failed trigger aborts the trigger
 * (the source's state rolls back, so nothing is skipped) and the run exits 1. A push endpoint's
 * {@value #REFUSED_PORT} port carries requests answered 4xx: reported on stderr, not a failure.
 *
 * <p>Prints a progress line per trigger to stderr and exactly one line to stdout:
 * {@code INGEST feed=<feed> read=<n> landed=<n> quarantined=<n> batches=<n> duration_ms=<n>}.
 */
public final class FlowRunner {
  public static final String LANDED_PORT = "landed";
  public static final String FAILURE_PORT = "failure";
  /** Push endpoints: requests answered with a 4xx (nothing landed; the vendor keeps its data). */
  public static final String REFUSED_PORT = "refused";
  static final String ATTR_PUSH_STATUS = "hub.push.status";
  static final String ATTR_PUSH_REASON = "hub.push.reason";
  static final String ATTR_FAILURE_REASON = "hub.failure.reason";
  private static final long SHUTDOWN_WAIT_MILLIS = 10_000;
  /** Pause between empty triggers of a listening source. */
  private static final long LISTEN_PAUSE_MILLIS = 50;
  /** How long an MQTT flow listens after the last message when --listen-idle-ms is not given. */
  static final long MQTT_DEFAULT_IDLE_MILLIS = 2_000;
  /**
   * How long an MQTT flow keeps listening for the redelivery of messages an earlier run landed but did not
   * acknowledge: brokers resend unacknowledged messages on a timer (Moquette after 5 s of quiet).
   */
  static final long MQTT_REDELIVERY_WAIT_MILLIS = 15_000;
  /** Test-only fault injection: the runner halts after a batch landed and before the MQTT stand-in acknowledges it. */
  static final String HALT_BEFORE_ACK_PROPERTY = "hub.flow-runner.mqtt.halt-before-ack";
  static final int HALT_EXIT_CODE = 3;

  /** Lakehouse parameters filled from the launcher's -Dhub.lakehouse.* when not given with --param. */
  static final Map<String, String> LAKEHOUSE_PARAMETERS = Map.of(
      "lakehouse.catalog.name", "hub.lakehouse.catalog-name",
      "lakehouse.catalog.uri", "hub.lakehouse.catalog-uri",
      "lakehouse.warehouse", "hub.lakehouse.warehouse");
  static final String DRIVER_LOCATION_PARAMETER = "source.jdbc.driver.location";

  private final RunnerOptions options;
  private final Path runnerHome;
  private final PrintStream out;
  private final PrintStream err;

  FlowRunner(RunnerOptions options, Path runnerHome, PrintStream out, PrintStream err) {
    this.options = requireNonNull(options, "options is null");
    this.runnerHome = requireNonNull(runnerHome, "runnerHome is null");
    this.out = requireNonNull(out, "out is null");
    this.err = requireNonNull(err, "err is null");
  }

  public static void main(String[] args) {
    quietNiFiLogging();
    Path home = runnerHome();
    int code;
    try {
      RunnerOptions options = RunnerOptions.parse(List.of(args), home);
      code = new FlowRunner(options, home, System.out, System.err).run();
    } catch (RunnerOptions.UsageException e) {
      System.err.println("hub-flow-runner: " + e.getMessage());
      System.err.println(RunnerOptions.USAGE);
      code = 2;
    }
    System.out.flush();
    System.exit(code);
  }

  /** Runs the flow; returns the exit code (0 done, 1 failed). */
  int run() {
    long start = System.nanoTime();
    String feed = options.feed();
    try {
      if (!Files.isRegularFile(options.flow())) {
        throw new IOException("Cannot find flow definition " + options.flow());
      }
      boolean usesDrivers = Files.readString(options.flow()).contains("#{" + DRIVER_LOCATION_PARAMETER + "}");
      IngestTally total = runFlow(feed, parameters(options.parameters(), runnerHome, usesDrivers));
      out.println(total.line(feed, (System.nanoTime() - start) / 1_000_000));
      return 0;
    } catch (Exception e) {
      err.println("hub-flow-runner: flow " + options.flow().getFileName() + " (feed " + feed + ") failed: " + causes(e));
      if (Boolean.getBoolean("hub.flow-runner.stack-traces")) {
        e.printStackTrace(err);
      }
      return 1;
    }
  }

  private IngestTally runFlow(String feed, Map<String, String> parameters) throws Exception {
    EngineSettings settings = new EngineSettings(options.narDir(), options.workDir(), randomKey());
    deleteTree(settings.contentDir()); // FlowFile content is transient: never carried across runs
    StatelessRuntime runtime = StatelessRuntime.boot(settings);
    DataflowDefinition definition = runtime.definition(options.flow(), parameters);
    Optional<MqttSettings> mqtt = MqttStandIn.replaceConsumer(definition, parameters, options.narDir());
    StatelessDataflow flow = runtime.dataflow(definition);
    Path stateFile = options.workDir().resolve("state").resolve(stateName(options.flow(), parameters));
    ComponentStateFile state = new ComponentStateFile(stateFile);
    Optional<JdbcSource> table = JdbcSource.of(definition.getVersionedExternalFlow(), parameters);
    Optional<WatermarkGuard> guard = table.map(t -> new WatermarkGuard(t, state.file().resolveSibling(
        state.file().getFileName().toString().replace(".state.properties", ".watermark.properties"))));
    try {
      if (options.resetState() && state.delete()) {
        err.println("hub-flow-runner: " + feed + ": state reset (--reset-state): starting from the beginning");
      }
      state.restoreInto(flow); // for components that read their state when they start
      try {
        flow.initialize(() -> true);
      } catch (RuntimeException e) {
        // the engine's message says only that a component did not start; its bulletin says why
        throw new IllegalStateException("the flow could not start" + lastError(flow, -1).map(m -> ": " + m).orElse(""), e);
      }
      StatelessDataflowValidation validation = flow.performValidation();
      if (!validation.isValid()) {
        throw new IllegalStateException("the flow is not valid (missing a --param?): " + validation.toString().strip());
      }
      // Again after initialize: the engine applies the parameter values once the flow's
      // configuration is restored, which list processors (ListFile) take for a changed directory
      // or filter and answer by clearing their listing when they start (@OnScheduled).
      state.restoreInto(flow);
      if (mqtt.isPresent()) {
        return listenMqtt(feed, flow, mqtt.get(), state, stateFile.resolveSibling(stateFile.getFileName() + ".mqtt-landed"));
      }
      if (guard.isPresent()) {
        warn(feed, () -> guard.get().check(ComponentStateFile.value(flow, Scope.CLUSTER, table.get().stateKey())));
      }
      IngestTally total = IngestTally.NONE;
      long lastBulletin = flow.getBulletinRepository().getMaxBulletinId();
      long lastArrival = System.nanoTime();
      for (int trigger = 1; ; trigger++) {
        long t0 = System.nanoTime();
        TriggerResult result = flow.trigger().getResult();
        if (!result.isSuccessful()) {
          throw new IllegalStateException("trigger " + trigger + " failed"
              + result.getFailureCause().map(c -> ": " + causes(c)).orElse(""), result.getFailureCause().orElse(null));
        }
        IngestTally tally;
        List<FlowFile> refused;
        long withoutRecords;
        try {
          refuseFailures(result, flow, lastBulletin);
          List<Map<String, String>> landed = attributes(result.getOutputFlowFiles(LANDED_PORT));
          tally = IngestTally.of(landed);
          withoutRecords = landed.stream().filter(a -> "0".equals(a.get(IngestTally.ATTR_READ))).count();
          refused = result.getOutputFlowFiles(REFUSED_PORT);
        } catch (RuntimeException e) {
          result.abort(e);
          throw e;
        }
        // a refused push was answered (401/400/413) and landed nothing: report it, keep listening
        refused.forEach(f -> err.printf("hub-flow-runner: %s refused a push: %s %s%n", feed,
            f.getAttribute(ATTR_PUSH_STATUS), Optional.ofNullable(f.getAttribute(ATTR_PUSH_REASON)).orElse("")));
        result.acknowledge();
        state.saveFrom(flow);
        lastBulletin = flow.getBulletinRepository().getMaxBulletinId();
        total = total.plus(tally);
        if (tally.flowFiles() > 0 || options.listenIdleMillis() == 0) { // a listening source stays quiet while idle
          // an empty delivery (a 0-byte file, a header alone) is not an error, but it should not pass unseen
          err.printf("hub-flow-runner: %s trigger %d: %d new batch(es), %d replayed, read %d (landed %d, quarantined %d) in %d ms%s%n",
              feed, trigger, tally.batches(), tally.replayed(), tally.read(), tally.landed(), tally.quarantined(),
              (System.nanoTime() - t0) / 1_000_000, withoutRecords == 0 ? "" : "; " + withoutRecords + " file(s) without records");
        }
        if (tally.flowFiles() == 0 && refused.isEmpty()) {
          if (options.listenIdleMillis() == 0 || System.nanoTime() - lastArrival >= options.listenIdleMillis() * 1_000_000) {
            if (guard.isPresent()) {
              warn(feed, () -> {
                guard.get().remember(ComponentStateFile.value(flow, Scope.CLUSTER, table.get().stateKey()));
                return List.of();
              });
            }
            return total;
          }
          Thread.sleep(LISTEN_PAUSE_MILLIS);
          trigger--; // an empty trigger of a listening source does not count toward --max-triggers
          continue;
        }
        lastArrival = System.nanoTime();
        if (trigger >= options.maxTriggers()) {
          throw new IllegalStateException("the source still had new records after " + trigger + " triggers (--max-triggers)");
        }
      }
    } finally {
      shutdown(flow);
    }
  }

  /** A look at the source beside the flow: what it finds is a warning, and so is its own failure (the flow reports the source's errors). */
  private void warn(String feed, GuardStep step) {
    try {
      step.run().forEach(w -> err.println("hub-flow-runner: WARNING " + feed + ": " + w));
    } catch (Exception e) {
      err.println("hub-flow-runner: WARNING " + feed + ": could not check the source's watermark: " + causes(e));
    }
  }

  @FunctionalInterface
  private interface GuardStep {
    List<String> run() throws Exception;
  }

  /**
   * Runs a flow whose ConsumeMQTT the stand-in replaces: takes the messages that arrived, enqueues
   * them where ConsumeMQTT's output goes, triggers, and acknowledges them to the broker only once
   * the trigger is acknowledged (landed); a failure leaves them with the broker for the next run.
   */
  private IngestTally listenMqtt(String feed, StatelessDataflow flow, MqttSettings mqtt, ComponentStateFile state, Path journalFile)
      throws Exception {
    long idleMillis = options.listenIdleMillis() > 0 ? options.listenIdleMillis() : MQTT_DEFAULT_IDLE_MILLIS;
    err.println("hub-flow-runner: " + feed + ": ConsumeMQTT's NAR (org.apache.nifi:" + MqttStandIn.MQTT_NAR_ID + ") is not installed; "
        + "the runner's STAND-IN subscriber (Eclipse Paho, not NiFi's ConsumeMQTT) takes its place: " + mqtt);
    LandedMessageJournal journal = LandedMessageJournal.open(journalFile);
    if (journal.size() > 0) {
      err.println("hub-flow-runner: " + feed + ": " + journal.size() + " message(s) landed by an earlier run that died before "
          + "acknowledging them: their redelivery will be acknowledged, not landed again");
    }
    long started = System.nanoTime();
    IngestTally total = IngestTally.NONE;
    long lastBulletin = flow.getBulletinRepository().getMaxBulletinId();
    long lastArrival = System.nanoTime();
    int redelivered = 0;
    int resent = 0;
    Map<String, Integer> takenThisRun = new HashMap<>();
    try (MqttSubscriber subscriber = StandInClassLoader.subscriber(runnerHome.resolve("standin"))) {
      subscriber.connect(mqtt);
      for (int trigger = 1; ; ) {
        List<MqttDelivery> deliveries = new ArrayList<>();
        List<MqttDelivery> alreadyLanded = new ArrayList<>();
        for (MqttDelivery d : subscriber.poll(mqtt.maxQueueSize(), LISTEN_PAUSE_MILLIS * 4)) {
          String key = d.key();
          if (journal.contains(key)) {
            alreadyLanded.add(d);
          } else if (Integer.valueOf(d.messageId()).equals(takenThisRun.get(key))) {
            resent++; // the broker resent a message this run already took (same packet id): the original's ack covers it
          } else {
            takenThisRun.put(key, d.messageId());
            deliveries.add(d);
          }
        }
        if (!alreadyLanded.isEmpty()) { // landed by a run that died before acknowledging them
          subscriber.acknowledge(alreadyLanded);
          journal.removeAll(alreadyLanded.stream().map(MqttDelivery::key).toList());
          redelivered += alreadyLanded.size();
          lastArrival = System.nanoTime();
        }
        if (deliveries.isEmpty()) {
          boolean awaitingRedelivery = journal.size() > 0 && System.nanoTime() - started < MQTT_REDELIVERY_WAIT_MILLIS * 1_000_000;
          if (!awaitingRedelivery && System.nanoTime() - lastArrival >= idleMillis * 1_000_000) {
            break;
          }
          continue;
        }
        lastArrival = System.nanoTime();
        long t0 = System.nanoTime();
        for (MqttDelivery d : deliveries) {
          flow.enqueue(d.payload(), d.attributes(mqtt.brokerUris()), MqttStandIn.INPUT_PORT);
        }
        TriggerResult result = flow.trigger().getResult();
        if (!result.isSuccessful()) {
          throw new IllegalStateException("trigger " + trigger + " failed" + result.getFailureCause().map(c -> ": " + causes(c)).orElse("")
              + "; its " + deliveries.size() + " message(s) stay unacknowledged with the broker", result.getFailureCause().orElse(null));
        }
        IngestTally tally;
        try {
          refuseFailures(result, flow, lastBulletin);
          tally = IngestTally.of(attributes(result.getOutputFlowFiles(LANDED_PORT)));
          if (tally.read() != deliveries.size()) {
            throw new IllegalStateException("messages unaccounted for: " + deliveries.size() + " enqueued, " + tally.read() + " landed or quarantined");
          }
        } catch (RuntimeException e) {
          result.abort(e);
          throw e;
        }
        result.acknowledge();
        state.saveFrom(flow);
        lastBulletin = flow.getBulletinRepository().getMaxBulletinId();
        List<String> keys = deliveries.stream().map(MqttDelivery::key).toList();
        journal.addAll(keys);
        if (Boolean.getBoolean(HALT_BEFORE_ACK_PROPERTY)) { // fault injection for tests: die between landing and acknowledging
          err.println("hub-flow-runner: " + HALT_BEFORE_ACK_PROPERTY + " set: halting before acknowledging " + deliveries.size() + " landed message(s)");
          err.flush();
          Runtime.getRuntime().halt(HALT_EXIT_CODE);
        }
        subscriber.acknowledge(deliveries);
        journal.removeAll(keys);
        total = total.plus(tally);
        err.printf("hub-flow-runner: %s trigger %d: %d message(s), %d new batch(es), %d replayed, read %d (landed %d, quarantined %d) in %d ms%n",
            feed, trigger, deliveries.size(), tally.batches(), tally.replayed(), tally.read(), tally.landed(), tally.quarantined(),
            (System.nanoTime() - t0) / 1_000_000);
        if (trigger++ >= options.maxTriggers()) {
          throw new IllegalStateException("messages were still arriving after " + options.maxTriggers() + " triggers (--max-triggers)");
        }
      }
    }
    if (redelivered > 0) {
      err.printf("hub-flow-runner: %s: %d redelivered message(s) had landed before the last run could acknowledge them: acknowledged, not landed again%n",
          feed, redelivered);
    }
    if (resent > 0) {
      err.printf("hub-flow-runner: %s: the broker resent %d message(s) while this run was landing them: dropped, landed once%n", feed, resent);
    }
    if (journal.size() > 0) { // e.g. acknowledged just before that run died: kept, in case the broker still redelivers them
      err.printf("hub-flow-runner: %s: %d landed message(s) of an earlier run were not redelivered within %d s; still journaled%n",
          feed, journal.size(), MQTT_REDELIVERY_WAIT_MILLIS / 1000);
    }
    return total;
  }

  /**
   * Stops the flow, waiting a bounded time: the engine waits forever for a processor whose start
   * keeps failing, and the JVM exits right after anyway.
   */
  private void shutdown(StatelessDataflow flow) {
    Thread stopping = new Thread(flow::shutdown, "hub-flow-runner shutdown");
    stopping.setDaemon(true);
    stopping.start();
    try {
      stopping.join(SHUTDOWN_WAIT_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (stopping.isAlive()) {
      err.println("hub-flow-runner: the engine did not stop within " + SHUTDOWN_WAIT_MILLIS / 1000 + " s; exiting anyway");
    }
  }

  /** The message of the latest ERROR bulletin after {@code afterId}, if any. */
  private static Optional<String> lastError(StatelessDataflow flow, long afterId) {
    return flow.getBulletinRepository().findBulletins(new BulletinQuery.Builder().after(afterId).build()).stream()
        .filter(b -> "ERROR".equalsIgnoreCase(b.getLevel()))
        .max(Comparator.comparingLong(Bulletin::getId))
        .map(b -> b.getSourceName() + ": " + b.getMessage());
  }

  /** A FlowFile on the failure port or an ERROR bulletin since the last trigger fails the run. */
  private static void refuseFailures(TriggerResult result, StatelessDataflow flow, long lastBulletin) {
    List<FlowFile> failed = result.getOutputFlowFiles(FAILURE_PORT);
    if (!failed.isEmpty()) {
      String reason = Optional.ofNullable(failed.get(0).getAttribute(ATTR_FAILURE_REASON)).orElse("(no reason given)");
      throw new IllegalStateException(failed.size() + " FlowFile(s) could not be landed: " + reason);
    }
    List<Bulletin> errors = flow.getBulletinRepository().findBulletins(new BulletinQuery.Builder().after(lastBulletin).build())
        .stream().filter(b -> "ERROR".equalsIgnoreCase(b.getLevel())).sorted(Comparator.comparingLong(Bulletin::getId)).toList();
    if (!errors.isEmpty()) {
      Bulletin first = errors.get(0);
      throw new IllegalStateException(first.getSourceName() + " reported an error: " + first.getMessage());
    }
  }

  private static List<Map<String, String>> attributes(List<FlowFile> flowFiles) {
    List<Map<String, String>> out = new ArrayList<>();
    flowFiles.forEach(f -> out.add(f.getAttributes()));
    return out;
  }

  /** --param values, then the launcher's -Dhub.lakehouse.* values, then the JDBC drivers shipped beside the runner. */
  static Map<String, String> parameters(Map<String, String> given, Path runnerHome, boolean usesDrivers) throws IOException {
    Map<String, String> params = new LinkedHashMap<>(given);
    LAKEHOUSE_PARAMETERS.forEach((param, property) -> {
      String v = System.getProperty(property);
      if (v != null && !v.isBlank()) {
        params.putIfAbsent(param, v);
      }
    });
    if (usesDrivers && !params.containsKey(DRIVER_LOCATION_PARAMETER)) { // file-drop flows have no JDBC source
      Path drivers = runnerHome.resolve("drivers");
      if (Files.isDirectory(drivers)) {
        try (Stream<Path> jars = Files.list(drivers)) {
          List<String> found = jars.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().map(Path::toString).toList();
          if (!found.isEmpty()) {
            params.put(DRIVER_LOCATION_PARAMETER, String.join(",", found));
          }
        }
      }
    }
    return params;
  }

  /**
   * State belongs to one flow reading one source into one lakehouse: the file is named after the
   * flow and a hash of its parameter values, so pointing the same flow at another database or
   * lakehouse starts from the beginning instead of skipping rows below a foreign watermark.
   * Driver jars and secrets (passwords, API tokens) do not count: upgrading or rotating them keeps the watermark.
   */
  static String stateName(Path flow, Map<String, String> parameters) {
    String name = flow.getFileName().toString();
    StringBuilder identity = new StringBuilder();
    new TreeMap<>(parameters).forEach((k, v) -> {
      if (!k.equals(DRIVER_LOCATION_PARAMETER) && !k.contains("password") && !k.contains("token")) {
        identity.append(k).append('=').append(v).append('\n');
      }
    });
    String hash;
    try {
      hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(identity.toString().getBytes(StandardCharsets.UTF_8))).substring(0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("The JDK has no SHA-256", e);
    }
    return (name.endsWith(".json") ? name.substring(0, name.length() - 5) : name) + "-" + hash + ".state.properties";
  }

  /** The directory holding the runner jar (target/ in a build): nars/, drivers/ and work/ live beside it. */
  static Path runnerHome() {
    try {
      Path location = Path.of(FlowRunner.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return location.getParent().toAbsolutePath();
    } catch (URISyntaxException e) {
      throw new IllegalStateException("Cannot locate the runner jar", e);
    }
  }

  /**
   * The engine and the components log every failure with a stack trace, often repeatedly, and
   * the runner reports each one anyway as one line with its cause chain (from the trigger result
   * or the component's bulletin): keep stderr for progress and problems.
   * {@code -Dorg.slf4j.simpleLogger.log.org.apache.nifi=info} (or {@code ...log.org.cdhub=info})
   * brings those logs back.
   */
  private static void quietNiFiLogging() {
    System.getProperties().putIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    System.getProperties().putIfAbsent("org.slf4j.simpleLogger.log.org.apache.nifi", "off");
    System.getProperties().putIfAbsent("org.slf4j.simpleLogger.log.org.cdhub.flows", "off");
    System.getProperties().putIfAbsent("org.slf4j.simpleLogger.logFile", "System.err");
  }

  private static String randomKey() {
    byte[] key = new byte[24];
    new SecureRandom().nextBytes(key);
    return HexFormat.of().formatHex(key);
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /** The messages of an exception and its causes, joined: the root cause is usually what an operator needs. */
  static String causes(Throwable e) {
    StringBuilder sb = new StringBuilder();
    for (Throwable t = e; t != null && sb.length() < 4000; t = t.getCause() == t ? null : t.getCause()) {
      String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
      if (sb.indexOf(m) < 0) {
        sb.append(sb.length() == 0 ? "" : " <- ").append(m);
      }
    }
    return sb.toString();
  }
}
