package org.cdhub.flows.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.nifi.annotation.behavior.InputRequirement;
import org.apache.nifi.annotation.behavior.PrimaryNodeOnly;
import org.apache.nifi.annotation.behavior.Stateful;
import org.apache.nifi.annotation.behavior.TriggerSerially;
import org.apache.nifi.annotation.behavior.WritesAttribute;
import org.apache.nifi.annotation.behavior.WritesAttributes;
import org.apache.nifi.annotation.documentation.CapabilityDescription;
import org.apache.nifi.annotation.documentation.Tags;
import org.apache.nifi.annotation.lifecycle.OnScheduled;
import org.apache.nifi.annotation.lifecycle.OnStopped;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.components.ValidationContext;
import org.apache.nifi.components.ValidationResult;
import org.apache.nifi.components.state.Scope;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.processor.AbstractProcessor;
import org.apache.nifi.processor.DataUnit;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.processor.exception.ProcessException;
import org.apache.nifi.processor.util.StandardValidators;
import org.cdhub.flows.landing.LandBronzeRecords;
import org.cdhub.flows.landing.RawRecord;

/**
 * Pulls a paged JSON API ({@code {"page": n, "next": ... | null, "items": [...]}}) as InvokeHTTP
 * would, page by page: one FlowFile per page holding that page's items as a JSON array (all values
 * text), which LandBronzeRecords lands as one batch. Where the pull stands is kept in the
 * processor's state ({@link PullCursor} says the resume rule), set through the session so that it
 * is committed with the FlowFiles and rolled back with them.
 */
@Tags({"hub", "http", "json", "api", "paging", "pull", "ingest"})
@CapabilityDescription("GETs the first page of a paged JSON API ({\"page\": n, \"next\": \"page-0002.json\" | null, \"items\": [...]}) "
    + "and follows next until it is null, up to Max Pages Per Run pages per run; one FlowFile per page holds that page's items "
    + "as a JSON array with every value as text. Where it stopped is kept in state: the next run continues there; at the end of "
    + "the chain it re-reads the last page and delivers only the items appended since. HTTP errors, timeouts, a body over the "
    + "limit, truncated or malformed JSON and a page without items go to failure with hub.failure.reason, and the state stays "
    + "on that page. An item that is not a JSON object (or uses a reserved _ name) becomes a reject record that "
    + "LandBronzeRecords quarantines with rule INGEST-JSON-ITEM.")
@InputRequirement(InputRequirement.Requirement.INPUT_FORBIDDEN)
@PrimaryNodeOnly
@TriggerSerially
@Stateful(scopes = Scope.CLUSTER, description = "The page to GET next (page.url), the first page it was started from, and how many "
    + "items of that page were already delivered with their hash (at the end of the chain).")
@WritesAttributes({
    @WritesAttribute(attribute = PullJsonPages.ATTR_PAGE_URL, description = "URL of the page"),
    @WritesAttribute(attribute = PullJsonPages.ATTR_PAGE_NUMBER, description = "The page's own page value, else its position in this run"),
    @WritesAttribute(attribute = PullJsonPages.ATTR_RECORD_COUNT, description = "Items in the FlowFile (rejects included)"),
    @WritesAttribute(attribute = PullJsonPages.ATTR_SKIPPED, description = "Items of the page delivered by an earlier run and left out"),
    @WritesAttribute(attribute = PullJsonPages.ATTR_REJECTED, description = "Items that are reject records (rule INGEST-JSON-ITEM)"),
    @WritesAttribute(attribute = PullJsonPages.ATTR_HTTP_STATUS, description = "HTTP status of the page's response, when there was one"),
    @WritesAttribute(attribute = "mime.type", description = "application/json"),
    @WritesAttribute(attribute = LandBronzeRecords.ATTR_FAILURE_REASON, description = "On failure: which page, and why")
})
public class PullJsonPages extends AbstractProcessor {
  public static final String ATTR_PAGE_URL = "hub.page.url";
  public static final String ATTR_PAGE_NUMBER = "hub.page.number";
  public static final String ATTR_RECORD_COUNT = "record.count";
  public static final String ATTR_SKIPPED = "hub.page.items.skipped";
  public static final String ATTR_REJECTED = "hub.records.rejected";
  public static final String ATTR_HTTP_STATUS = "hub.http.status";

  public static final PropertyDescriptor BASE_URL = new PropertyDescriptor.Builder()
      .name("Base URL")
      .description("Root of the API, e.g. https://vendor.example/api/; the first page and every next link resolve against it "
          + "and must stay on its scheme, host and port (the token is never sent elsewhere)")
      .required(true)
      .addValidator(StandardValidators.URL_VALIDATOR)
      .build();

  public static final PropertyDescriptor FIRST_PAGE = new PropertyDescriptor.Builder()
      .name("First Page")
      .description("Path of the first page relative to the base URL, e.g. market/mr_enterprise/page-0001.json")
      .required(true)
      .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
      .build();

  public static final PropertyDescriptor BEARER_TOKEN = new PropertyDescriptor.Builder()
      .name("Bearer Token")
      .description("Sent as Authorization: Bearer <token>; none when empty")
      .required(false)
      .sensitive(true)
      .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
      .build();

  public static final PropertyDescriptor CONNECT_TIMEOUT = new PropertyDescriptor.Builder()
      .name("Connect Timeout")
      .description("Longest wait for the connection to the API")
      .required(true)
      .defaultValue("5 sec")
      .addValidator(StandardValidators.TIME_PERIOD_VALIDATOR)
      .build();

  public static final PropertyDescriptor READ_TIMEOUT = new PropertyDescriptor.Builder()
      .name("Read Timeout")
      .description("Longest wait for a whole page (headers and body) once the request is sent")
      .required(true)
      .defaultValue("30 sec")
      .addValidator(StandardValidators.TIME_PERIOD_VALIDATOR)
      .build();

  public static final PropertyDescriptor MAX_PAGE_SIZE = new PropertyDescriptor.Builder()
      .name("Max Page Size")
      .description("A page body larger than this goes to failure (it is not read further)")
      .required(true)
      .defaultValue("16 MB")
      .addValidator(StandardValidators.DATA_SIZE_VALIDATOR)
      .build();

  public static final PropertyDescriptor MAX_PAGES_PER_RUN = new PropertyDescriptor.Builder()
      .name("Max Pages Per Run")
      .description("Most pages one run GETs; the next run continues where this one stopped")
      .required(true)
      .defaultValue("100")
      .addValidator(StandardValidators.POSITIVE_INTEGER_VALIDATOR)
      .build();

  public static final Relationship REL_SUCCESS = new Relationship.Builder()
      .name("success")
      .description("One FlowFile per page: the items not delivered before, as a JSON array of records with text values")
      .build();

  public static final Relationship REL_FAILURE = new Relationship.Builder()
      .name("failure")
      .description("A page that could not be had or read (HTTP error, timeout, over the size limit, truncated or malformed JSON, "
          + "no items), with the body received (if any) as content and the reason in hub.failure.reason; the state stays on it")
      .build();

  private static final List<PropertyDescriptor> PROPERTIES = List.of(BASE_URL, FIRST_PAGE, BEARER_TOKEN, CONNECT_TIMEOUT, READ_TIMEOUT,
      MAX_PAGE_SIZE, MAX_PAGES_PER_RUN);
  private static final Set<Relationship> RELATIONSHIPS = Set.of(REL_SUCCESS, REL_FAILURE);

  private volatile PageFetcher fetcher;
  private volatile ApiBase api;
  private volatile URI firstPage;
  private volatile int maxPages;

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
    String base = context.getProperty(BASE_URL).getValue();
    String first = context.getProperty(FIRST_PAGE).getValue();
    if (base != null && first != null) {
      try {
        ApiBase b = ApiBase.parse(base);
        if (!b.holds(b.resolve(first))) {
          problems.add(new ValidationResult.Builder().subject(FIRST_PAGE.getName()).input(first).valid(false)
              .explanation("the first page must be on the base URL's scheme, host and port").build());
        }
      } catch (URISyntaxException | IllegalArgumentException e) {
        problems.add(new ValidationResult.Builder().subject(BASE_URL.getName()).input(base).valid(false)
            .explanation("not an http(s) URL: " + e.getMessage()).build());
      }
    }
    return problems;
  }

  @OnScheduled
  public void connect(ProcessContext context) throws URISyntaxException {
    api = ApiBase.parse(context.getProperty(BASE_URL).getValue());
    firstPage = api.resolve(context.getProperty(FIRST_PAGE).getValue());
    maxPages = context.getProperty(MAX_PAGES_PER_RUN).asInteger();
    fetcher = new PageFetcher(
        Duration.ofMillis(context.getProperty(CONNECT_TIMEOUT).asTimePeriod(TimeUnit.MILLISECONDS)),
        Duration.ofMillis(context.getProperty(READ_TIMEOUT).asTimePeriod(TimeUnit.MILLISECONDS)),
        context.getProperty(MAX_PAGE_SIZE).asDataSize(DataUnit.B).longValue(),
        context.getProperty(BEARER_TOKEN).getValue());
  }

  @OnStopped
  public void disconnect() {
    PageFetcher f = fetcher;
    fetcher = null;
    if (f != null) {
      f.close();
    }
  }

  @Override
  public void onTrigger(ProcessContext context, ProcessSession session) throws ProcessException {
    PullCursor cursor;
    try {
      cursor = PullCursor.fromState(session.getState(Scope.CLUSTER).toMap(), firstPage);
    } catch (java.io.IOException e) {
      throw new ProcessException("Cannot read the pull's state", e);
    }
    if (!api.holds(cursor.page())) { // a state edited by hand must not send the token elsewhere either
      getLogger().warn("The kept page {} is not on the API's origin {}; starting from the first page", cursor.page(), api.origin());
      cursor = PullCursor.start(firstPage);
    }
    PullCursor start = cursor;
    Set<URI> visited = new HashSet<>();
    int delivered = 0;
    for (int n = 1; n <= maxPages; n++) {
      URI url = cursor.page();
      String name = "page " + url;
      if (!visited.add(url)) {
        fail(session, url, null, name + ": the next links loop back to this page", new byte[0]);
        break;
      }
      PageFetcher.Response response;
      try {
        response = fetcher.get(url);
      } catch (PageFetcher.FetchFailure e) {
        fail(session, url, null, name + ": " + e.getMessage(), e.partialBody());
        break;
      }
      if (response.status() / 100 != 2) {
        fail(session, url, response.status(), name + ": HTTP " + response.status() + statusHint(response.status()), response.body());
        break;
      }
      JsonPage page;
      try {
        page = JsonPage.parse(response.body(), name);
      } catch (JsonPage.BadPage e) {
        fail(session, url, response.status(), e.getMessage(), response.body());
        break;
      }
      List<RawRecord> items = page.items();
      int skip = cursor.stillHolds(items) ? cursor.delivered() : 0;
      if (skip == 0 && cursor.delivered() > 0) {
        getLogger().warn("{}: the {} items delivered before changed; delivering the page whole", name, cursor.delivered());
      }
      List<RawRecord> fresh = items.subList(skip, items.size());
      if (!fresh.isEmpty()) {
        transferPage(session, url, page, n, fresh, skip, response.status());
        delivered++;
      }
      if (page.next() == null) {
        cursor = cursor.atEnd(items);
        break;
      }
      URI next;
      try {
        next = url.resolve(page.next().strip());
      } catch (IllegalArgumentException e) {
        fail(session, url, response.status(), name + ": next link is not a URL reference: " + e.getMessage(), new byte[0]);
        break;
      }
      if (!api.holds(next)) {
        fail(session, url, response.status(), name + ": next link " + next + " leaves the API's origin " + api.origin()
            + "; not followed", new byte[0]);
        break;
      }
      cursor = cursor.followTo(next);
    }
    if (!cursor.equals(start)) {
      try {
        session.setState(cursor.toState(), Scope.CLUSTER);
      } catch (java.io.IOException e) {
        throw new ProcessException("Cannot keep the pull's state", e);
      }
    }
    if (delivered == 0) {
      context.yield(); // nothing new: the API is polled again after the yield duration
    }
  }

  private void transferPage(ProcessSession session, URI url, JsonPage page, int position, List<RawRecord> items, int skipped, int status) {
    StringBuilder json = new StringBuilder("[");
    int rejected = 0;
    for (int i = 0; i < items.size(); i++) {
      json.append(i == 0 ? "" : ",").append(items.get(i).canonicalJson());
      rejected += items.get(i).value(org.cdhub.flows.landing.IngestRules.REJECT_RULE) == null ? 0 : 1;
    }
    byte[] content = json.append(']').toString().getBytes(StandardCharsets.UTF_8);
    FlowFile flowFile = session.write(session.create(), out -> out.write(content));
    Map<String, String> attributes = new HashMap<>();
    attributes.put(ATTR_PAGE_URL, url.toString());
    attributes.put(ATTR_PAGE_NUMBER, Objects.requireNonNullElse(page.number(), Integer.toString(position)));
    attributes.put(ATTR_RECORD_COUNT, Integer.toString(items.size()));
    attributes.put(ATTR_SKIPPED, Integer.toString(skipped));
    attributes.put(ATTR_REJECTED, Integer.toString(rejected));
    attributes.put(ATTR_HTTP_STATUS, Integer.toString(status));
    attributes.put("mime.type", "application/json");
    attributes.put("filename", fileName(url));
    flowFile = session.putAllAttributes(flowFile, attributes);
    session.getProvenanceReporter().receive(flowFile, url.toString());
    session.transfer(flowFile, REL_SUCCESS);
  }

  private void fail(ProcessSession session, URI url, Integer status, String reason, byte[] body) {
    getLogger().error(reason);
    FlowFile flowFile = session.write(session.create(), out -> out.write(body));
    Map<String, String> attributes = new HashMap<>();
    attributes.put(ATTR_PAGE_URL, url.toString());
    attributes.put(LandBronzeRecords.ATTR_FAILURE_REASON, reason);
    attributes.put("filename", fileName(url));
    if (status != null) {
      attributes.put(ATTR_HTTP_STATUS, Integer.toString(status));
    }
    session.transfer(session.putAllAttributes(flowFile, attributes), REL_FAILURE);
  }

  private static String statusHint(int status) {
    return switch (status) {
      case 401 -> " (unauthorized: check the bearer token)";
      case 403 -> " (forbidden)";
      case 404 -> " (no such page)";
      case 429 -> " (rate limited: retried on the next run)";
      default -> status >= 500 ? " (server error: retried on the next run)" : "";
    };
  }

  private static String fileName(URI url) {
    String path = url.getPath() == null ? "" : url.getPath();
    String last = path.substring(path.lastIndexOf('/') + 1);
    return last.isEmpty() ? "page" : last;
  }
}
