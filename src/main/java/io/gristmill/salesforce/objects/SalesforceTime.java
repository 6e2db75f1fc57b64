package io.gristmill.salesforce.objects;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoUnit;

/** Salesforce's timestamp forms: {@code 2026-11-20T10:00:00.000+0000} in records, {@code ...Z} in SOQL. */
public final class SalesforceTime {
    private static final DateTimeFormatter RECORD = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd'T'HH:mm:ss[.SSS]")
            .appendPattern("[XXX][XX][X]")
            .toFormatter();
    private static final DateTimeFormatter SOQL = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter WRITE = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSxx").withZone(ZoneOffset.UTC);

    private SalesforceTime() {
    }

    public static Instant parse(Object value) {
        if (value == null) {
            return null;
        }
        return OffsetDateTime.parse(value.toString(), RECORD).toInstant();
    }

    /** A date field (CloseDate, ConvertedDate) as noon UTC of that day. */
    public static Instant parseDate(Object value) {
        return value == null ? null : LocalDate.parse(value.toString()).atTime(12, 0).toInstant(ZoneOffset.UTC);
    }

    /** SOQL dateTime literals have whole seconds: floor, so a window never skips a row. */
    public static String soql(Instant instant) {
        return SOQL.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    /** The form Salesforce writes in records (used by the simulated org). */
    public static String record(Instant instant) {
        return WRITE.format(instant);
    }
}
