package io.gristmill.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.quarkus.funqy.runtime.FunctionInvoker;
import io.quarkus.funqy.runtime.FunctionRecorder;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class FunctionNameTest {

    @Test
    void every_packaged_funq_function_is_a_valid_export_and_vice_versa() {
        var registered = FunctionRecorder.registry.invokers().stream().map(FunctionInvoker::getName).collect(Collectors.toSet());
        var exportable = Arrays.stream(FunctionName.values()).map(FunctionName::exportName).collect(Collectors.toSet());

        assertThat(registered).isEqualTo(exportable);
    }
}
