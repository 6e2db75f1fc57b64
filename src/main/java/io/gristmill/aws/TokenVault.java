package io.gristmill.aws;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.gristmill.config.GristmillConfig;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.CreateSecretRequest;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.InvalidParameterException;
import software.amazon.awssdk.services.secretsmanager.model.ResourceExistsException;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.model.Tag;

/**
 * Tenant connection secrets in AWS Secrets Manager: one JSON secret per tenant and provider,
 * named {@code <prefix>/<tenantId>/<provider>} and tagged with both.
 *
 * <p>Updates are optimistic: the new value is stored as a version without the {@code AWSCURRENT}
 * label, then the label is moved to it only if it still sits on the version the writer read.
 * Secrets Manager refuses that move otherwise, so a second writer holding a stale version fails
 * with {@link StaleSecretVersionException} instead of overwriting (which would lose a rotated
 * refresh token). Secret values never appear in log lines or exception messages.
 */
@ApplicationScoped
public class TokenVault {
    private static final Logger LOG = Logger.getLogger(TokenVault.class);
    /** Tenant ids and provider names; a leading '_' is reserved for the app's own secrets. */
    private static final Pattern NAME_PART = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    private static final String CURRENT = "AWSCURRENT";
    private static final String PENDING = "GRISTMILL_PENDING";
    private static final TypeReference<Map<String, String>> FIELDS = new TypeReference<>() {
    };

    private final SecretsManagerClient secrets;
    private final ObjectMapper json;
    private final GristmillConfig.Secrets config;

    public TokenVault(SecretsManagerClient secrets, ObjectMapper json, GristmillConfig config) {
        this.secrets = secrets;
        this.json = json;
        this.config = config.secrets();
    }

    public String secretName(String tenantId, String provider) {
        return config.prefix() + "/" + checked(tenantId, "tenantId") + "/" + checked(provider, "provider");
    }

    /**
     * The Gristmill app's own credentials for a provider (e.g. the Salesforce External Client
     * App's client id and secret), kept in {@code <prefix>/_app/<provider>} by the operator.
     */
    public Optional<VaultSecret> readAppSecret(String provider) {
        String name = config.prefix() + "/_app/" + checked(provider, "provider");
        try {
            GetSecretValueResponse value = secrets.getSecretValue(b -> b.secretId(name).versionStage(CURRENT));
            return Optional.of(new VaultSecret(deserialize(value.secretString(), name), value.versionId()));
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        }
    }

    public String appSecretName(String provider) {
        return config.prefix() + "/_app/" + checked(provider, "provider");
    }

    /** Creates the connection secret; fails if it exists. Returns it at its first version. */
    public VaultSecret create(String tenantId, String provider, Map<String, String> fields) {
        String name = secretName(tenantId, provider);
        CreateSecretRequest.Builder request = CreateSecretRequest.builder()
                .name(name)
                .clientRequestToken(UUID.randomUUID().toString())
                .secretString(serialize(fields))
                .description("Gristmill " + provider + " connection of tenant " + tenantId)
                .tags(Tag.builder().key("gristmill:tenant").value(tenantId).build(),
                        Tag.builder().key("gristmill:provider").value(provider).build());
        config.kmsKeyId().ifPresent(request::kmsKeyId);
        try {
            String version = secrets.createSecret(request.build()).versionId();
            LOG.infof("Created connection secret %s", name);
            return new VaultSecret(fields, version);
        } catch (ResourceExistsException e) {
            throw new SecretAlreadyExistsException(name);
        }
    }

    /** The current value, or empty when the tenant has no such connection secret. */
    public Optional<VaultSecret> read(String tenantId, String provider) {
        String name = secretName(tenantId, provider);
        try {
            GetSecretValueResponse value = secrets.getSecretValue(b -> b.secretId(name).versionStage(CURRENT));
            return Optional.of(new VaultSecret(deserialize(value.secretString(), name), value.versionId()));
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        }
    }

    /**
     * Replaces the value if the secret is still at {@code expected.versionId()}.
     *
     * @throws StaleSecretVersionException when another writer changed it in between
     */
    public VaultSecret update(String tenantId, String provider, VaultSecret expected, Map<String, String> fields) {
        String name = secretName(tenantId, provider);
        String newVersion = UUID.randomUUID().toString();
        try {
            secrets.putSecretValue(b -> b.secretId(name)
                    .clientRequestToken(newVersion)
                    .secretString(serialize(fields))
                    .versionStages(PENDING));
            secrets.updateSecretVersionStage(b -> b.secretId(name)
                    .versionStage(CURRENT)
                    .removeFromVersionId(expected.versionId())
                    .moveToVersionId(newVersion));
        } catch (InvalidParameterException labelNotOnExpectedVersion) {
            LOG.infof("Refused a stale update of secret %s (expected version %s)", name, expected.versionId());
            throw new StaleSecretVersionException(name, expected.versionId());
        }
        return new VaultSecret(fields, newVersion);
    }

    /**
     * Deletes the secret at once (no recovery window: a revoked token must not linger). Idempotent:
     * deleting a secret that is already gone succeeds, as Secrets Manager's forced delete does.
     */
    public void delete(String tenantId, String provider) {
        String name = secretName(tenantId, provider);
        try {
            secrets.deleteSecret(b -> b.secretId(name).forceDeleteWithoutRecovery(true));
        } catch (ResourceNotFoundException alreadyGone) {
            // the goal state is reached
        }
        LOG.infof("Deleted connection secret %s", name);
    }

    private String serialize(Map<String, String> fields) {
        try {
            return json.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            // Jackson's message could quote a value: say only which operation failed.
            throw new IllegalArgumentException("Secret fields cannot be written as JSON");
        }
    }

    private Map<String, String> deserialize(String value, String name) {
        try {
            return json.readValue(value, FIELDS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Secret " + name + " does not hold a JSON object of strings");
        }
    }

    private static String checked(String part, String what) {
        if (part == null || !NAME_PART.matcher(part).matches()) {
            throw new IllegalArgumentException(what + " must be 1-64 letters, digits, '_', '.' or '-', starting with a letter or digit");
        }
        return part;
    }
}
