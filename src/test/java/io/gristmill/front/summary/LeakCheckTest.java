package io.gristmill.front.summary;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What a summary may not carry out of a conversation. */
class LeakCheckTest {
    static final String SOURCE = """
            Hi team, this is Jana Kowalczyk from Brightwater Logistics. Since Tuesday our dispatchers cannot export the weekly
            report as CSV, the download just spins. Order BW-20931 is blocked until we can send it. You can reach me on
            +44 20 7946 0958 or jana.k@brightwater.example. Thanks, Jana""";

    @Test
    void a_neutral_description_passes() {
        assertThat(LeakCheck.problem("Report export failed; agent found a workaround and logged the defect.", SOURCE)).isEmpty();
        assertThat(LeakCheck.problem("CSV export of a report failed; agent shared a workaround.", SOURCE)).as("an acronym is no name").isEmpty();
    }

    @Test
    void six_copied_words_are_caught_whatever_their_case_and_punctuation() {
        assertThat(LeakCheck.problem("Dispatchers CANNOT export the weekly report, as CSV; fixed.", SOURCE)).contains("copied_words");
        assertThat(LeakCheck.problem("Dispatchers cannot export the weekly summary; fixed.", SOURCE)).as("five words in a row").isEmpty();
    }

    @Test
    void addresses_phone_numbers_long_numbers_and_names_are_caught() {
        assertThat(LeakCheck.problem("Export fixed; reply went to jana.k@brightwater.example.", SOURCE)).contains("email");
        assertThat(LeakCheck.problem("Export fixed; reply went to jana.k (at) brightwater (dot) example.", SOURCE)).contains("email");
        assertThat(LeakCheck.problem("Export fixed; agent called back on 020 7946 0958.", SOURCE)).contains("phone");
        assertThat(LeakCheck.problem("Export fixed for order BW-20931.", SOURCE)).contains("digits");
        assertThat(LeakCheck.problem("Export fixed for 20931.", SOURCE)).contains("digits");
        assertThat(LeakCheck.problem("Export fixed for Brightwater.", SOURCE)).contains("name");
        assertThat(LeakCheck.problem("jana asked about an export; fixed.", SOURCE)).as("a name in lower case").contains("name");
    }

    @Test
    void an_empty_or_overlong_summary_is_refused() {
        assertThat(LeakCheck.problem(" ", SOURCE)).contains("empty");
        assertThat(LeakCheck.problem("word ".repeat(60), SOURCE)).contains("too_long");
    }
}
