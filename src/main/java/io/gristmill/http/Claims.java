package io.gristmill.http;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/** Reads list-valued JWT claims as API Gateway passes them: {@code "[a b]"}, {@code "a,b"} or {@code "a"}. */
final class Claims {
    private Claims() {
    }

    static Set<String> list(String claim) {
        if (claim == null || claim.isBlank()) {
            return Set.of();
        }
        String trimmed = claim.trim();
        if (trimmed.startsWith("[") && trimmed.endsWith("]")) {
            trimmed = trimmed.substring(1, trimmed.length() - 1);
        }
        return Arrays.stream(trimmed.split("[\\s,]+"))
                .map(s -> s.replace("\"", "").trim())
                .filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }
}
