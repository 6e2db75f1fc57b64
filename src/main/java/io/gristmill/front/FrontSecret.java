package io.gristmill.front;

/**
 * Field names of a tenant's Front secret ({@code {prefix}/{tenantId}/front}) and of the Gristmill
 * Front app's secret ({@code {prefix}/_app/front}).
 */
public final class FrontSecret {
    /** The provider's name in connections, secrets and markers: the activity source's id. */
    public static final String PROVIDER = io.gristmill.activity.Source.FRONT.id();
    /** {@code api_token} (admin-supplied company API token) or {@code oauth}. */
    public static final String AUTH = "auth";
    public static final String ACCESS_TOKEN = "access_token";
    public static final String REFRESH_TOKEN = "refresh_token";
    /** OAuth only: epoch seconds when the access token expires. */
    public static final String EXPIRES_AT = "expires_at";
    /** The company's API secret, which signs rule webhooks. */
    public static final String API_SECRET = "api_secret";

    public static final String APP_CLIENT_ID = "client_id";
    public static final String APP_CLIENT_SECRET = "client_secret";
    public static final String APP_SECRET = "app_secret";

    public static final String AUTH_API_TOKEN = "api_token";
    public static final String AUTH_OAUTH = "oauth";

    private FrontSecret() {
    }
}
