package io.gristmill.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.quarkus.test.junit.QuarkusTest;

/** {@code META-INF/openapi.yaml} documents exactly the routes the functions register, with their methods. */
@QuarkusTest
class OpenApiRoutesTest {
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");

    @Inject
    Instance<Routes> features;

    @Test
    void the_openapi_document_lists_every_route_and_nothing_else() throws IOException {
        List<String> registered = new ArrayList<>();
        for (Routes routes : features) {
            RouteTable table = new RouteTable();
            routes.register(table);
            // Test-only routes (EchoRoutes) are not part of the API.
            table.describe().stream().filter(route -> !route.contains(" /test/")).forEach(registered::add);
        }
        List<String> documented = new ArrayList<>();
        try (InputStream in = getClass().getResourceAsStream("/META-INF/openapi.yaml")) {
            JsonNode paths = new ObjectMapper(new YAMLFactory()).readTree(in).get("paths");
            paths.fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method -> {
                if (METHODS.contains(method)) {
                    documented.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey());
                }
            }));
        }

        assertThat(documented).containsExactlyInAnyOrderElementsOf(registered);
    }
}
