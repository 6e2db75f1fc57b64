package io.gristmill.salesforce.objects;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import io.gristmill.tenant.SalesforceObjectNames;
import io.gristmill.tenant.SettingsCheck;
import io.gristmill.tenant.TenantSettings;

/**
 * Every Salesforce object Gristmill reads: each {@link SalesforceObjectSync} CDI finds, in reading
 * order (then by name). Settings that leave the object list out mean all of these; settings naming
 * another object are refused.
 */
@ApplicationScoped
public class SalesforceObjects implements SalesforceObjectNames, SettingsCheck {
    private final Map<String, SalesforceObjectSync> byName = new LinkedHashMap<>();

    public SalesforceObjects(Instance<SalesforceObjectSync> objects) {
        objects.stream().sorted(Comparator.comparingInt(SalesforceObjectSync::readOrder).thenComparing(SalesforceObjectSync::name))
                .forEach(object -> byName.put(object.name(), object));
    }

    public Optional<SalesforceObjectSync> named(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    @Override
    public List<String> supported() {
        return List.copyOf(byName.keySet());
    }

    @Override
    public Optional<String> problem(String tenantId, TenantSettings settings) {
        List<String> chosen = settings.salesforce().objects();
        return chosen == null ? Optional.empty() : chosen.stream().filter(name -> !byName.containsKey(name)).findFirst()
                .map(unknown -> "salesforce.objects: '" + unknown + "' is not supported; supported: " + String.join(", ", supported()));
    }
}
