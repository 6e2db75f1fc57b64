package io.gristmill.work;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/**
 * The order tenants are enqueued in: a new one every slot (tenants sorted by a hash of slot and
 * tenant), so that no tenant is always last when work backs up, and the same one for a repeated
 * dispatch of one slot.
 */
final class FairOrder {
    private FairOrder() {
    }

    static List<String> of(Collection<String> tenants, long slot) {
        return tenants.stream().distinct().sorted(Comparator.comparing((String tenant) -> hash(slot + "\0" + tenant)).thenComparing(t -> t)).toList();
    }

    /** 32 hex digits of the input's SHA-256. */
    static String hash(String input) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(input.getBytes(StandardCharsets.UTF_8)), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
