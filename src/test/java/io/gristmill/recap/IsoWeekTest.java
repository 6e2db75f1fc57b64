package io.gristmill.recap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

class IsoWeekTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void a_monday_week_is_the_iso_week_cut_in_the_tenant_zone() {
        IsoWeek week = IsoWeek.parse("2026-W40");

        assertThat(week.start(BERLIN, DayOfWeek.MONDAY)).isEqualTo(Instant.parse("2026-09-27T22:00:00Z"));
        assertThat(week.end(BERLIN, DayOfWeek.MONDAY)).isEqualTo(Instant.parse("2026-10-04T22:00:00Z"));
    }

    @Test
    void the_week_with_the_dst_change_is_an_hour_longer() {
        IsoWeek week = IsoWeek.parse("2026-W43");

        assertThat(Duration.between(week.start(BERLIN, DayOfWeek.MONDAY), week.end(BERLIN, DayOfWeek.MONDAY))).isEqualTo(Duration.ofHours(169));
    }

    @Test
    void a_sunday_start_begins_the_day_before_the_iso_monday_and_names_itself_consistently() {
        IsoWeek week = IsoWeek.parse("2026-W47");

        assertThat(week.firstDay(DayOfWeek.SUNDAY)).hasToString("2026-11-15");
        assertThat(IsoWeek.containing(Instant.parse("2026-11-15T12:00:00Z"), ZoneId.of("UTC"), DayOfWeek.SUNDAY)).isEqualTo(week);
        assertThat(IsoWeek.containing(Instant.parse("2026-11-15T12:00:00Z"), ZoneId.of("UTC"), DayOfWeek.MONDAY)).hasToString("2026-W46");
    }

    @Test
    void week_53_exists_only_in_long_years_and_crosses_the_year() {
        assertThat(IsoWeek.parse("2026-W53").isoMonday()).hasToString("2026-12-28");
        assertThat(IsoWeek.parse("2026-W53").next()).hasToString("2027-W01");
        assertThatThrownBy(() -> IsoWeek.parse("2027-W53")).hasMessageContaining("2027 has ISO weeks 1 to 52");
    }

    @Test
    void malformed_weeks_are_refused_with_the_expected_format() {
        for (String bad : new String[] {"2026-47", "2026-W7", "2026-W00", "26-W10", "2026-w10", "", "2026-W10x"}) {
            assertThatThrownBy(() -> IsoWeek.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> IsoWeek.parse("2026-47")).hasMessageContaining("2026-W47");
    }
}
