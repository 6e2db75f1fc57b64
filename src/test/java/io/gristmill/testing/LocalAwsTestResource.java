package io.gristmill.testing;

import io.quarkus.test.common.QuarkusTestResource;

/** Registers {@link LocalAwsResource} for every {@code @QuarkusTest} in this module. */
@QuarkusTestResource(LocalAwsResource.class)
public class LocalAwsTestResource {
}
