package io.gristmill.recap;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.gristmill.access.Caller;
import io.gristmill.connection.ConnectionStore;
import io.gristmill.tenant.SettingsChange;
import io.gristmill.tenant.TenantSettings;
import io.gristmill.tenant.TenantSettingsStore;
import io.gristmill.testing.Ids;
import io.gristmill.testing.MutableClock;
import io.quarkus.test.junit.QuarkusTest;

/** What a recap build keeps between builds in one function instance, and when it reads afresh. */
@QuarkusTest
class RecapLookupsTest {
    private static final Duration MAX_AGE = Duration.ofSeconds(30);

    @Inject
    TenantSettingsStore settingsStore;
    @Inject
    ConnectionStore connections;
    @Inject
    PromptTemplateStore templateStore;
    @Inject
    RecapStore recaps;
    @Inject
    Instance<SettingsChange> reactions;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-30T09:00:00Z"));

    private RecapLookups lookups() {
        return new RecapLookups(settingsStore, connections, templateStore, MAX_AGE, clock);
    }

    private void zone(String tenant, String zone) {
        settingsStore.put(tenant, new TenantSettings(zone, DayOfWeek.MONDAY, null, null, List.of()), "test");
    }

    @Test
    void settings_saved_through_another_instance_reach_recaps_once_the_kept_ones_are_max_age_old() {
        String tenant = Ids.tenant();
        RecapLookups lookups = lookups();
        zone(tenant, "Europe/Berlin");
        assertThat(lookups.settings(tenant).timeZone()).isEqualTo("Europe/Berlin");

        zone(tenant, "Asia/Tokyo");
        clock.advance(MAX_AGE.minusSeconds(1));
        assertThat(lookups.settings(tenant).timeZone()).as("kept: no read within max age").isEqualTo("Europe/Berlin");
        clock.advance(Duration.ofSeconds(1));
        assertThat(lookups.settings(tenant).timeZone()).isEqualTo("Asia/Tokyo");
    }

    @Test
    void settings_saved_through_this_instance_reach_the_next_recap_at_once() {
        String tenant = Ids.tenant();
        RecapLookups lookups = lookups();
        zone(tenant, "Europe/Berlin");
        TenantSettings before = lookups.settings(tenant);
        zone(tenant, "Asia/Tokyo");

        lookups.changed(tenant, before, settingsStore.get(tenant).settings());

        assertThat(lookups.settings(tenant).timeZone()).isEqualTo("Asia/Tokyo");
        assertThat(reactions.stream().anyMatch(RecapLookups.class::isInstance))
                .as("the settings route tells recap look-ups of every saved change").isTrue();
    }

    @Test
    void a_tenant_default_template_saved_through_this_instance_applies_to_the_next_recap_at_once() {
        String tenant = Ids.tenant();
        RecapLookups lookups = lookups();
        PromptTemplates templates = new PromptTemplates(templateStore, recaps, settingsStore, lookups, clock);
        assertThat(lookups.tenantDefault(tenant)).isEmpty();

        PromptTemplate saved = templates.create(new Caller("auth0|admin", tenant, Set.of(Caller.ADMIN), Optional.empty()),
                new PromptTemplateInput("Team default", PromptTemplate.TENANT, null, null, "Short.", true, null, null));

        assertThat(lookups.tenantDefault(tenant)).map(PromptTemplate::templateId).contains(saved.templateId());
        templates.delete(new Caller("auth0|admin", tenant, Set.of(Caller.ADMIN), Optional.empty()), saved.templateId());
        assertThat(lookups.tenantDefault(tenant)).isEmpty();
    }
}
