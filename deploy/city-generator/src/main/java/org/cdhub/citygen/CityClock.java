package org.cdhub.citygen;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Time in the generated city: everything happens before {@link Person#EPOCH} (2026-01-01,
 * Beijing time), never on the wall clock, so output depends only on the seed.
 */
final class CityClock {
  static final ZoneOffset BEIJING = ZoneOffset.ofHours(8);
  static final LocalDateTime EPOCH = Person.EPOCH.atStartOfDay();
  static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  static final DateTimeFormatter ISO_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd");
  static final DateTimeFormatter COMPACT_DATE = DateTimeFormatter.ofPattern("yyyyMMdd");
  static final DateTimeFormatter SLASH_DATE = DateTimeFormatter.ofPattern("yyyy/M/d");
  static final DateTimeFormatter CHINESE_DATE = DateTimeFormatter.ofPattern("yyyy年M月d日");
  static final DateTimeFormatter YEAR_MONTH = DateTimeFormatter.ofPattern("yyyy-MM");

  private CityClock() {}

  /** A moment uniformly within the {@code days} days before the epoch. */
  static LocalDateTime withinDaysBefore(CityRandom rng, int days) {
    return EPOCH.minusSeconds(1 + rng.nextLong(days * 86_400L - 1));
  }

  /** A moment on a random day of the {@code days} days before the epoch, at a time drawn around people's routines. */
  static LocalDateTime dailyLife(CityRandom rng, int days) {
    LocalDate day = Person.EPOCH.minusDays(1 + rng.nextInt(days));
    int hour = new int[] {7, 8, 9, 12, 13, 17, 18, 19, 20, 21, 10, 15, 22, 6}[rng.nextInt(14)];
    return day.atTime(hour, rng.nextInt(60), rng.nextInt(60));
  }

  static LocalDate dateBetween(CityRandom rng, LocalDate from, LocalDate to) {
    long span = to.toEpochDay() - from.toEpochDay();
    return span <= 0 ? from : from.plusDays(rng.nextLong(span + 1));
  }

  static long epochMillis(LocalDateTime t) {
    return t.toInstant(BEIJING).toEpochMilli();
  }
}
