package io.gristmill.aws;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import io.gristmill.config.GristmillConfig;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClientBuilder;

/**
 * The DynamoDB and Secrets Manager clients, as the Quarkus extension builds them (endpoints,
 * timeouts), with the SDK's standard retries bounded for Lambda: the SDK's own default waits up
 * to 20 s between throttled attempts, longer than a webhook function lives; a call that fails
 * after a few short tries is better answered 503 (Front delivers again) or left to the next
 * scheduled run, which resumes from its cursors.
 */
@ApplicationScoped
public class AwsClients {

    @Produces
    @ApplicationScoped
    public DynamoDbClient dynamo(DynamoDbClientBuilder builder, GristmillConfig config) {
        builder.overrideConfiguration(bounded(builder.overrideConfiguration(), config.aws()));
        return builder.build();
    }

    @Produces
    @ApplicationScoped
    public SecretsManagerClient secrets(SecretsManagerClientBuilder builder, GristmillConfig config) {
        builder.overrideConfiguration(bounded(builder.overrideConfiguration(), config.aws()));
        return builder.build();
    }

    static ClientOverrideConfiguration bounded(ClientOverrideConfiguration configured, GristmillConfig.Aws retry) {
        return configured.toBuilder()
                .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                        .maxAttempts(retry.maxAttempts())
                        // No retry quota: it is shared by every call of a warm function, so one tenant's
                        // throttled minute would stop retries for all the others; each caller is
                        // bounded by its own attempts and deadline instead.
                        .circuitBreakerEnabled(false)
                        .backoffStrategy(BackoffStrategy.exponentialDelay(retry.baseDelay(), retry.maxBackoff()))
                        .throttlingBackoffStrategy(BackoffStrategy.exponentialDelay(retry.throttlingBaseDelay(), retry.maxBackoff()))
                        .build())
                .build();
    }
}
