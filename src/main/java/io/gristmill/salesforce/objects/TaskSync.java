package io.gristmill.salesforce.objects;

import static io.gristmill.salesforce.objects.Rows.pairs;
import static io.gristmill.salesforce.objects.Rows.str;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Singleton;

import io.gristmill.activity.Activity;

/**
 * Calls logged (with duration, direction and a picklist disposition), e-mails logged (that one was
 * sent, never what), and other tasks completed. Subject and Description are never read.
 */
@Singleton
public class TaskSync extends SalesforceObjectSync {
    public TaskSync() {
        super(SalesforceObject.modstamp("Task", "OwnerId", "WhoId", "WhatId", "AccountId",
                "Status", "IsClosed", "CompletedDateTime", "TaskSubtype", "CallType", "CallDurationInSeconds", "CallDisposition",
                "LastModifiedDate").withPicklistOnly("CallDisposition"));
    }

    @Override
    public List<Activity> map(Map<String, Object> row, RowContext context) {
        String id = str(row, "Id");
        String subtype = str(row, "TaskSubtype");
        Instant at = Optional.ofNullable(Rows.time(row, "CompletedDateTime")).orElse(Rows.time(row, "CreatedDate"));
        Map<String, String> refs = pairs("taskId", id, "whoId", str(row, "WhoId"), "whatId", str(row, "WhatId"),
                "accountId", str(row, "AccountId"));
        Rows.Fact fact;
        if ("Call".equals(subtype)) {
            fact = new Rows.Fact("task.call_logged", id, id, at, refs, Rows.measure("durationSeconds", row.get("CallDurationInSeconds")),
                    pairs("direction", str(row, "CallType"), "disposition", str(row, "CallDisposition")));
        } else if ("Email".equals(subtype) || "ListEmail".equals(subtype)) {
            fact = new Rows.Fact("task.email_logged", id, id, at, refs, Map.of(), pairs("subtype", subtype));
        } else if (Boolean.TRUE.equals(row.get("IsClosed"))) {
            Instant done = Optional.ofNullable(Rows.time(row, "CompletedDateTime")).orElse(Rows.time(row, "LastModifiedDate"));
            fact = new Rows.Fact("task.completed", id, id, done, refs, Map.of(), pairs("status", str(row, "Status")));
        } else {
            return List.of();
        }
        return List.of(fact.creditedTo("OwnerId", row, context));
    }
}
