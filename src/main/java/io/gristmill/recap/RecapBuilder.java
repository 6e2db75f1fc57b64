package io.gristmill.recap;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.enterprise.context.ApplicationScoped;

import io.gristmill.access.Refusal;
import io.gristmill.activity.Activity;
import io.gristmill.activity.ActivityStore;
import io.gristmill.activity.TooMuchActivityException;
import io.gristmill.directory.Employee;
import io.gristmill.tenant.TenantSettings;

/**
 * Builds recap content from stored activity: one timeline Query for the employee's period, the
 * digests of the Front conversations they worked on, then {@link RecapCalculator}.
 * Applies the request's options over the template's (the requested one, else the tenant default).
 */
@ApplicationScoped
public class RecapBuilder {
    private final ActivityStore activities;
    private final ConversationHistories conversations;
    private final RecapLookups lookups;
    private final PromptTemplateStore templates;
    private final RecapNarrator narrator;
    private final RequestReader interpreter;
    private final RecapConfig config;
    private final Clock clock;

    public RecapBuilder(ActivityStore activities, ConversationHistories conversations, RecapLookups lookups, PromptTemplateStore templates,
            RecapNarrator narrator, RequestReader interpreter, RecapConfig config, Clock clock) {
        this.interpreter = interpreter;
        this.activities = activities;
        this.conversations = conversations;
        this.lookups = lookups;
        this.templates = templates;
        this.narrator = narrator;
        this.config = config;
        this.clock = clock;
    }

    public TenantSettings settings(String tenantId) {
        return lookups.settings(tenantId);
    }

    /** A new draft (version 0: the store numbers it) of one employee-week. */
    public Recap draft(String tenantId, Employee employee, IsoWeek week, RecapOptions options) {
        TenantSettings tenant = settings(tenantId);
        Instant from = week.start(tenant.zone(), tenant.weekStart());
        Instant to = week.end(tenant.zone(), tenant.weekStart());
        if (!from.isBefore(clock.instant())) {
            throw Refusal.invalid("Week " + week + " has not started yet in " + tenant.timeZone());
        }
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            // Activity is read while the template and the request are worked out: neither changes what is read.
            Future<Gathered> gathered = executor.submit(() -> gather(tenantId, employee.employeeId(), from, to));
            return draft(tenantId, employee, week, options, tenant, from, to, gathered);
        }
    }

    private Recap draft(String tenantId, Employee employee, IsoWeek week, RecapOptions options, TenantSettings tenant, Instant from, Instant to,
            Future<Gathered> gathered) {
        Optional<PromptTemplate> template = template(tenantId, employee.employeeId(), options, tenant);
        Interpretation interpreted = options.request() == null ? null : interpreter.interpret(options.request(), tenant.recaps().byModel());
        Set<Inclusion> inclusions = new LinkedHashSet<>(options.include());
        template.ifPresent(t -> inclusions.addAll(t.include()));
        Set<SectionId> sections = template.map(t -> Set.copyOf(t.sections())).orElse(Set.of());
        if (interpreted != null) {
            inclusions.addAll(interpreted.include());
            interpreted.exclude().forEach(inclusions::remove);
            sections = interpreted.sections().isEmpty() ? sections : Set.copyOf(interpreted.sections());
        }
        RecapContent content = calculate(result(gathered), employee.employeeId(), from, to, tenant, inclusions, sections);
        String length = interpreted != null && !"normal".equals(interpreted.length()) ? interpreted.length()
                : template.map(PromptTemplate::length).orElse(null);
        String instructions = joined(joined(template.map(PromptTemplate::instructions).orElse(null), options.instructions()),
                joined(interpreted == null ? null : interpreted.styleInstructions(), Interpretation.lengthInstruction(length)));
        Recap recap = new Recap(employee.employeeId(), employee.name(), week.toString(), from, to, tenant.timeZone(), 0, RecapStatus.DRAFT,
                clock.instant(), null, null, options, interpreted,
                template.map(t -> new Recap.AppliedTemplate(t.templateId(), t.name(), t.scope(), t.length())).orElse(null),
                List.copyOf(inclusions), instructions, null, content, null, null, null);
        return recap.withNarrative(narrator.narrate(tenantId, tenant, recap));
    }

    /** What recap content is computed from: the employee's activity in a period and the conversations they worked on. */
    public record Gathered(List<Activity> activities, Map<String, List<Activity>> conversations, RecapLinks links) {
    }

    /** Recap content of any period (a week, a quarter): what review context and the benchmark use. */
    public RecapContent calculate(String tenantId, String employeeId, Instant from, Instant to, TenantSettings tenant,
            Set<Inclusion> inclusions, Set<SectionId> sections) {
        return calculate(gather(tenantId, employeeId, from, to), employeeId, from, to, tenant, inclusions, sections);
    }

    public Gathered gather(String tenantId, String employeeId, Instant from, Instant to) {
        return gathered(tenantId, () -> activities.forEmployee(tenantId, employeeId, from, to));
    }

    /**
     * Like {@link #gather}, for long periods: refuses ({@link TooMuchActivityException}) a period
     * with more activity or conversations than a function can hold and read in its time.
     */
    public Gathered gatherBounded(String tenantId, String employeeId, Instant from, Instant to) {
        return gathered(tenantId, () -> {
            List<Activity> own = activities.forEmployee(tenantId, employeeId, from, to, config.maxReviewActivities());
            if (ConversationHistories.worked(own).size() > config.maxReviewConversations()) {
                throw new TooMuchActivityException(config.maxReviewConversations());
            }
            return own;
        });
    }

    /** The timeline and then the conversations, while the Salesforce connection (for links) is read beside them. */
    private Gathered gathered(String tenantId, Supplier<List<Activity>> timeline) {
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<RecapLinks> links = executor.submit(() -> new RecapLinks(lookups.salesforceInstance(tenantId), config.frontConversationUrl()));
            List<Activity> own = timeline.get();
            return new Gathered(own, conversations.of(tenantId, own), result(links));
        }
    }

    /** Content of a sub-period of what was gathered (a week of a quarter) without reading again. */
    public static RecapContent calculate(Gathered gathered, String employeeId, Instant from, Instant to, TenantSettings tenant,
            Set<Inclusion> inclusions, Set<SectionId> sections) {
        return RecapCalculator.calculate(new RecapCalculator.Input(employeeId, from, to, tenant.zone(), gathered.activities(),
                gathered.conversations(), inclusions, sections, gathered.links()));
    }

    private Optional<PromptTemplate> template(String tenantId, String employeeId, RecapOptions options, TenantSettings tenant) {
        if (options.templateId() == null) {
            return lookups.tenantDefault(tenantId);
        }
        return Optional.of(templates.find(tenantId, employeeId, options.templateId())
                .or(() -> templates.find(tenantId, PromptTemplateStore.TENANT_OWNER, options.templateId()))
                .or(() -> BuiltInTemplates.find(options.templateId()).filter(t -> !tenant.recaps().hiddenTemplates().contains(t.templateId())))
                .orElseThrow(() -> Refusal.invalid(
                        "templateId '" + options.templateId() + "' names no template of yours, of your company or built in")));
    }

    /** A result computed beside: its own exception, unwrapped. */
    static <T> T result(Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while building a recap", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        }
    }

    private static String joined(String first, String second) {
        List<String> parts = new ArrayList<>();
        if (first != null) {
            parts.add(first);
        }
        if (second != null) {
            parts.add(second);
        }
        return parts.isEmpty() ? null : String.join("\n", parts);
    }
}
