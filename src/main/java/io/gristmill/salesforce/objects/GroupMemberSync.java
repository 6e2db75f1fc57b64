package io.gristmill.salesforce.objects;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.gristmill.activity.Activity;

/**
 * Public group memberships, read whole every poll (GroupMember has no IsDeleted: a removal only
 * shows as absence) and applied to the directory only when the whole snapshot was read.
 */
@ApplicationScoped
public class GroupMemberSync implements SalesforceObjectSync {
    private static final SalesforceObject DEFINITION = SalesforceObject.snapshot("GroupMember", "Id", "GroupId", "UserOrGroupId",
            "SystemModstamp");
    private static final String READ = "memberships read";

    private final SalesforceUsers users;

    public GroupMemberSync(SalesforceUsers users) {
        this.users = users;
    }

    @Override
    public SalesforceObject definition() {
        return DEFINITION;
    }

    @Override
    public int readOrder() {
        return DIRECTORY_FIRST + 3;
    }

    @Override
    public List<String> prerequisites(boolean groupsSelected) {
        return List.of();
    }

    @Override
    public List<Activity> map(Map<String, Object> row, RowContext context) {
        read(context).add(row);
        return List.of();
    }

    /** Applied once every group name of this poll is stored. */
    @Override
    public void pollRead(RowContext context) {
        users.applyMemberships(context.tenantId(), read(context));
    }

    private static List<Map<String, Object>> read(RowContext context) {
        return context.pollState(READ, ArrayList::new);
    }
}
