package io.gristmill.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * What Lambda's SQS event source mapping does, locally: receives a batch from a queue, hands it
 * to the worker as an SQS event (the shape AWS sends, FIFO attributes included), deletes the
 * messages the worker did not report in {@code batchItemFailures}, and leaves those to come back
 * after the visibility timeout (and, after the queue's max receives, to go to its dead-letter
 * queue). A worker that fails as a whole (an error instead of an answer) leaves the whole batch.
 */
public final class LocalEventSource implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SqsClient sqs = LocalAws.get().sqs();
    private final String queueUrl;
    private final String queueArn;

    public LocalEventSource(String queueUrl) {
        this.queueUrl = queueUrl;
        this.queueArn = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN)).attributes()
                .get(QueueAttributeName.QUEUE_ARN);
    }

    /** What one batch did: messages handed over, and the ids the worker reported failed. */
    public record Batch(List<Message> messages, Set<String> failed) {
    }

    /** One receive and one invocation; an empty batch when nothing was visible. */
    public Batch pollOnce(int batchSize, UnaryOperator<String> invokeWorker) {
        List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(batchSize).waitTimeSeconds(0)
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
        if (messages.isEmpty()) {
            return new Batch(List.of(), Set.of());
        }
        Set<String> failed = new HashSet<>();
        try {
            JsonNode answer = JSON.readTree(invokeWorker.apply(event(messages)));
            answer.path("batchItemFailures").forEach(f -> failed.add(f.path("itemIdentifier").asText()));
        } catch (RuntimeException | java.io.IOException workerFailed) {
            messages.forEach(m -> failed.add(m.messageId()));
        }
        for (Message message : messages) {
            if (!failed.contains(message.messageId())) {
                sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
            }
        }
        return new Batch(messages, failed);
    }

    /** Polls until the queue holds nothing (visible or in flight) or the time is up; returns every batch. */
    public List<Batch> drain(int batchSize, UnaryOperator<String> invokeWorker, Duration within) {
        List<Batch> batches = new ArrayList<>();
        Instant deadline = Instant.now().plus(within);
        while (Instant.now().isBefore(deadline)) {
            Batch batch = pollOnce(batchSize, invokeWorker);
            if (!batch.messages().isEmpty()) {
                batches.add(batch);
            } else if (depth(queueUrl) == 0) {
                return batches;
            } else {
                sleep(200);
            }
        }
        throw new IllegalStateException("The queue did not drain within " + within);
    }

    /** Messages in a queue, visible or in flight. */
    public int depth(String url) {
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    /**
     * The event Lambda sends for a batch, shaped like the FIFO example of the AWS Lambda developer
     * guide ("Using Lambda with Amazon SQS", sample event): {@code Records[]} of messageId,
     * receiptHandle, body, attributes (MessageGroupId, MessageDeduplicationId...), md5OfBody,
     * eventSource {@code aws:sqs}, eventSourceARN, awsRegion.
     */
    String event(List<Message> messages) {
        ObjectNode event = JSON.createObjectNode();
        ArrayNode records = event.putArray("Records");
        for (Message message : messages) {
            ObjectNode record = records.addObject();
            record.put("messageId", message.messageId());
            record.put("receiptHandle", message.receiptHandle());
            record.put("body", message.body());
            ObjectNode attributes = record.putObject("attributes");
            message.attributesAsStrings().forEach(attributes::put);
            record.putObject("messageAttributes");
            record.put("md5OfBody", message.md5OfBody());
            record.put("eventSource", "aws:sqs");
            record.put("eventSourceARN", queueArn);
            record.put("awsRegion", LocalAws.REGION);
        }
        return event.toString();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        sqs.close();
    }
}
