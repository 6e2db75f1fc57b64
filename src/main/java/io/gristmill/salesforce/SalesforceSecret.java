package io.gristmill.salesforce;

/** Field names of a tenant's Salesforce connection secret. */
public final class SalesforceSecret {
    public static final String PROVIDER = "salesforce";
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
