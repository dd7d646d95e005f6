package org.cdhub.jobs.merge;

import java.util.Map;
import org.cdhub.jobs.resolve.MasterIds;
import org.cdhub.model.entity.SilverEvent;
import org.cdhub.model.entity.SilverOrganization;
import org.cdhub.model.entity.SilverThing;

/**
 * Natural keys of organizations, things and events: what makes two records one master.
 * Master ids derive from these keys ({@link MasterIds#ofNaturalKey}), so they are stable.
 */
public final class MasterKeys {
  public static final String ORGANIZATION_PREFIX = "O-";
  public static final String THING_PREFIX = "T-";
  public static final String EVENT_PREFIX = "E-";
  private static final char SEP = '\u001f';

  private MasterKeys() {}

  /**
   * The unified social credit code (checksum verified by standardize); without one, the credit
   * code registered under the same name (when exactly one is), else name within the community.
   */
  public static String organization(SilverOrganization o, Map<String, String> creditCodeByName) {
    if (o.creditCode() != null) {
      return creditCode(o.creditCode());
    }
    if (o.name() != null) {
      String registered = creditCodeByName.get(o.name());
      if (registered != null) {
        return creditCode(registered);
      }
      return "NAME" + SEP + (o.communityCode() == null ? "" : o.communityCode()) + SEP + o.name();
    }
    return record(o.sourceSystem(), o.sourceRecordId());
  }

  public static String creditCode(String creditCode) {
    return "CC" + SEP + creditCode;
  }

  /** Device serial, plate or meter number (normalized by standardize), whichever feed reports it. */
  public static String thing(SilverThing t) {
    return t.identifier() != null ? identifier(t.identifier()) : record(t.sourceSystem(), t.sourceRecordId());
  }

  public static String identifier(String identifier) {
    return "ID" + SEP + identifier;
  }

  /** The source's event id within its feed: a retried push repeats it and is the same event. */
  public static String event(SilverEvent e) {
    return e.sourceEventId() != null ? "EV" + SEP + e.sourceSystem() + SEP + e.sourceEventId() : record(e.sourceSystem(), e.sourceRecordId());
  }

  public static String masterId(String prefix, String key) {
    return MasterIds.ofNaturalKey(prefix, key);
  }

  private static String record(String feed, String recordId) {
    return "REC" + SEP + feed + SEP + recordId;
  }
}
