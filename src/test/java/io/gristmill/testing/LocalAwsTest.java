package io.gristmill.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    void moto_server_is_found_on_the_path() {
        String path = System.getenv("PATH");
        assertThat(LocalAws.findMoto(Map.of("PATH", path))).endsWith("moto_server");
    }
}
