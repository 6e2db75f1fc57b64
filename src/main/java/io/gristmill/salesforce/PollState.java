package io.gristmill.salesforce;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

import io.gristmill.activity.Activity;
import io.gristmill.directory.Employee;
import io.gristmill.salesforce.objects.Opportunities;
import io.gristmill.salesforce.objects.RowContext;
import io.gristmill.tenant.TenantSettings;

/**
 * One poll of one tenant as it goes: what was read, skipped, left behind and spent, and what the
 * objects' rows are read against (who is credited, the deals, the org's currency).
 */
final class PollState implements RowContext {
    final PollMeter meter = new PollMeter();
    final Map<String, String> skipped = new LinkedHashMap<>();
    /** Objects read to the end of their window in this poll. */
    final Set<String> completed = new HashSet<>();
    final Map<String, Instant> behind = new LinkedHashMap<>();
    /** Where this poll has moved objects' cursors to (absent: where the poll found them). */
    final Map<String, Instant> positions = new HashMap<>();
    /** The objects this poll planned to read, with their cursors as found (empty: it planned none). */
    List<ObjectPlan> plans = List.of();
    final Set<String> selected;
    final Set<String> groups;
    int rows;
    int created;
    int deleted;
    boolean budgetStop;
    boolean quotaRefused;

    private final String tenantId;
    private final Instant now;
    private final Instant deadline;
    private final Clock clock;
    private final double budgetShare;
    private final boolean overrideAdmin;
    private final Function<String, Optional<Employee>> findEmployee;
    private final Opportunities opportunities;
    private final Function<PollState, Optional<String>> readOrgCurrency;
    /** The token this poll reads with (a refreshed one replaces it). */
    AccessToken token;
    private final Map<String, Optional<Employee>> employees = new HashMap<>();
    private final Map<String, Object> objectStates = new HashMap<>();
    private final List<String> deletedInPage = new ArrayList<>();
    private Optional<String> orgCurrency;
    private boolean outOfTime;

    /** What a poll needs besides the tenant's settings: its clock and budget, and its look-ups. */
    record Setup(Clock clock, Instant deadline, double budgetShare, Function<String, Optional<Employee>> findEmployee,
            Opportunities opportunities, Function<PollState, Optional<String>> readOrgCurrency) {
    }

    PollState(String tenantId, TenantSettings settings, Setup setup) {
        this.tenantId = tenantId;
        this.clock = setup.clock();
        this.now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        this.deadline = setup.deadline();
        this.budgetShare = setup.budgetShare();
        this.selected = Set.copyOf(settings.salesforce().objects());
        this.groups = Set.copyOf(settings.employeeGroups());
        this.overrideAdmin = settings.directory().providersOverrideAdmin();
        this.findEmployee = setup.findEmployee();
        this.opportunities = setup.opportunities();
        this.readOrgCurrency = setup.readOrgCurrency();
    }

    /** Out of time or of API budget: the rest continues next cycle. */
    boolean stopped() {
        if (!outOfTime && clock.instant().isAfter(deadline)) {
            outOfTime = true;
        }
        return overBudget() || outOfTime;
    }

    /** Whether the deadline stopped it (the rest was left for another run). */
    boolean outOfTime() {
        return outOfTime;
    }

    boolean overBudget() {
        if (meter.usage().map(u -> u.share() >= budgetShare).orElse(false)) {
            budgetStop = true;
        }
        return budgetStop;
    }

    void skip(String object, String reason) {
        skipped.put(object, reason);
    }

    /** With employee groups selected, only their members' work is synced; unknown people's is kept unattributed. */
    boolean inSelectedGroups(Activity activity) {
        if (groups.isEmpty() || activity.employeeId().isEmpty()) {
            return true;
        }
        return Optional.ofNullable(activity.metadata().get("salesforceUserId")).map(employees::get).flatMap(e -> e)
                .map(employee -> employee.groups().stream().anyMatch(groups::contains))
                .orElse(true);
    }

    /** The records deleted by the rows of the page just mapped (and forgets them for the next page). */
    List<String> takeDeletedInPage() {
        List<String> taken = List.copyOf(deletedInPage);
        deletedInPage.clear();
        return taken;
    }

    @Override
    public String tenantId() {
        return tenantId;
    }

    @Override
    public Instant now() {
        return now;
    }

    @Override
    public Optional<String> employeeFor(String salesforceUserId, Instant at) {
        return employees.computeIfAbsent(salesforceUserId, findEmployee).filter(employee -> employee.creditedAt(at))
                .map(Employee::employeeId);
    }

    @Override
    public Opportunities opportunities() {
        return opportunities;
    }

    @Override
    public void readOrgCurrency() {
        if (orgCurrency == null) {
            orgCurrency = readOrgCurrency.apply(this);
        }
    }

    @Override
    public Optional<String> orgCurrency() {
        return orgCurrency == null ? Optional.empty() : orgCurrency;
    }

    @Override
    public boolean providersOverrideAdmin() {
        return overrideAdmin;
    }

    @Override
    public void deleteActivityOf(String recordId) {
        deleted++;
        deletedInPage.add(recordId);
    }

    @Override
    public void directoryChanged() {
        employees.clear();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T pollState(String key, Supplier<T> initial) {
        return (T) objectStates.computeIfAbsent(key, k -> initial.get());
    }
}
