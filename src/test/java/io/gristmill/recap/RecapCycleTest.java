package io.gristmill.recap;

import static io.gristmill.testing.HttpApiEvent.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.gristmill.recap.narration.Narrators;
import io.gristmill.activity.ActivityStore;
import io.gristmill.activity.ConversationDigests;
import io.gristmill.connection.ConnectionStore;
import io.gristmill.directory.EmployeeDirectory;
import io.gristmill.recap.request.RequestInterpreter;
import io.gristmill.tenant.TenantSettings;
import io.gristmill.tenant.TenantSettingsStore;
import io.gristmill.testing.MutableClock;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The tenant's recap cycle, run by the weekly-drafts service on a clock the test moves: drafts are
 * written on the chosen day and hour, and published to the manager chain after the set time where
 * confirmation is not required; where it is, they wait, and the team view marks who is due a reminder.
 */
@QuarkusTest
class RecapCycleTest {
    /** Monday 01:00 in Berlin (CEST), right after the fixture week 2026-W40 ended. */
    private static final Instant MONDAY_1AM = Instant.parse("2026-10-04T23:00:00Z");

    @Inject
    RecapWorld.Factory worlds;
    @Inject
    ActivityStore activities;
    @Inject
    ConversationDigests digests;
    @Inject
    TenantSettingsStore settings;
    @Inject
    ConnectionStore connections;
    @Inject
    PromptTemplateStore templates;
    @Inject
    Narrators narrators;
    @Inject
    RequestInterpreter interpreter;
    @Inject
    RecapConfig config;
    @Inject
    EmployeeDirectory directory;
    @Inject
    RecapStore store;
    @Inject
    RecapAccess access;

    private RecapDrafts drafts(MutableClock clock) {
        ConversationHistories conversations = new ConversationHistories(activities, digests, config);
        RecapBuilder builder = new RecapBuilder(activities, conversations, new RecapLookups(settings, connections, templates, Duration.ZERO, clock),
                templates, narrators, interpreter, config, clock);
        return new RecapDrafts(connections, directory, store, new RecapService(store, builder, access, clock), builder, config, clock);
    }

    private void cycle(RecapWorld world, TenantSettings.Cycle cycle) {
        settings.put(world.tenant, new TenantSettings("Europe/Berlin", DayOfWeek.MONDAY, null, null, List.of(), null, null,
                new TenantSettings.Recaps(null, null, cycle)), "test");
    }

    @Test
    void drafts_wait_for_the_chosen_day_and_hour_and_are_published_after_the_set_time_without_confirmation() {
        RecapWorld world = worlds.create();
        cycle(world, new TenantSettings.Cycle(DayOfWeek.WEDNESDAY, 9, "not_required", 24, null));
        MutableClock clock = new MutableClock(MONDAY_1AM);
        RecapDrafts drafts = drafts(clock);

        RecapDrafts.DraftReport early = drafts.draftLastWeek(world.tenant);
        assertThat(early.week()).isEqualTo("2026-W40");
        assertThat(early.notDueUntil()).isEqualTo(Instant.parse("2026-10-07T07:00:00Z"));
        assertThat(store.versions(world.tenant, "emp-ada", RecapFixture.WEEK)).isEmpty();

        clock.advance(Duration.between(MONDAY_1AM, Instant.parse("2026-10-07T07:00:00Z")));
        assertThat(drafts.draftLastWeek(world.tenant).drafted()).isEqualTo(5);
        JsonNode team = request("GET", "/teams/emp-mia/recaps/2026-W40").claims(world.as("emp-mia")).send().body();
        assertThat(team.at("/pending/0/publishesAt").asText()).isEqualTo("2026-10-08T07:00:00Z");
        assertThat(request("GET", "/recaps/emp-ada/2026-W40").claims(world.as("emp-mia")).send().status()).isEqualTo(404);

        clock.advance(Duration.ofHours(23));
        assertThat(drafts.draftLastWeek(world.tenant).published()).isZero();
        clock.advance(Duration.ofHours(1));
        assertThat(drafts.draftLastWeek(world.tenant).published()).isEqualTo(5);

        JsonNode published = request("GET", "/recaps/emp-ada/2026-W40").claims(world.as("emp-mia")).send().body();
        assertThat(published.get("status").asText()).isEqualTo("confirmed");
        assertThat(published.get("confirmedBy").asText()).isEqualTo("schedule");
        assertThat(published.get("managerId").asText()).isEqualTo("emp-mia");
    }

    @Test
    void where_confirmation_is_required_drafts_wait_and_the_team_view_marks_reminders() {
        RecapWorld world = worlds.create();
        cycle(world, null);
        MutableClock clock = new MutableClock(MONDAY_1AM);
        RecapDrafts drafts = drafts(clock);

        assertThat(drafts.draftLastWeek(world.tenant).drafted()).as("by default, as soon as the week ends").isEqualTo(5);
        clock.advance(Duration.ofDays(3));
        assertThat(drafts.draftLastWeek(world.tenant).published()).isZero();
        request("POST", "/recaps/emp-bob/2026-W40/confirm").claims(world.as("emp-bob")).jsonBody(java.util.Map.of()).send();

        JsonNode team = request("GET", "/teams/emp-mia/recaps/2026-W40").claims(world.as("emp-mia")).send().body();
        assertThat(team.at("/summary/confirmed").asInt()).isEqualTo(1);
        assertThat(team.at("/pending/0/employeeId").asText()).isEqualTo("emp-ada");
        assertThat(team.at("/pending/0/remind").asBoolean()).isTrue();
        assertThat(team.at("/pending/0/waitingSince").asText()).isEqualTo("2026-10-04T23:00:00Z");
        assertThat(request("GET", "/teams/emp-mia/recaps/2026-W40?format=markdown").claims(world.as("emp-mia")).send().bodyText())
                .contains("waiting for confirmation since 2026-10-04T23:00:00Z (reminder due)");
        assertThat(request("GET", "/recaps/emp-bob/2026-W40").claims(world.as("emp-mia")).send().body().get("confirmedBy").asText())
                .isEqualTo("employee");
    }
}
