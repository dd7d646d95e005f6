package org.cdhub.api.problem;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * An RFC 7807 problem with the hub's stable error code {@code <field>.<rule>}: the field (a
 * parameter, header or resource) at fault and the rule it broke, so clients can branch on it.
 *
 * @param status HTTP status
 * @param field the request field at fault, e.g. {@code limit}, {@code cursor}, {@code apiKey}
 * @param rule the rule broken, lower kebab case, e.g. {@code max}, {@code malformed}
 * @param title short summary of the problem type (the same for every occurrence)
 * @param detail what exactly was wrong in this request; never personal data
 */
public record ApiProblem(HttpStatus status, String field, String rule, String title, String detail) {
  public static final String TYPE_PREFIX = "urn:cdhub:problem:";

  public ApiProblem {
    requireNonNull(status, "status is null");
    requireNonNull(field, "field is null");
    requireNonNull(rule, "rule is null");
    requireNonNull(title, "title is null");
    if (!field.matches("[A-Za-z][A-Za-z0-9]*") || !rule.matches("[a-z][a-z0-9-]*")) {
      throw new IllegalArgumentException("Invalid problem code: field must be camelCase and rule kebab-case: "
          + field + "." + rule);
    }
  }

  /** The stable error code, {@code <field>.<rule>}. */
  public String code() {
    return field + "." + rule;
  }

  public URI type() {
    return URI.create(TYPE_PREFIX + code());
  }

  /** As Spring's Problem Details body, with {@code code}, {@code field} and {@code rule} properties. */
  public ProblemDetail toProblemDetail(String requestPath) {
    ProblemDetail body = ProblemDetail.forStatus(status);
    body.setType(type());
    body.setTitle(title);
    body.setDetail(detail);
    if (requestPath != null) {
      try {
        body.setInstance(URI.create(requestPath));
      } catch (IllegalArgumentException e) {
        // a path that is no valid URI reference is left out rather than echoed back
        body.setInstance(null);
      }
    }
    body.setProperty("code", code());
    body.setProperty("field", field);
    body.setProperty("rule", rule);
    return body;
  }

  /** Lower kebab case of a constraint or class name: {@code NotBlank} becomes {@code not-blank}. */
  static String kebab(String name) {
    return name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
  }
}
