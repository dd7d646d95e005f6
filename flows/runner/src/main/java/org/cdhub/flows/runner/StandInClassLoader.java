package org.cdhub.flows.runner;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Loads the stand-in subscriber and its MQTT client from the runner jar and {@code standin/}
 * child-first, everything else from the runner's class path. The runner's class path is what
 * NiFi keeps in {@code lib/} and every NAR sees it; an MQTT client there would shadow the
 * one inside a real nifi-mqtt-nar.
 */
final class StandInClassLoader extends URLClassLoader {
  static final String SUBSCRIBER = "org.cdhub.flows.runner.PahoSubscriber";

  private StandInClassLoader(URL[] urls, ClassLoader parent) {
    super("hub-mqtt-stand-in", urls, parent);
  }

  /** A subscriber loaded from {@code standinDir}'s jars and the runner's own classes. */
  static MqttSubscriber subscriber(Path standinDir) throws IOException, ReflectiveOperationException {
    List<URL> urls = new ArrayList<>();
    if (Files.isDirectory(standinDir)) {
      try (Stream<Path> jars = Files.list(standinDir)) {
        for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
          urls.add(jar.toUri().toURL());
        }
      }
    }
    if (urls.isEmpty()) {
      throw new IOException("The MQTT stand-in needs its client jar (Eclipse Paho) in " + standinDir + " (build flows/runner)");
    }
    urls.add(0, FlowRunner.class.getProtectionDomain().getCodeSource().getLocation());
    StandInClassLoader loader = new StandInClassLoader(urls.toArray(URL[]::new), FlowRunner.class.getClassLoader());
    return (MqttSubscriber) loader.loadClass(SUBSCRIBER).getConstructor().newInstance();
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    if (!name.startsWith("org.eclipse.paho.") && !name.equals(SUBSCRIBER) && !name.startsWith(SUBSCRIBER + "$")) {
      return super.loadClass(name, resolve);
    }
    synchronized (getClassLoadingLock(name)) {
      Class<?> c = findLoadedClass(name);
      if (c == null) {
        c = findClass(name);
      }
      if (resolve) {
        resolveClass(c);
      }
      return c;
    }
  }
}
