package org.cdhub.flows.push;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.nifi.annotation.behavior.InputRequirement;
import org.apache.nifi.annotation.behavior.ReadsAttribute;
import org.apache.nifi.annotation.behavior.WritesAttribute;
import org.apache.nifi.annotation.behavior.WritesAttributes;
import org.apache.nifi.annotation.documentation.CapabilityDescription;
import org.apache.nifi.annotation.documentation.Tags;
import org.apache.nifi.annotation.lifecycle.OnScheduled;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.components.ValidationContext;
import org.apache.nifi.components.ValidationResult;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.processor.AbstractProcessor;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.processor.util.StandardValidators;

/**
 * Checks the credentials of a request HandleHttpRequest received: each vendor has its own secret
 * (see {@link VendorCredentials}). The Authorization header is removed from the FlowFile whatever
 * the outcome, so the secret travels no further (no attribute, no provenance, no log). A refused
 * request gets a 401 body and {@code hub.push.status}; its pushed content is dropped unread.
 */
@Tags({"hub", "http", "push", "authentication", "vendor"})
@CapabilityDescription("Authenticates a vendor's HTTP push (HTTP Basic: vendor id and its own secret, held as a SHA-256 "
    + "digest and compared in constant time). Removes the Authorization header attribute; refused pushes get a 401 body.")
@InputRequirement(InputRequirement.Requirement.INPUT_REQUIRED)
@ReadsAttribute(attribute = "http.headers.Authorization", description = "The request's credentials (any letter case); removed")
@WritesAttributes({
    @WritesAttribute(attribute = AuthenticateVendorPush.ATTR_VENDOR, description = "The authenticated vendor id"),
    @WritesAttribute(attribute = PushRefusal.ATTR_STATUS, description = "401 on unauthorized"),
    @WritesAttribute(attribute = PushRefusal.ATTR_REASON, description = "Why the credentials were refused, on unauthorized")})
public class AuthenticateVendorPush extends AbstractProcessor {
  public static final String ATTR_VENDOR = "hub.push.vendor";
  static final String AUTHORIZATION_ATTRIBUTE = "http.headers.authorization";

  public static final PropertyDescriptor VENDOR_CREDENTIALS = new PropertyDescriptor.Builder()
      .name("Vendor Credentials")
      .description("The vendors allowed to push, each with the SHA-256 digest of its own secret: entries "
          + "<vendor>=sha256:<64 hex digits> separated by commas or line breaks")
      .required(true)
      .sensitive(true)
      .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
      .build();

  public static final Relationship REL_AUTHENTICATED = new Relationship.Builder()
      .name("authenticated")
      .description("Pushes whose credentials match a configured vendor, content unchanged, with hub.push.vendor")
      .build();

  public static final Relationship REL_UNAUTHORIZED = new Relationship.Builder()
      .name("unauthorized")
      .description("Pushes without credentials or with wrong ones: content replaced by the 401 response body")
      .build();

  private static final List<PropertyDescriptor> PROPERTIES = List.of(VENDOR_CREDENTIALS);
  private static final Set<Relationship> RELATIONSHIPS = Set.of(REL_AUTHENTICATED, REL_UNAUTHORIZED);

  private volatile VendorCredentials credentials;

  @Override
  protected List<PropertyDescriptor> getSupportedPropertyDescriptors() {
    return PROPERTIES;
  }

  @Override
  public Set<Relationship> getRelationships() {
    return RELATIONSHIPS;
  }

  @Override
  protected Collection<ValidationResult> customValidate(ValidationContext context) {
    List<ValidationResult> problems = new ArrayList<>();
    String text = context.getProperty(VENDOR_CREDENTIALS).getValue();
    if (text != null) {
      try {
        VendorCredentials.parse(text);
      } catch (IllegalArgumentException e) {
        // the input is a sensitive value: the explanation names the entry number, never its text
        problems.add(new ValidationResult.Builder().subject(VENDOR_CREDENTIALS.getDisplayName()).valid(false)
            .explanation(e.getMessage()).build());
      }
    }
    return problems;
  }

  @OnScheduled
  public void loadCredentials(ProcessContext context) {
    credentials = VendorCredentials.parse(context.getProperty(VENDOR_CREDENTIALS).getValue());
  }

  @Override
  public void onTrigger(ProcessContext context, ProcessSession session) {
    FlowFile flowFile = session.get();
    if (flowFile == null) {
      return;
    }
    Set<String> headerAttributes = new HashSet<>();
    String authorization = null;
    for (String name : flowFile.getAttributes().keySet()) {
      if (name.equalsIgnoreCase(AUTHORIZATION_ATTRIBUTE)) {
        headerAttributes.add(name);
        authorization = flowFile.getAttribute(name);
      }
    }
    flowFile = session.removeAllAttributes(flowFile, headerAttributes);
    // two Authorization attributes (different letter case) are ambiguous: refuse rather than pick one
    VendorCredentials.Verdict verdict = headerAttributes.size() > 1
        ? new VendorCredentials.Verdict(VendorCredentials.Outcome.MALFORMED, java.util.Optional.empty())
        : credentials.authenticate(authorization);
    if (verdict.accepted()) {
      session.transfer(session.putAttribute(flowFile, ATTR_VENDOR, verdict.vendor().orElseThrow()), REL_AUTHENTICATED);
      return;
    }
    getLogger().warn("Refused a push from {}: {}", flowFile.getAttribute("http.remote.addr"), verdict.outcome().reason());
    PushRefusal refusal = new PushRefusal(401, verdict.outcome().reason());
    session.transfer(refusal.applyTo(session, flowFile), REL_UNAUTHORIZED);
  }
}
