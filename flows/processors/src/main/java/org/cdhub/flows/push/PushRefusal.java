package org.cdhub.flows.push;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.processor.ProcessSession;

/**
 * A push the endpoint answers with an HTTP error instead of landing it: the vendor still holds
 * the data and may fix and resend it. The FlowFile's content becomes the response body (the
 * pushed body is dropped: nothing of it was landed), status and reason go to attributes that
 * HandleHttpResponse answers with ({@code HTTP Status Code = ${hub.push.status}}).
 *
 * @param status HTTP status: 400, 401 or 413
 * @param reason what is wrong, worded for the vendor; never echoes pushed values or credentials
 */
public record PushRefusal(int status, String reason) {
  public static final String ATTR_STATUS = "hub.push.status";
  public static final String ATTR_REASON = "hub.push.reason";

  public PushRefusal {
    if (status < 400 || status > 499) {
      throw new IllegalArgumentException("a refusal is a 4xx status, got " + status);
    }
    requireNonNull(reason, "reason is null");
  }

  /** The response body: {"status":401,"error":"..."}. */
  public String body() {
    return "{\"status\":" + status + ",\"error\":\"" + escape(reason) + "\"}";
  }

  /** Replaces the FlowFile's content with the response body and sets the status attributes. */
  FlowFile applyTo(ProcessSession session, FlowFile flowFile) {
    byte[] body = body().getBytes(StandardCharsets.UTF_8);
    FlowFile answered = session.write(flowFile, out -> out.write(body));
    return session.putAllAttributes(answered, Map.of(ATTR_STATUS, Integer.toString(status), ATTR_REASON, reason,
        "mime.type", "application/json"));
  }

  private static String escape(String s) {
    StringBuilder out = new StringBuilder(s.length() + 8);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }
}
