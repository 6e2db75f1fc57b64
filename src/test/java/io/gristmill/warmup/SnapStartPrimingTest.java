package io.gristmill.warmup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/** What SnapStart's snapshot may hold: priming exercises the clients and Jackson, and reads no data and no secret. */
@QuarkusTest
@TestProfile(SnapStartPrimingTest.Recorded.class)
class SnapStartPrimingTest {
    /** Every AWS request, by operation. */
    public static class Recorder implements ExecutionInterceptor {
        static final List<String> OPERATIONS = new CopyOnWriteArrayList<>();

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            OPERATIONS.add(context.request().getClass().getSimpleName());
        }
    }

    public static class Recorded implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.dynamodb.interceptors", Recorder.class.getName(),
                    "quarkus.secretsmanager.interceptors", Recorder.class.getName());
        }
    }

    @Inject
    SnapStartPriming priming;

    @Test
    void priming_makes_one_signed_read_of_a_key_that_never_exists_and_reads_no_secret() {
        Recorder.OPERATIONS.clear();

        assertThat(priming.prime()).as("what priming read").isEmpty();

        assertThat(Recorder.OPERATIONS).containsExactly("GetItemRequest");
    }
}
