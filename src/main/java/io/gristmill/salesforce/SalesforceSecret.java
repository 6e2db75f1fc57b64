package io.gristmill.salesforce;

/** Field names of a tenant's Salesforce connection secret. */
public final class SalesforceSecret {
    /** The provider's name in connections, secrets and markers: the activity source's id. */
    public static final String PROVIDER = io.gristmill.activity.Source.SALESFORCE.id();
    public static final String ACCESS_TOKEN = "access_token";
    public static final String REFRESH_TOKEN = "refresh_token";
    public static final String INSTANCE_URL = "instance_url";
    public static final String ORG_ID = "org_id";
    public static final String USER_ID = "user_id";
    public static final String ISSUED_AT = "issued_at";
    public static final String LOGIN_HOST = "login_host";

    private SalesforceSecret() {
    }
}
