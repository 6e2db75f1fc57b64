package io.gristmill.connect;

import static io.gristmill.aws.Table.EXPIRES_AT;
import static io.gristmill.aws.Table.n;
import static io.gristmill.aws.Table.s;
import static io.gristmill.aws.Table.str;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.gristmill.aws.Table;
import io.gristmill.config.GristmillConfig;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * Pending OAuth states ({@code OAUTH#state / STATE}) with a TTL. {@link #consume} deletes and
 * returns the state in one conditional call, so a state is used at most once even when the
 * completion is replayed concurrently, and never after it expired.
 */
@ApplicationScoped
public class OAuthStateStore {
    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    public OAuthStateStore(DynamoDbClient dynamo, GristmillConfig config, Clock clock) {
        this.dynamo = dynamo;
        this.table = config.table();
        this.clock = clock;
    }

    public void save(OAuthState state, Duration ttl) {
        Map<String, AttributeValue> item = new HashMap<>(Table.key(key(state.state()), "STATE"));
        item.put("type", s("oauth-state"));
        item.put("provider", s(state.provider()));
        item.put("tenantId", s(state.tenantId()));
        item.put("adminSubject", s(state.adminSubject()));
        if (state.codeVerifier() != null) { // Front's flow has no PKCE
            item.put("codeVerifier", s(state.codeVerifier()));
        }
        if (state.loginHost() != null) {
            item.put("loginHost", s(state.loginHost()));
        }
        item.put("createdAt", s(state.createdAt().toString()));
        item.put(EXPIRES_AT, n(state.createdAt().plus(ttl).getEpochSecond()));
        dynamo.putItem(b -> b.tableName(table).item(item)
                .conditionExpression("attribute_not_exists(#pk)")
                .expressionAttributeNames(Map.of("#pk", Table.PK)));
    }

    /** The pending state, removed so that it cannot be used again; empty if unknown, used or expired. */
    public Optional<OAuthState> consume(String state) {
        if (state == null || state.isBlank() || state.length() > 128) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        try {
            Map<String, AttributeValue> old = dynamo.deleteItem(b -> b.tableName(table)
                    .key(Table.key(key(state), "STATE"))
                    .conditionExpression("attribute_exists(#pk) AND #expires > :now")
                    .expressionAttributeNames(Map.of("#pk", Table.PK, "#expires", EXPIRES_AT))
                    .expressionAttributeValues(Map.of(":now", n(now.getEpochSecond())))
                    .returnValues(ReturnValue.ALL_OLD)).attributes();
            return Optional.of(new OAuthState(state, str(old, "provider"), str(old, "tenantId"), str(old, "adminSubject"),
                    str(old, "codeVerifier"), str(old, "loginHost"), Instant.parse(str(old, "createdAt"))));
        } catch (ConditionalCheckFailedException unknownUsedOrExpired) {
            return Optional.empty();
        }
    }

    private static String key(String state) {
        return "OAUTH#" + state;
    }
}
