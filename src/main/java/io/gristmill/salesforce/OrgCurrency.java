package io.gristmill.salesforce;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

/**
 * The org's default currency ({@code Organization.DefaultCurrencyIsoCode}), read once a day (kept
 * with the describes): a single-currency org's deals carry none. Empty when Salesforce does not
 * answer (amounts are then stored without a currency).
 */
@ApplicationScoped
class OrgCurrency {
    private static final Logger LOG = Logger.getLogger(OrgCurrency.class);

    private final DescribeCache describes;
    private final SalesforceReader reader;

    OrgCurrency(DescribeCache describes, SalesforceReader reader) {
        this.describes = describes;
        this.reader = reader;
    }

    Optional<String> read(PollState state) {
        try {
            return describes.fields(state.tenantId(), "Organization.DefaultCurrencyIsoCode", () -> {
                QueryPage page = reader.queryAll(state.token, "SELECT Id, DefaultCurrencyIsoCode FROM Organization", state.meter);
                List<String> code = page.records().stream().map(r -> r.get("DefaultCurrencyIsoCode")).filter(Objects::nonNull)
                        .map(Object::toString).filter(c -> c.matches("[A-Z]{3}")).limit(1).toList();
                return new DescribeCache.Described(code, Optional.empty());
            }).fields().stream().findFirst();
        } catch (SalesforceApiException | SalesforceUnavailableException unknown) {
            LOG.infof("Salesforce org currency of tenant %s not read: %s", state.tenantId(), unknown.getMessage());
            return Optional.empty();
        }
    }
}
