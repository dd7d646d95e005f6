package org.cdhub.jobs;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a job reports: the one stdout line the launcher parses,
 * {@code JOB <name> status=OK <key>=<value> ...}.
 */
public record JobResult(String job, Map<String, Object> values) {
  public JobResult {
    requireNonNull(job, "job is null");
    values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(values, "values is null")));
    for (Map.Entry<String, Object> e : values.entrySet()) {
      if (!e.getKey().matches("[a-z][a-z0-9_]*") || String.valueOf(e.getValue()).matches(".*\\s.*")) {
        throw new IllegalArgumentException("Invalid result value " + e.getKey() + "=" + e.getValue() + ": keys are snake case, values have no spaces");
      }
    }
  }

  public static Builder of(String job) {
    return new Builder(job);
  }

  public long number(String key) {
    Object v = values.get(key);
    if (!(v instanceof Number n)) {
      throw new IllegalStateException("Result of job " + job + " has no number " + key + ": " + values);
    }
    return n.longValue();
  }

  public String line() {
    StringBuilder sb = new StringBuilder("JOB ").append(job).append(" status=OK");
    values.forEach((k, v) -> sb.append(' ').append(k).append('=').append(v));
    return sb.toString();
  }

  /** Collects values in the order they are printed. */
  public static final class Builder {
    private final String job;
    private final Map<String, Object> values = new LinkedHashMap<>();

    private Builder(String job) {
      this.job = requireNonNull(job, "job is null");
    }

    public Builder put(String key, Object value) {
      values.put(key, requireNonNull(value, "value is null"));
      return this;
    }

    public JobResult build() {
      return new JobResult(job, values);
    }
  }
}
