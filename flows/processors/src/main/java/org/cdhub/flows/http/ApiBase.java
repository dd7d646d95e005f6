package org.cdhub.flows.http;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The root URL of a paged API, as a directory so that relative pages resolve below it, and the
 * origin (scheme, host, port) every page must stay on: the bearer token goes nowhere else.
 */
record ApiBase(URI url) {
  ApiBase {
    requireNonNull(url, "url is null");
  }

  /** Parses an http(s) URL with a host; a path without a trailing slash gets one. */
  static ApiBase parse(String value) throws URISyntaxException {
    URI uri = new URI(value.strip());
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
      throw new URISyntaxException(value, "an http or https URL with a host is needed");
    }
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    return new ApiBase(path.endsWith("/") ? uri : new URI(uri.getScheme(), uri.getRawAuthority(), path + "/", null, null).normalize());
  }

  /** A page reference (relative, or absolute) resolved against the base. */
  URI resolve(String page) {
    return url.resolve(page.strip());
  }

  /** Whether {@code page} is on this API's scheme, host and port. */
  boolean holds(URI page) {
    return origin().equals(origin(page));
  }

  /** {@code scheme://host:port}, the port made explicit. */
  String origin() {
    return origin(url);
  }

  private static String origin(URI uri) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    int port = uri.getPort() != -1 ? uri.getPort() : "https".equals(scheme) ? 443 : 80;
    return scheme + "://" + (uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT)) + ":" + port;
  }
}
