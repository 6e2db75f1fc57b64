package io.gristmill.salesforce.objects;

import static io.gristmill.salesforce.objects.Rows.pairs;
import static io.gristmill.salesforce.objects.Rows.str;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Singleton;

import io.gristmill.activity.Activity;

/** Meetings held: events that have ended, dated by their start. Subject and Description are never read. */
@Singleton
public class EventSync extends SalesforceObjectSync {
    public EventSync() {
        super(SalesforceObject.modstamp("Event", "OwnerId", "WhoId", "WhatId", "StartDateTime",
                "EndDateTime", "DurationInMinutes", "IsAllDayEvent", "EventSubtype"));
    }

    @Override
    public List<Activity> map(Map<String, Object> row, RowContext context) {
        Instant end = Rows.time(row, "EndDateTime");
        // All-day events are out of office, conferences, holidays: not meetings held.
        if (end == null || end.isAfter(context.now()) || Rows.isTrue(row, "IsAllDayEvent")) {
            return List.of();
        }
        String id = str(row, "Id");
        return List.of(new Rows.Fact("event.meeting_held", id, id, Rows.time(row, "StartDateTime"),
                pairs("eventId", id, "whoId", str(row, "WhoId"), "whatId", str(row, "WhatId")),
                Rows.measure("durationMinutes", row.get("DurationInMinutes")), pairs("subtype", str(row, "EventSubtype")))
                .creditedTo("OwnerId", row, context));
    }
}
