package org.cdhub.model.contract;

import java.time.Duration;

/** How often a feed promises fresh data; freshness is checked against it. */
public enum UpdateCycle {
  REALTIME(Duration.ofMinutes(15)),
  HOURLY(Duration.ofHours(1)),
  DAILY(Duration.ofDays(1)),
  WEEKLY(Duration.ofDays(7)),
  MONTHLY(Duration.ofDays(31)),
  QUARTERLY(Duration.ofDays(92)),
  YEARLY(Duration.ofDays(366));

  private final Duration period;

  UpdateCycle(Duration period) {
    this.period = period;
  }

  public Duration period() {
    return period;
  }
}
