package org.cdhub.api.returndata;

import java.time.Clock;
import java.time.Duration;
import org.apache.iceberg.catalog.Catalog;
import org.cdhub.api.audit.PersonalDataAudit;

/** The API's serving components over a test lakehouse, wired as ApiWiring wires them. */
public final class ServedTables {
  static final Duration GRACE = Duration.ofMinutes(10);

  private ServedTables() {}

  /** gold.place, projected. */
  public static ProjectedTable<PlaceProjection> places(Catalog catalog, Clock clock) {
    return new ProjectedTable<>(GoldTableReader.places(catalog), clock, GRACE);
  }

  /** The pager, with gold.place of the same lakehouse for building and grid filters; no unmask grants. */
  public static CommunityPager pager(Catalog catalog, PersonalDataAudit audit, Clock clock) {
    return new CommunityPager(places(catalog, clock), CommunityAccess.withoutGrants(new PersonMasking(clock), audit));
  }
}
