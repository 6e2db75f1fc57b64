package io.gristmill.model;

import java.time.Duration;
import java.util.Optional;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClientBuilder;
import software.amazon.awssdk.services.bedrockruntime.model.AccessDeniedException;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.ModelTimeoutException;
import software.amazon.awssdk.services.bedrockruntime.model.SpecificToolChoice;
import software.amazon.awssdk.services.bedrockruntime.model.SystemContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ThrottlingException;
import software.amazon.awssdk.services.bedrockruntime.model.Tool;
import software.amazon.awssdk.services.bedrockruntime.model.ToolChoice;
import software.amazon.awssdk.services.bedrockruntime.model.ToolInputSchema;
import software.amazon.awssdk.services.bedrockruntime.model.ToolSpecification;
import software.amazon.awssdk.services.bedrockruntime.model.ValidationException;

/**
 * Asks a Bedrock model for one structured answer: the Converse API with a single tool the model
 * is made to call, so the answer is JSON in the tool's schema rather than free text. Bounded: each
 * call has a timeout covering the SDK's few throttling retries, and every failure becomes a
 * {@link ModelUnavailableException} with a reason, never an error for the caller.
 */
@ApplicationScoped
public class ModelClient {
    private final BedrockConfig config;
    private volatile BedrockRuntimeClient client;

    public ModelClient(BedrockConfig config) {
        this.config = config;
    }

    /** A tool the model must answer through: its name, what it is for, and its input's JSON schema. */
    public record ToolSpec(String name, String description, JsonNode schema) {
    }

    /** The tool input the model wrote, and what it cost. */
    public record Answer(JsonNode input, int inputTokens, int outputTokens) {
    }

    public Answer callTool(String modelId, String system, String message, ToolSpec tool, int maxTokens, Duration timeout) {
        try {
            ConverseResponse response = client().converse(r -> r.modelId(modelId)
                    .system(SystemContentBlock.fromText(system))
                    .messages(Message.builder().role(ConversationRole.USER).content(ContentBlock.fromText(message)).build())
                    .inferenceConfig(i -> i.maxTokens(maxTokens).temperature(0.2f))
                    .toolConfig(t -> t.tools(Tool.fromToolSpec(ToolSpecification.builder().name(tool.name()).description(tool.description())
                            .inputSchema(ToolInputSchema.fromJson(Documents.of(tool.schema()))).build()))
                            .toolChoice(ToolChoice.fromTool(SpecificToolChoice.builder().name(tool.name()).build())))
                    .overrideConfiguration(o -> o.apiCallTimeout(timeout)));
            int in = response.usage() == null ? 0 : response.usage().inputTokens();
            int out = response.usage() == null ? 0 : response.usage().outputTokens();
            Optional<JsonNode> input = response.output().message().content().stream()
                    .filter(c -> c.toolUse() != null && tool.name().equals(c.toolUse().name()))
                    .map(c -> Documents.json(c.toolUse().input())).findFirst();
            return new Answer(input.orElseThrow(() -> new ModelUnavailableException("no_tool_answer",
                    "The model answered without calling " + tool.name() + " (stop reason " + response.stopReasonAsString() + ")", null)),
                    in, out);
        } catch (ThrottlingException e) {
            throw new ModelUnavailableException("throttled", "Bedrock throttled the call", e);
        } catch (ModelTimeoutException | ApiCallTimeoutException | ApiCallAttemptTimeoutException e) {
            throw new ModelUnavailableException("timeout", "The model did not answer within " + timeout.toMillis() + " ms", e);
        } catch (ValidationException | AccessDeniedException e) {
            throw new ModelUnavailableException("refused", "Bedrock refused the call: " + e.awsErrorDetails().errorMessage(), e);
        } catch (SdkException e) {
            throw new ModelUnavailableException("unavailable", "Bedrock could not be reached: " + e.getMessage(), e);
        }
    }

    private BedrockRuntimeClient client() {
        BedrockRuntimeClient current = client;
        if (current == null) {
            synchronized (this) {
                if (client == null) {
                    client = build();
                }
                current = client;
            }
        }
        return current;
    }

    private BedrockRuntimeClient build() {
        BedrockRuntimeClientBuilder builder = BedrockRuntimeClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder().connectionTimeout(config.connectTimeout()))
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .overrideConfiguration(o -> o.retryStrategy(b -> b.maxAttempts(config.attempts())));
        config.region().map(Region::of).ifPresent(builder::region);
        config.endpointOverride().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    @PreDestroy
    void close() {
        if (client != null) {
            client.close();
        }
    }
}
