package io.gristmill.salesforce.objects;

import jakarta.inject.Singleton;

/**
 * Public group memberships, read whole every poll (GroupMember has no IsDeleted: a removal only
 * shows as absence) and applied to the directory only when the whole snapshot was read.
 */
@Singleton
public class GroupMemberSync extends GatheringSync {
    private final SalesforceUsers users;

    public GroupMemberSync(SalesforceUsers users) {
        super(SalesforceObject.snapshot("GroupMember", "Id", "GroupId", "UserOrGroupId",
                "SystemModstamp"), 3);
        this.users = users;
    }

    /** Applied once every group name of this poll is stored. */
    @Override
    public void pollRead(RowContext context) {
        users.applyMemberships(context.tenantId(), gathered(context));
    }
}
