package org.cdhub.flows.runner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.nifi.flow.Bundle;
import org.apache.nifi.flow.VersionedConfigurableExtension;
import org.apache.nifi.flow.VersionedConnection;
import org.apache.nifi.flow.VersionedControllerService;
import org.apache.nifi.flow.VersionedParameter;
import org.apache.nifi.flow.VersionedParameterContext;
import org.apache.nifi.flow.VersionedPort;
import org.apache.nifi.flow.VersionedProcessGroup;
import org.apache.nifi.flow.VersionedProcessor;
import org.apache.nifi.registry.flow.RegisteredFlowSnapshot;
import org.cdhub.model.contract.SourceContract;
import org.cdhub.model.contract.SourceContracts;
import org.cdhub.model.contract.SourceKind;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Tier 1 (static): every flow definition under flows/definitions parses into NiFi's own model,
 * uses only components and property names that the NARs we ship declare, references only
 * defined parameters, and wires relationships consistently.
 */
class FlowDefinitionTest {
  private static final Pattern PARAMETER_REFERENCE = Pattern.compile("#\\{([^}]+)}");
  private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  private static ExtensionManifests manifests;

  @BeforeAll
  static void loadManifests() throws Exception {
    Path nars = Path.of(System.getProperty("hub.flows.nars"));
    ExtensionManifests.requireDirectory(nars);
    // ConsumeMQTT's NAR is not on Maven Central: its flows are checked against its published 2.3.0 contract
    manifests = ExtensionManifests.load(nars).withPublished(PublishedExtensions.all());
  }

  static List<Path> flows() throws Exception {
    try (Stream<Path> files = Files.list(Path.of(System.getProperty("hub.flows.definitions")))) {
      List<Path> flows = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
      assertThat(flows).as("flow definitions").isNotEmpty();
      return flows;
    }
  }

  private static RegisteredFlowSnapshot parse(Path flow) throws Exception {
    RegisteredFlowSnapshot snapshot = JSON.readValue(flow.toFile(), RegisteredFlowSnapshot.class);
    assertThat(snapshot.getFlowContents()).as("flowContents of %s", flow.getFileName()).isNotNull();
    return snapshot;
  }

  @ParameterizedTest
  @MethodSource("flows")
  void parsesIntoNiFisFlowModel(Path flow) throws Exception {
    RegisteredFlowSnapshot snapshot = parse(flow);
    VersionedProcessGroup group = snapshot.getFlowContents();
    assertThat(group.getProcessors()).isNotEmpty();
    assertThat(group.getParameterContextName()).isNotBlank();
    assertThat(snapshot.getParameterContexts()).containsKey(group.getParameterContextName());
  }

  @ParameterizedTest
  @MethodSource("flows")
  void usesOnlyComponentsAndPropertiesTheShippedNarsDeclare(Path flow) throws Exception {
    assertThat(componentProblems(parse(flow).getFlowContents())).isEmpty();
  }

  @Test
  void aComponentFromABundleThatIsNeitherShippedNorPublishedIsReported() throws Exception {
    VersionedProcessGroup group = parse(flows().stream().filter(f -> f.endsWith("vendor_iot_alarm.json")).findFirst().orElseThrow())
        .getFlowContents();
    VersionedProcessor consume = group.getProcessors().stream()
        .filter(p -> p.getType().equals(PublishedExtensions.CONSUME_MQTT)).findFirst().orElseThrow();
    assertThat(componentProblems(group)).as("ConsumeMQTT checked against its published contract").isEmpty();
    consume.getProperties().put("Topic Filtre", "xywl/#");
    assertThat(componentProblems(group)).containsExactly(consume.getName()
        + ": property 'Topic Filtre' is not in the extension manifest of " + PublishedExtensions.CONSUME_MQTT);
    consume.getProperties().remove("Topic Filtre");
    consume.setType("org.apache.nifi.kafka.processors.ConsumeKafka");
    consume.setBundle(new Bundle("org.apache.nifi", "nifi-kafka-nar", "2.3.0"));
    assertThat(componentProblems(group)).containsExactly(consume.getName()
        + ": no org.apache.nifi.kafka.processors.ConsumeKafka in bundle org.apache.nifi:nifi-kafka-nar:2.3.0");
  }

  @Test
  void aPublishedContractNeverReplacesTheManifestOfAShippedBundle() {
    ExtensionManifests.Component shipped = new ExtensionManifests.Component(PublishedExtensions.MQTT_BUNDLE,
        PublishedExtensions.CONSUME_MQTT, "PROCESSOR", Map.of("Broker URI", false), Set.of(), List.of(), Set.of("Message"), Set.of());
    String key = PublishedExtensions.MQTT_BUNDLE + "/" + PublishedExtensions.CONSUME_MQTT;
    ExtensionManifests merged = new ExtensionManifests(Map.of(key, shipped)).withPublished(PublishedExtensions.all());
    assertThat(merged.components().get(key)).isSameAs(shipped);
    assertThat(new ExtensionManifests(Map.of()).withPublished(PublishedExtensions.all()).components().get(key).relationships())
        .containsExactlyInAnyOrder("Message", "parse.failure");
  }

  private static List<String> componentProblems(VersionedProcessGroup group) {
    List<String> problems = new ArrayList<>();
    for (VersionedConfigurableExtension c : extensions(group)) {
      Bundle b = c.getBundle();
      Optional<ExtensionManifests.Component> declared = manifests.find(b.getGroup(), b.getArtifact(), b.getVersion(), c.getType());
      if (declared.isEmpty()) {
        problems.add(c.getName() + ": no " + c.getType() + " in bundle " + b.getGroup() + ":" + b.getArtifact() + ":" + b.getVersion());
        continue;
      }
      for (String property : c.getProperties().keySet()) {
        if (!declared.get().allowsProperty(property)) {
          problems.add(c.getName() + ": property '" + property + "' is not in the extension manifest of " + c.getType());
        }
      }
      if (c instanceof VersionedControllerService service) {
        service.getControllerServiceApis().forEach(api -> {
          String key = ExtensionManifests.key(api.getBundle().getGroup(), api.getBundle().getArtifact(), api.getBundle().getVersion(), api.getType());
          if (!declared.get().providedApis().contains(key)) {
            problems.add(c.getName() + ": does not provide service API " + key);
          }
        });
      }
    }
    return problems;
  }

  @ParameterizedTest
  @MethodSource("flows")
  void referencesOnlyDefinedParametersAndKeepsSecretsOutOfTheJson(Path flow) throws Exception {
    RegisteredFlowSnapshot snapshot = parse(flow);
    VersionedParameterContext context = snapshot.getParameterContexts().get(snapshot.getFlowContents().getParameterContextName());
    Map<String, VersionedParameter> parameters = new HashMap<>();
    context.getParameters().forEach(p -> parameters.put(p.getName(), p));
    List<String> problems = new ArrayList<>();
    Set<String> used = new HashSet<>();
    for (VersionedConfigurableExtension c : extensions(snapshot.getFlowContents())) {
      ExtensionManifests.Component declared = manifests.find(c.getBundle().getGroup(), c.getBundle().getArtifact(),
          c.getBundle().getVersion(), c.getType()).orElseThrow();
      c.getProperties().forEach((property, value) -> {
        if (value == null) {
          return;
        }
        boolean sensitiveProperty = declared.sensitiveByProperty().getOrDefault(property, false);
        Matcher m = PARAMETER_REFERENCE.matcher(value);
        boolean referencesParameter = false;
        while (m.find()) {
          referencesParameter = true;
          VersionedParameter p = parameters.get(m.group(1));
          used.add(m.group(1));
          if (p == null) {
            problems.add(c.getName() + "." + property + " references undefined parameter " + m.group(1));
          } else if (p.isSensitive() != sensitiveProperty) {
            problems.add(c.getName() + "." + property + (sensitiveProperty ? " is sensitive but references" : " is not sensitive but references")
                + (p.isSensitive() ? " sensitive" : " non-sensitive") + " parameter " + p.getName());
          }
        }
        if (sensitiveProperty && !referencesParameter) {
          problems.add(c.getName() + "." + property + " is sensitive: it must reference a sensitive parameter, not hold a value");
        }
      });
    }
    parameters.values().stream().filter(VersionedParameter::isSensitive).filter(p -> p.getValue() != null)
        .forEach(p -> problems.add("sensitive parameter " + p.getName() + " has a value in the JSON"));
    parameters.keySet().stream().filter(name -> !used.contains(name))
        .forEach(name -> problems.add("parameter " + name + " is defined but not used"));
    assertThat(problems).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("flows")
  void wiresEveryRelationshipToAnExistingComponent(Path flow) throws Exception {
    VersionedProcessGroup group = parse(flow).getFlowContents();
    Map<String, String> names = new HashMap<>();
    group.getProcessors().forEach(p -> names.put(p.getIdentifier(), p.getName()));
    group.getOutputPorts().forEach(p -> names.put(p.getIdentifier(), p.getName()));
    group.getInputPorts().forEach(p -> names.put(p.getIdentifier(), p.getName()));
    Set<String> serviceIds = new HashSet<>();
    group.getControllerServices().forEach(s -> serviceIds.add(s.getIdentifier()));
    List<String> problems = new ArrayList<>();
    Map<String, Set<String>> connected = new HashMap<>();
    for (VersionedConnection c : group.getConnections()) {
      if (!names.containsKey(c.getSource().getId()) || !names.containsKey(c.getDestination().getId())) {
        problems.add("connection " + c.getIdentifier() + " joins a component that is not in the flow");
      }
      connected.computeIfAbsent(c.getSource().getId(), k -> new HashSet<>()).addAll(c.getSelectedRelationships());
    }
    for (VersionedProcessor p : group.getProcessors()) {
      ExtensionManifests.Component declared = manifests.find(p.getBundle().getGroup(), p.getBundle().getArtifact(),
          p.getBundle().getVersion(), p.getType()).orElseThrow();
      Set<String> wired = new HashSet<>(connected.getOrDefault(p.getIdentifier(), Set.of()));
      wired.addAll(p.getAutoTerminatedRelationships());
      for (String rel : wired) {
        if (!declared.relationships().contains(rel)) {
          problems.add(p.getName() + " has no relationship " + rel);
        }
      }
      for (String rel : declared.relationships()) {
        if (!wired.contains(rel)) {
          problems.add(p.getName() + ": relationship " + rel + " is neither connected nor auto-terminated");
        }
      }
      declared.controllerServiceProperties().forEach(property -> {
        String ref = p.getProperties().get(property);
        if (ref != null && !serviceIds.contains(ref)) {
          problems.add(p.getName() + "." + property + " references controller service " + ref + ", which is not in the flow");
        }
      });
    }
    assertThat(problems).isEmpty();
    assertThat(group.getOutputPorts()).extracting(VersionedPort::getName)
        .as("the stateless runner's port conventions").contains(FlowRunner.LANDED_PORT, FlowRunner.FAILURE_PORT);
  }

  @ParameterizedTest
  @MethodSource("flows")
  void pullsTheTableAndWatermarkItsSourceContractNames(Path flow) throws Exception {
    RegisteredFlowSnapshot snapshot = parse(flow);
    Map<String, String> values = new HashMap<>();
    snapshot.getParameterContexts().get(snapshot.getFlowContents().getParameterContextName()).getParameters()
        .forEach(p -> values.put(p.getName(), p.getValue()));
    SourceContract contract = SourceContracts.loadBundled(values.get("feed"));
    assertThat(flow.getFileName().toString()).isEqualTo(contract.feed() + ".json");
    if (contract.format().kind() == SourceKind.JDBC_TABLE) {
      assertThat(values).containsEntry("source.table", contract.format().location())
          .containsEntry("source.watermark", contract.format().watermark());
    }
    if (contract.format().kind() == SourceKind.JSON_API) { // the page chain starts where the contract says
      assertThat(values).containsEntry("source.first.page", contract.format().location());
    }
    if (contract.format().kind() == SourceKind.JSON_MQTT) {
      assertThat(values).containsEntry("mqtt.topic.filter", contract.format().location());
    }
  }

  private static List<VersionedConfigurableExtension> extensions(VersionedProcessGroup group) {
    List<VersionedConfigurableExtension> all = new ArrayList<>(group.getProcessors());
    all.addAll(group.getControllerServices());
    group.getProcessGroups().forEach(child -> all.addAll(extensions(child)));
    return all;
  }
}
