package io.gristmill.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The {@code Sforce-Limit-Info} header and Salesforce's error text, as real orgs send them. */
class SalesforceLimitsAndErrorsTest {

    @Test
    void the_per_app_quota_counts_when_it_is_nearer_its_end_than_the_orgs() {
        ApiUsage usage = ApiUsage.parse("api-usage=25/15000; per-app-api-usage=17/250(appName=Gristmill)").orElseThrow();

        assertThat(usage.share()).isEqualTo(17.0 / 250);
        assertThat(usage.limiting()).isEqualTo("this app's");
        assertThat(usage.describe()).isEqualTo("API usage 25 of 15,000 today (this app: 17 of 250)");
    }

    @Test
    void without_a_per_app_part_the_orgs_usage_counts() {
        ApiUsage usage = ApiUsage.parse("api-usage=10018/100000").orElseThrow();

        assertThat(usage.share()).isEqualTo(0.10018);
        assertThat(usage.limiting()).isEqualTo("the org's");
        assertThat(usage.describe()).isEqualTo("API usage 10,018 of 100,000 today");
    }

    @Test
    void a_soql_error_keeps_only_its_reason_on_one_short_line() {
        SalesforceApiException error = new SalesforceApiException(400, "INVALID_FIELD", """

                SELECT Id,CallType FROM Task WHERE SystemModstamp >= 2026-11-29T00:00:00Z
                          ^
                ERROR at Row:1:Column:11
                No such column 'CallType' on entity 'Task'. If you are attempting to use a custom field, \
                be sure to append the '__c' after the custom field name. \
                Please reference your WSDL or the describe call for the appropriate names.""");

        assertThat(error.getMessage()).startsWith("INVALID_FIELD: No such column 'CallType' on entity 'Task'.")
                .doesNotContain("SELECT").doesNotContain("\n");
        assertThat(error.getMessage().length()).isLessThanOrEqualTo("INVALID_FIELD: ".length() + 120);
    }

    @Test
    void a_one_line_error_reads_as_salesforce_wrote_it() {
        assertThat(new SalesforceApiException(403, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.").getMessage())
                .isEqualTo("REQUEST_LIMIT_EXCEEDED: TotalRequests Limit exceeded.");
    }
}
