package io.gristmill.aws;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The fields of one tenant connection secret (tokens, instance URL, ...) at one version.
 * {@link #toString()} never shows a value: tokens must not reach logs through string conversion.
 *
 * @param fields    the secret's JSON object, string values only
 * @param versionId the Secrets Manager version these fields were read at; pass it to
 *                  {@link TokenVault#update} so that a concurrent change is detected
 */
public record VaultSecret(Map<String, String> fields, String versionId) {

    public VaultSecret {
        fields = Map.copyOf(Objects.requireNonNull(fields, "fields"));
    }

    public String field(String name) {
        return fields.get(name);
    }

    @Override
    public String toString() {
        Map<String, String> redacted = new TreeMap<>();
        fields.keySet().forEach(name -> redacted.put(name, "***"));
        return "VaultSecret[fields=" + redacted + ", versionId=" + versionId + "]";
    }
}
