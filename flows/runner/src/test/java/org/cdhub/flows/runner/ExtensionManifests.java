package org.cdhub.flows.runner;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * What the built NARs offer, read from each NAR's {@code META-INF/docs/extension-manifest.xml}:
 * components by bundle and type, with their property names, relationships and service APIs.
 */
record ExtensionManifests(Map<String, Component> components) {

  /** One processor or controller service as its manifest describes it. */
  record Component(String bundle, String type, String kind, Map<String, Boolean> sensitiveByProperty,
      Set<String> controllerServiceProperties, List<String> dynamicPropertyNames, Set<String> relationships, Set<String> providedApis) {

    /**
     * A declared property, or a dynamic one: a dynamic property named like
     * {@code initial.maxvalue.<column>} admits names with that prefix; one named in prose admits any name.
     */
    boolean allowsProperty(String name) {
      if (sensitiveByProperty.containsKey(name)) {
        return true;
      }
      for (String dynamic : dynamicPropertyNames) {
        int placeholder = dynamic.indexOf('<');
        if (placeholder < 0 || name.startsWith(dynamic.substring(0, placeholder))) {
          return true;
        }
      }
      return false;
    }
  }

  static String key(String group, String artifact, String version, String type) {
    return group + ":" + artifact + ":" + version + "/" + type;
  }

  Optional<Component> find(String group, String artifact, String version, String type) {
    return Optional.ofNullable(components.get(key(group, artifact, version, type)));
  }

  /**
   * These manifests plus published contracts of components whose bundle no NAR here provides:
   * a bundle that is present keeps its own manifest, every other bundle stays missing.
   */
  ExtensionManifests withPublished(Map<String, Component> published) {
    Set<String> bundles = new LinkedHashSet<>();
    components.values().forEach(c -> bundles.add(c.bundle()));
    Map<String, Component> all = new LinkedHashMap<>(components);
    published.forEach((key, c) -> {
      if (!bundles.contains(c.bundle())) {
        all.put(key, c);
      }
    });
    return new ExtensionManifests(all);
  }

  static ExtensionManifests load(Path narDir) throws Exception {
    Map<String, Component> all = new LinkedHashMap<>();
    try (Stream<Path> nars = Files.list(narDir)) {
      for (Path nar : nars.filter(p -> p.toString().endsWith(".nar")).sorted().toList()) {
        try (ZipFile zip = new ZipFile(nar.toFile())) {
          ZipEntry entry = zip.getEntry("META-INF/docs/extension-manifest.xml");
          if (entry == null) {
            continue;
          }
          try (InputStream in = zip.getInputStream(entry)) {
            read(in, all);
          }
        }
      }
    }
    return new ExtensionManifests(all);
  }

  private static void read(InputStream in, Map<String, Component> all) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    Document doc = factory.newDocumentBuilder().parse(in);
    Element root = doc.getDocumentElement();
    String group = text(root, "groupId");
    String artifact = text(root, "artifactId");
    String version = text(root, "version");
    Element extensions = child(root, "extensions");
    if (extensions == null) {
      return;
    }
    for (Element ext : children(extensions, "extension")) {
      String type = text(ext, "name");
      Map<String, Boolean> properties = new LinkedHashMap<>();
      Set<String> serviceProperties = new LinkedHashSet<>();
      Element props = child(ext, "properties");
      if (props != null) {
        for (Element p : children(props, "property")) {
          properties.put(text(p, "name"), Boolean.parseBoolean(text(p, "sensitive")));
          if (child(p, "controllerServiceDefinition") != null) {
            serviceProperties.add(text(p, "name"));
          }
        }
      }
      Set<String> relationships = new LinkedHashSet<>();
      Element rels = child(ext, "relationships");
      if (rels != null) {
        children(rels, "relationship").forEach(r -> relationships.add(text(r, "name")));
      }
      Set<String> apis = new LinkedHashSet<>();
      Element provided = child(ext, "providedServiceAPIs");
      if (provided != null) {
        children(provided, "providedServiceAPI").forEach(a ->
            apis.add(key(text(a, "groupId"), text(a, "artifactId"), text(a, "version"), text(a, "className"))));
      }
      List<String> dynamicNames = new ArrayList<>();
      Element dynamic = child(ext, "dynamicProperties");
      if (dynamic != null) {
        children(dynamic, "dynamicProperty").forEach(d -> dynamicNames.add(text(d, "name")));
      }
      all.put(key(group, artifact, version, type), new Component(group + ":" + artifact + ":" + version, type,
          text(ext, "type"), properties, serviceProperties, dynamicNames, relationships, apis));
    }
  }

  private static Element child(Element parent, String name) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(name)) {
        return e;
      }
    }
    return null;
  }

  private static List<Element> children(Element parent, String name) {
    List<Element> out = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(name)) {
        out.add(e);
      }
    }
    return out;
  }

  private static String text(Element parent, String name) {
    Element e = child(parent, name);
    return e == null ? null : e.getTextContent().strip();
  }

  static void requireDirectory(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new IOException("No NAR directory " + dir + ": build with Maven (the runner module copies the NARs there)");
    }
  }
}
