package io.gristmill.aws;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Reads every page of a Query with the next page's round trip under way while the caller maps the
 * page it has, so that a read of several pages costs about its round trips, not its round trips
 * plus the mapping. The same calls as the SDK's paginator, in the same order, one page ahead at most.
 */
public final class QueryPagesAhead {
    private QueryPagesAhead() {
    }

    public static <T> List<T> mapAll(DynamoDbClient dynamo, QueryRequest request, Function<Map<String, AttributeValue>, T> mapper) {
        List<T> result = new ArrayList<>();
        try (ExecutorService fetcher = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<QueryResponse> next = fetcher.submit(() -> dynamo.query(request));
            while (next != null) {
                QueryResponse page = await(next);
                Map<String, AttributeValue> last = page.lastEvaluatedKey();
                next = page.hasLastEvaluatedKey() && !last.isEmpty()
                        ? fetcher.submit(() -> dynamo.query(request.toBuilder().exclusiveStartKey(last).build()))
                        : null;
                for (Map<String, AttributeValue> item : page.items()) {
                    result.add(mapper.apply(item));
                }
            }
        }
        return result;
    }

    private static QueryResponse await(Future<QueryResponse> page) {
        try {
            return page.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading a Query's pages", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        }
    }
}
