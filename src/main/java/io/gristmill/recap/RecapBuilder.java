package io.gristmill.recap;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

import jakarta.enterprise.context.ApplicationScoped;

import io.gristmill.access.Refusal;
import io.gristmill.activity.Activity;
import io.gristmill.activity.ActivityStore;
import io.gristmill.activity.ConversationDigests;
import io.gristmill.activity.Source;
import io.gristmill.activity.TooMuchActivityException;
import io.gristmill.connection.ConnectionStore;
import io.gristmill.directory.Employee;
import io.gristmill.salesforce.SalesforceSecret;
import io.gristmill.tenant.TenantSettings;
import io.gristmill.tenant.TenantSettingsStore;

/**
 * Builds recap content from stored activity: one timeline Query for the employee's period, the
 * digests of the Front conversations they worked on, then {@link RecapCalculator}.
 * Applies the request's options over the template's (the requested one, else the tenant default).
 */
@ApplicationScoped
public class RecapBuilder {
    private final ActivityStore activities;
    private final ConversationDigests digests;
    private final TenantSettingsStore settings;
    private final ConnectionStore connections;
    private final PromptTemplateStore templates;
    private final RecapNarrator narrator;
    private final RequestReader interpreter;
    private final RecapConfig config;
    private final Clock clock;

    public RecapBuilder(ActivityStore activities, ConversationDigests digests, TenantSettingsStore settings, ConnectionStore connections,
            PromptTemplateStore templates, RecapNarrator narrator, RequestReader interpreter, RecapConfig config, Clock clock) {
        this.interpreter = interpreter;
        this.activities = activities;
        this.digests = digests;
        this.settings = settings;
        this.connections = connections;
        this.templates = templates;
        this.narrator = narrator;
        this.config = config;
        this.clock = clock;
    }

    public TenantSettings settings(String tenantId) {
        return settings.get(tenantId).settings();
    }

    /** A new draft (version 0: the store numbers it) of one employee-week. */
    public Recap draft(String tenantId, Employee employee, IsoWeek week, RecapOptions options) {
        TenantSettings tenant = settings(tenantId);
        Instant from = week.start(tenant.zone(), tenant.weekStart());
        Instant to = week.end(tenant.zone(), tenant.weekStart());
        if (!from.isBefore(clock.instant())) {
            throw Refusal.invalid("Week " + week + " has not started yet in " + tenant.timeZone());
        }
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
        RecapContent content = calculate(tenantId, employee.employeeId(), from, to, tenant, inclusions, sections);
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
        return gathered(tenantId, activities.forEmployee(tenantId, employeeId, from, to));
    }

    /**
     * Like {@link #gather}, for long periods: refuses ({@link TooMuchActivityException}) a period
     * with more activity or conversations than a function can hold and read in its time.
     */
    public Gathered gatherBounded(String tenantId, String employeeId, Instant from, Instant to) {
        List<Activity> own = activities.forEmployee(tenantId, employeeId, from, to, config.maxReviewActivities());
        long conversations = own.stream().filter(a -> a.source() == Source.FRONT && RecapCalculator.handling(a))
                .map(RecapCalculator::conversation).filter(java.util.Objects::nonNull).distinct().count();
        if (conversations > config.maxReviewConversations()) {
            throw new TooMuchActivityException(config.maxReviewConversations());
        }
        return gathered(tenantId, own);
    }

    private Gathered gathered(String tenantId, List<Activity> own) {
        RecapLinks links = new RecapLinks(Optional.ofNullable(connections.get(tenantId, SalesforceSecret.PROVIDER).instanceUrl()),
                config.frontConversationUrl());
        return new Gathered(own, conversations(tenantId, own), links);
    }

    /** Content of a sub-period of what was gathered (a week of a quarter) without reading again. */
    public static RecapContent calculate(Gathered gathered, String employeeId, Instant from, Instant to, TenantSettings tenant,
            Set<Inclusion> inclusions, Set<SectionId> sections) {
        return RecapCalculator.calculate(new RecapCalculator.Input(employeeId, from, to, tenant.zone(), gathered.activities(),
                gathered.conversations(), inclusions, sections, gathered.links()));
    }

    private Optional<PromptTemplate> template(String tenantId, String employeeId, RecapOptions options, TenantSettings tenant) {
        if (options.templateId() == null) {
            return templates.tenantDefault(tenantId);
        }
        return Optional.of(templates.find(tenantId, employeeId, options.templateId())
                .or(() -> templates.find(tenantId, PromptTemplateStore.TENANT_OWNER, options.templateId()))
                .or(() -> BuiltInTemplates.find(options.templateId()).filter(t -> !tenant.recaps().hiddenTemplates().contains(t.templateId())))
                .orElseThrow(() -> Refusal.invalid(
                        "templateId '" + options.templateId() + "' names no template of yours, of your company or built in")));
    }

    /**
     * The history of each Front conversation the employee worked on, as far as recaps measure it:
     * their digests in one BatchGetItem (100 a call) once the tenant's are complete, else (and for
     * a conversation too big for a digest) the stored history, a few Queries at once.
     */
    private Map<String, List<Activity>> conversations(String tenantId, List<Activity> own) {
        Set<String> ids = new LinkedHashSet<>();
        own.stream().filter(a -> a.source() == Source.FRONT && RecapCalculator.handling(a))
                .map(RecapCalculator::conversation).filter(java.util.Objects::nonNull).forEach(ids::add);
        if (ids.isEmpty() || !digests.complete(tenantId)) {
            return histories(tenantId, ids);
        }
        ConversationDigests.Read read = digests.read(tenantId, ids);
        Map<String, Activity> ownById = new java.util.HashMap<>();
        own.forEach(a -> ownById.put(a.id(), a));
        Map<String, List<Activity>> conversations = new LinkedHashMap<>();
        // Who did an activity is read from the employee's own timeline: the digest does not keep it.
        read.histories().forEach((id, history) -> conversations.put(id, history.stream().map(a -> ownById.getOrDefault(a.id(), a)).toList()));
        conversations.putAll(histories(tenantId, read.overflowed()));
        return conversations;
    }

    private Map<String, List<Activity>> histories(String tenantId, Set<String> ids) {
        Map<String, List<Activity>> histories = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return histories;
        }
        Semaphore reads = new Semaphore(Math.max(1, config.parallelConversationReads()));
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            Map<String, Future<List<Activity>>> pending = new LinkedHashMap<>();
            for (String id : ids) {
                pending.put(id, executor.submit(() -> {
                    reads.acquire();
                    try {
                        return activities.forSourceRecord(tenantId, Source.FRONT, id);
                    } finally {
                        reads.release();
                    }
                }));
            }
            for (Map.Entry<String, Future<List<Activity>>> entry : pending.entrySet()) {
                histories.put(entry.getKey(), entry.getValue().get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading conversations", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        }
        return histories;
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
