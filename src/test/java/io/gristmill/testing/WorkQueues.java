package io.gristmill.testing;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The three jobs' work queues in local SQS (moto or LocalStack), as template.yaml declares them:
 * FIFO, de-duplication and throughput per message group, a dead-letter queue after
 * {@link #MAX_RECEIVES} receives; a visibility timeout of seconds instead of 15 minutes, so that a
 * failed run comes back within a test.
 */
public final class WorkQueues {
    public static final int MAX_RECEIVES = 3;
    public static final int VISIBILITY_SECONDS = 2;

    private WorkQueues() {
    }

    /** A new set of queues (unique names), as configuration: {@code gristmill.work.<job>-queue} → URL. */
    public static Map<String, String> create() {
        return create(VISIBILITY_SECONDS);
    }

    /** The same with another visibility timeout (the sandbox's runs take longer than a test's). */
    public static Map<String, String> create(int visibilitySeconds) {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> config = new LinkedHashMap<>();
        try (SqsClient sqs = LocalAws.get().sqs()) {
            for (String job : new String[] { "salesforce-poll", "front-reconcile", "recap-drafts" }) {
                String deadUrl = sqs.createQueue(b -> b.queueName(job + "-" + run + "-dead.fifo")
                        .attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true"))).queueUrl();
                String deadArn = sqs.getQueueAttributes(b -> b.queueUrl(deadUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                        .attributes().get(QueueAttributeName.QUEUE_ARN);
                String url = sqs.createQueue(b -> b.queueName(job + "-" + run + ".fifo").attributes(Map.of(
                        QueueAttributeName.FIFO_QUEUE, "true",
                        QueueAttributeName.DEDUPLICATION_SCOPE, "messageGroup",
                        QueueAttributeName.FIFO_THROUGHPUT_LIMIT, "perMessageGroupId",
                        QueueAttributeName.VISIBILITY_TIMEOUT, Integer.toString(visibilitySeconds),
                        QueueAttributeName.REDRIVE_POLICY, "{\"deadLetterTargetArn\":\"" + deadArn + "\",\"maxReceiveCount\":" + MAX_RECEIVES + "}")))
                        .queueUrl();
                config.put("gristmill.work." + job + "-queue", url);
                config.put("test.work." + job + "-dead-letters", deadUrl);
            }
        }
        return config;
    }
}
