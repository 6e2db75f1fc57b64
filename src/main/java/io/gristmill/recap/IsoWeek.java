package io.gristmill.recap;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A recap week, named the ISO way ({@code 2026-W47}). Its days are cut in the tenant's time zone
 * and start on the tenant's first day of the week: with Monday (the ISO default) the week is
 * exactly the ISO week; with another start day it begins on that day on or before the ISO
 * week's Monday (a Sunday-start {@code 2026-W47} begins on Sunday 15 November).
 */
public record IsoWeek(int year, int week) implements Comparable<IsoWeek> {
    private static final Pattern FORMAT = Pattern.compile("(\\d{4})-W(\\d{2})");

    public IsoWeek {
        if (year < 2000 || year > 2999) {
            throw new IllegalArgumentException("week year must be between 2000 and 2999");
        }
        long weeksInYear = LocalDate.of(year, 6, 1).range(IsoFields.WEEK_OF_WEEK_BASED_YEAR).getMaximum();
        if (week < 1 || week > weeksInYear) {
            throw new IllegalArgumentException(year + " has ISO weeks 1 to " + weeksInYear + ", not " + week);
        }
    }

    /** Parses {@code YYYY-Www}; anything else is refused with a message naming the format. */
    public static IsoWeek parse(String text) {
        Matcher m = text == null ? null : FORMAT.matcher(text);
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("week must look like 2026-W47 (ISO year, 'W', two-digit week), got '" + text + "'");
        }
        return new IsoWeek(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    /** The ISO week a date falls in. */
    public static IsoWeek of(LocalDate date) {
        return new IsoWeek(date.get(IsoFields.WEEK_BASED_YEAR), date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    /** The recap week containing {@code instant} for a tenant's zone and start day. */
    public static IsoWeek containing(Instant instant, ZoneId zone, DayOfWeek weekStart) {
        LocalDate day = instant.atZone(zone).toLocalDate();
        LocalDate start = day.with(TemporalAdjusters.previousOrSame(weekStart));
        // The week is named after the ISO week of its Monday (its start day or the next Monday).
        return of(start.with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY)));
    }

    public LocalDate isoMonday() {
        return LocalDate.of(year, 1, 4).with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, week).with(DayOfWeek.MONDAY);
    }

    public LocalDate firstDay(DayOfWeek weekStart) {
        return isoMonday().with(TemporalAdjusters.previousOrSame(weekStart));
    }

    /** Start (inclusive) of the week in the zone; DST days make a week 167 or 169 hours long. */
    public Instant start(ZoneId zone, DayOfWeek weekStart) {
        return firstDay(weekStart).atStartOfDay(zone).toInstant();
    }

    /** End (exclusive) of the week in the zone. */
    public Instant end(ZoneId zone, DayOfWeek weekStart) {
        return firstDay(weekStart).plusDays(7).atStartOfDay(zone).toInstant();
    }

    public IsoWeek previous() {
        return of(isoMonday().minusWeeks(1));
    }

    public IsoWeek next() {
        return of(isoMonday().plusWeeks(1));
    }

    @Override
    public int compareTo(IsoWeek other) {
        return isoMonday().compareTo(other.isoMonday());
    }

    @Override
    public String toString() {
        return String.format("%04d-W%02d", year, week);
    }
}
