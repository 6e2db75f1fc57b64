package io.gristmill.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * Starts the packaged artifact the way Lambda does, with a wrong or missing
 * {@code QUARKUS_FUNQY_EXPORT}, and proves it stops at startup saying why.
 */
class FunctionExportIT {

    private record Run(int exitCode, String output) {
    }

    private static Run start(Map<String, String> env) throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty("runner-jar", "target/gristmill-0.1.0-SNAPSHOT-runner.jar"));
        assertThat(jar).as("the packaged runner jar").exists();
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("QUARKUS_FUNQY_EXPORT");
        builder.environment().putAll(env);
        // Never reach a real Lambda runtime API, even if one were configured in this shell.
        builder.environment().put("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:9");
        Path output = Files.createTempFile("function-export", ".log");
        Process process = builder.redirectOutput(output.toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the artifact did not stop within 60 s:\n" + Files.readString(output));
        }
        return new Run(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    }

    @Test
    void an_unknown_export_stops_startup_and_lists_the_valid_functions() throws Exception {
        Run run = start(Map.of("QUARKUS_FUNQY_EXPORT", "apii"));

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.output()).contains("gristmill.function").contains("apii").contains("allowed values:");
        for (FunctionName function : FunctionName.values()) {
            assertThat(run.output()).contains(function.exportName());
        }
    }

    @Test
    void a_missing_export_stops_startup_naming_the_setting() throws Exception {
        Run run = start(Map.of());

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.output()).contains("quarkus.funqy.export");
    }
}
