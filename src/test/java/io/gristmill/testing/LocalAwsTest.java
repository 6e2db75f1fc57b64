package io.gristmill.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

class LocalAwsTest {

    @Test
    void without_moto_the_run_stops_saying_what_to_install() {
        assertThatThrownBy(() -> LocalAws.findMoto(Map.of("PATH", "/nonexistent")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("pip install 'moto[server]'")
                .hasMessageContaining("-Dlocal-aws=localstack");
    }

    @Test
    void the_moto_started_here_has_its_sqs_scans_removed_so_benchmarks_measure_our_workers() throws Exception {
        var log = LocalAws.motoLog();
        assumeTrue(log.isPresent(), "LocalStack runs instead of moto");
        // sitecustomize.py prints before the server's own banner; wait for it briefly in case moto is still starting.
        String output = "";
        for (int i = 0; i < 50 && !output.contains("gristmill:"); i++) {
            output = java.nio.file.Files.readString(log.get());
            Thread.sleep(100);
        }
        assertThat(output).contains("gristmill: moto's SQS reads the clock directly and checks retention on the queue's field");
    }

    @Test
    void moto_server_is_found_on_the_path() {
        String path = System.getenv("PATH");
        assertThat(LocalAws.findMoto(Map.of("PATH", path))).endsWith("moto_server");
    }
}
