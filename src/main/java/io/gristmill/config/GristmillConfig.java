package io.gristmill.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * Everything Gristmill itself reads from configuration (prefix {@code gristmill}). AWS endpoints
 * and regions are the Quarkus Amazon Services properties ({@code quarkus.dynamodb.*},
 * {@code quarkus.secretsmanager.*}); docs/configuration.md lists both.
 */
@ConfigMapping(prefix = "gristmill")
public interface GristmillConfig {

    /**
     * The function this Lambda runs. Defaults to {@code quarkus.funqy.export} so that an unknown
     * or missing export fails at startup with the list of valid names instead of at first call.
     */
    @WithName("function")
    @WithDefault("${quarkus.funqy.export}")
    FunctionName function();

    /** The one DynamoDB table that holds every Gristmill record. */
    @WithDefault("gristmill")
    String table();

    Secrets secrets();

    Http http();

    Auth auth();

    Schedules schedules();

    Erasure erasure();

    Aws aws();

    /** How the AWS SDK retries DynamoDB and Secrets Manager calls (standard mode, bounded for Lambda). */
    interface Aws {
        /** Attempts per call, the first included. */
        @WithDefault("3")
        int maxAttempts();

        /** Base of the exponential, jittered wait after a failed attempt. */
        @WithDefault("PT0.1S")
        java.time.Duration baseDelay();

        /** Base of the wait after a throttled attempt (throttling needs longer to clear). */
        @WithDefault("PT0.5S")
        java.time.Duration throttlingBaseDelay();

        /** Longest wait between two attempts (the SDK's own default is 20 s). */
        @WithDefault("PT3S")
        java.time.Duration maxBackoff();
    }

    interface Erasure {
        /** Time one erasure request spends deleting (under the API's 30 s); a larger erasure continues on the next request. */
        @WithDefault("PT20S")
        java.time.Duration budget();
    }

    interface Schedules {
        /**
         * A scheduled function starts no tenant's job later than this after it began: with the
         * per-tenant deadline (4 min) a job started just before still ends within the 15 min
         * Lambda timeout. Tenants not reached are served by the next run.
         */
        @WithDefault("PT10M")
        java.time.Duration startWithin();
    }

    interface Secrets {
        /** Name prefix of every tenant secret: {@code <prefix>/<tenantId>/<provider>}. */
        @WithDefault("gristmill")
        String prefix();

        /** KMS key for new secrets; empty uses the account's default Secrets Manager key. */
        java.util.Optional<String> kmsKeyId();

        /** How long a secret read on a hot path (webhook signing secrets) is reused before it is read again. */
        @WithDefault("PT5M")
        java.time.Duration cacheMaxAge();

        /** After a rotation, an unverifiable signature re-reads a cached secret at most this often. */
        @WithDefault("PT30S")
        java.time.Duration cacheMinReread();
    }

    interface Http {
        /** Largest request body the API accepts, in bytes after base64 decoding. */
        @WithDefault("262144")
        int maxBodyBytes();

        /**
         * Largest body of a public route (Front's webhooks): a full Front event embeds message
         * bodies, and a large HTML e-mail must not be refused (Lambda takes up to 6 MB per request).
         */
        @WithDefault("5500000")
        int webhookMaxBodyBytes();
    }

    interface Auth {
        /** JWT claim that names the caller's tenant. */
        @WithDefault("tenant_id")
        String tenantClaim();

        /** JWT claim with the caller's roles (a JSON-ish list, space- or comma-separated). */
        @WithDefault("roles")
        String rolesClaim();

        /** JWT claim with the caller's employee id in the directory, when the caller is an employee. */
        @WithDefault("employee_id")
        String employeeClaim();
    }
}
