package io.gristmill.http;

import java.util.Map;

import io.gristmill.access.Refusal;

/** The one table from a service's refusal to the status a caller is answered with. */
final class Refusals {
    private static final Map<Refusal.Kind, Integer> STATUS = Map.of(
            Refusal.Kind.INVALID, 400,
            Refusal.Kind.NOT_ALLOWED, 403,
            Refusal.Kind.NOT_FOUND, 404,
            Refusal.Kind.CONFLICT, 409,
            Refusal.Kind.TOO_MUCH, 422,
            Refusal.Kind.PROVIDER_FAILED, 502);

    private Refusals() {
    }

    static int status(Refusal refusal) {
        return STATUS.get(refusal.kind());
    }
}
