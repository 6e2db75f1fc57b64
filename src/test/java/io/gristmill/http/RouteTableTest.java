package io.gristmill.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RouteTableTest {
    private static final RouteHandler OK = (request, caller) -> ApiResult.noContent();

    @Test
    void templates_bind_path_parameters_and_tolerate_a_trailing_slash() {
        RouteTable table = new RouteTable().add("GET", "/tenants/{tenantId}/employees/{employeeId}", OK);

        RouteTable.Match match = table.match("GET", "/tenants/acme/employees/emp-1/");

        assertThat(match.pathParameters()).containsEntry("tenantId", "acme").containsEntry("employeeId", "emp-1");
    }

    @Test
    void a_parameter_never_spans_segments() {
        RouteTable table = new RouteTable().add("GET", "/tenants/{tenantId}/settings", OK);

        assertThatThrownBy(() -> table.match("GET", "/tenants/a/b/settings"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(404));
    }

    @Test
    void a_known_path_with_another_method_is_a_405() {
        RouteTable table = new RouteTable().add("GET", "/x/{id}", OK).add("PUT", "/x/{id}", OK);

        assertThatThrownBy(() -> table.match("DELETE", "/x/1"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(405);
                    assertThat(e.getMessage()).contains("GET, PUT");
                });
    }

    @Test
    void registering_a_route_twice_is_a_programming_error() {
        RouteTable table = new RouteTable().add("GET", "/x", OK);

        assertThatThrownBy(() -> table.add("get", "/x", OK)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void broken_percent_encoding_is_a_400() {
        RouteTable table = new RouteTable().add("GET", "/x/{id}", OK);

        assertThatThrownBy(() -> table.match("GET", "/x/%zz"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400));
    }
}
