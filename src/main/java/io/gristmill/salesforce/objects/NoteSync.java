package io.gristmill.salesforce.objects;

import static io.gristmill.salesforce.objects.Rows.pairs;
import static io.gristmill.salesforce.objects.Rows.str;

import java.util.List;
import java.util.Map;

import jakarta.inject.Singleton;

import io.gristmill.activity.Activity;

/**
 * Notes added. Title and Body are read only with the tenant's explicit opt-in, and then kept
 * clipped (withdrawing the opt-in removes what was stored: {@code NoteTextPurge}).
 */
@Singleton
public class NoteSync extends SalesforceObjectSync {
    public NoteSync() {
        super(SalesforceObject.modstamp("Note", "ParentId", "OwnerId", "IsPrivate"));
    }

    @Override
    public List<String> optInFields(boolean noteTextAllowed) {
        return noteTextAllowed ? List.of("Title", "Body") : List.of();
    }

    @Override
    public List<Activity> map(Map<String, Object> row, RowContext context) {
        String id = str(row, "Id");
        return List.of(new Rows.Fact("note.added", id, id, Rows.time(row, "CreatedDate"), pairs("noteId", id, "parentId",
                str(row, "ParentId")), Map.of(), pairs("private", str(row, "IsPrivate"), "title", Rows.clip(str(row, "Title"), 200),
                "text", Rows.clip(str(row, "Body"), 500))).creditedTo("OwnerId", row, context));
    }
}
