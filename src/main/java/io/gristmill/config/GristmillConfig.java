package io.gristmill.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * Everything Gristmill itself reads from configuration (prefix {@code gristmill}). AWS endpoints
 * and regions are the Quarkus Amazon Services properties ({@code quarkus.dynamodb.*},
 * {@code quarkus.secretsmanager.*}); the README lists both.
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

    interface Secrets {
        /** Name prefix of every tenant secret: {@code <prefix>/<tenantId>/<provider>}. */
        @WithDefault("gristmill")
        String prefix();

        /** KMS key for new secrets; empty uses the account's default Secrets Manager key. */
        java.util.Optional<String> kmsKeyId();
    }

    interface Http {
        /** Largest request body the API accepts, in bytes after base64 decoding. */
        @WithDefault("262144")
        int maxBodyBytes();
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
