package io.gristmill.recap;

import static io.gristmill.testing.HttpApiEvent.caller;

import java.time.DayOfWeek;
import java.util.List;
import java.util.Map;

import io.gristmill.activity.ActivityStore;
import io.gristmill.connection.ConnectionStore;
import io.gristmill.directory.EmployeeDirectory;
import io.gristmill.directory.EmployeeInput;
import io.gristmill.directory.Identities;
import io.gristmill.salesforce.SalesforceSecret;
import io.gristmill.tenant.TenantSettings;
import io.gristmill.tenant.TenantSettingsStore;
import io.gristmill.testing.Ids;

/**
 * A small company for recap tests, in Europe/Berlin: Vic runs sales; Mia reports to Vic and
 * manages Ada and Bob; Eve reports to Vic. Ada's fixture week 2026-W40 is stored, and Salesforce is
 * connected (for record links).
 */
final class RecapWorld {
    final String tenant = Ids.tenant();

    /** Builds a fresh company (its own tenant) per test. */
    @jakarta.enterprise.context.ApplicationScoped
    static class Factory {
        @jakarta.inject.Inject
        EmployeeDirectory directory;
        @jakarta.inject.Inject
        ActivityStore activities;
        @jakarta.inject.Inject
        TenantSettingsStore settings;
        @jakarta.inject.Inject
        ConnectionStore connections;

        RecapWorld create() {
            return new RecapWorld(directory, activities, settings, connections);
        }
    }

    RecapWorld(EmployeeDirectory directory, ActivityStore activities, TenantSettingsStore settings, ConnectionStore connections) {
        settings.put(tenant, new TenantSettings("Europe/Berlin", DayOfWeek.MONDAY, null, null, List.of()), "test");
        person(directory, "emp-vic", "Vic Boss", null);
        person(directory, "emp-mia", "Mia Lead", "emp-vic");
        person(directory, "emp-ada", "Ada Lovelace", "emp-mia");
        person(directory, "emp-bob", "Bob Byte", "emp-mia");
        person(directory, "emp-eve", "Eve Other", "emp-vic");
        activities.recordAll(RecapFixture.activities(tenant));
        connections.connected(tenant, SalesforceSecret.PROVIDER, "00DA0000000ORGAAA", "005A000000000ADM", "https://acme.my.salesforce.com",
                "login.salesforce.com", "emp-admin");
    }

    private void person(EmployeeDirectory directory, String id, String name, String manager) {
        directory.put(tenant, id, new EmployeeInput(name, id.substring(4) + "@acme.test", manager, null, List.of("sales"),
                Identities.NONE, true, null), 0);
    }

    Map<String, String> as(String employeeId) {
        return caller(tenant, "employee", employeeId);
    }

    Map<String, String> admin() {
        return io.gristmill.testing.HttpApiEvent.admin(tenant);
    }
}
