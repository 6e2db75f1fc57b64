package io.gristmill.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClaimsTest {

    @Test
    void reads_the_bracketed_form_api_gateway_gives_array_claims() {
        assertThat(Claims.list("[admin manager]")).containsExactlyInAnyOrder("admin", "manager");
    }

    @Test
    void reads_comma_separated_json_like_and_single_values() {
        assertThat(Claims.list("admin,manager")).containsExactlyInAnyOrder("admin", "manager");
        assertThat(Claims.list("[\"admin\", \"manager\"]")).containsExactlyInAnyOrder("admin", "manager");
        assertThat(Claims.list("admin")).containsExactly("admin");
    }

    @Test
    void absent_or_empty_claims_are_no_roles() {
        assertThat(Claims.list(null)).isEmpty();
        assertThat(Claims.list("[]")).isEmpty();
        assertThat(Claims.list("  ")).isEmpty();
    }
}
