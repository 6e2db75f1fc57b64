package io.gristmill.recap;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.gristmill.access.Refusal;
import io.gristmill.access.Caller;

/**
 * Who may do what with prompt templates. An employee sees their own and the tenant's; only admins
 * change tenant templates; another employee's template does not exist for the caller (404).
 */
@ApplicationScoped
public class PromptTemplates {
    private static final Logger LOG = Logger.getLogger(PromptTemplates.class);
    static final int MAX_PER_OWNER = 50;

    private final PromptTemplateStore store;
    private final RecapStore recaps;
    private final io.gristmill.tenant.TenantSettingsStore settings;
    private final RecapLookups lookups;
    private final Clock clock;

    public PromptTemplates(PromptTemplateStore store, RecapStore recaps, io.gristmill.tenant.TenantSettingsStore settings, RecapLookups lookups,
            Clock clock) {
        this.store = store;
        this.lookups = lookups;
        this.recaps = recaps;
        this.settings = settings;
        this.clock = clock;
    }

    /** The caller's own, the company's, and the built-in ones the company did not hide. */
    public List<PromptTemplate> visibleTo(Caller caller) {
        List<PromptTemplate> all = new ArrayList<>();
        caller.employeeId().ifPresent(own -> all.addAll(store.list(caller.tenantId(), own)));
        all.addAll(store.list(caller.tenantId(), PromptTemplateStore.TENANT_OWNER));
        all.addAll(builtIns(caller));
        return all;
    }

    private List<PromptTemplate> builtIns(Caller caller) {
        List<String> hidden = settings.get(caller.tenantId()).settings().recaps().hiddenTemplates();
        return BuiltInTemplates.ALL.stream().filter(t -> !hidden.contains(t.templateId())).toList();
    }

    /** A template the caller may apply or read: their own or a tenant-wide one. */
    public Optional<PromptTemplate> readable(Caller caller, String templateId) {
        if (!RecapOptions.TEMPLATE_ID.matcher(templateId).matches()) {
            return Optional.empty();
        }
        return caller.employeeId().flatMap(own -> store.find(caller.tenantId(), own, templateId))
                .or(() -> store.find(caller.tenantId(), PromptTemplateStore.TENANT_OWNER, templateId))
                .or(() -> builtIns(caller).stream().filter(t -> t.templateId().equals(templateId)).findFirst());
    }

    public PromptTemplate create(Caller caller, PromptTemplateInput input) {
        if (input.fromRecap() != null) {
            input = input.withRequestOf(ownVersion(caller, input.fromRecap()));
        }
        String owner = owner(caller, input.scope());
        if (store.list(caller.tenantId(), owner == null ? PromptTemplateStore.TENANT_OWNER : owner).size() >= MAX_PER_OWNER) {
            throw Refusal.conflict("At most " + MAX_PER_OWNER + " templates per owner; delete one first");
        }
        PromptTemplate template = build(caller, UUID.randomUUID().toString().replace("-", ""), owner, input);
        if (!store.save(caller.tenantId(), template, false)) {
            throw new IllegalStateException("A fresh template id was taken");
        }
        afterSave(caller, template);
        return template;
    }

    public PromptTemplate update(Caller caller, String templateId, PromptTemplateInput input) {
        PromptTemplate existing = changeable(caller, templateId);
        if (!existing.scope().equals(input.scope())) {
            throw Refusal.invalid("scope cannot change; create a new template instead");
        }
        PromptTemplate template = build(caller, templateId, existing.ownerId(), input);
        if (!store.save(caller.tenantId(), template, true)) {
            throw Refusal.notFound("No prompt template " + templateId);
        }
        afterSave(caller, template);
        return template;
    }

    public void delete(Caller caller, String templateId) {
        PromptTemplate existing = changeable(caller, templateId);
        if (!store.delete(caller.tenantId(), existing)) {
            throw Refusal.notFound("No prompt template " + templateId);
        }
        lookups.templatesChanged(caller.tenantId());
        LOG.infof("Prompt template %s deleted by %s", templateId, caller.subject());
    }

    /** "Save this as a template": a version of the caller's own recap, whose request it copies. */
    private Recap ownVersion(Caller caller, PromptTemplateInput.FromRecap from) {
        String own = caller.employeeId().orElseThrow(() -> Refusal.invalid(
                "Your token names no employee (claim employee_id): fromRecap takes one of your own recaps"));
        IsoWeek week;
        try {
            week = IsoWeek.parse(from.week());
        } catch (RuntimeException e) {
            throw Refusal.invalid("fromRecap.week '" + from.week() + "' is not an ISO week such as 2026-W40");
        }
        List<Recap> versions = recaps.versions(caller.tenantId(), own, week);
        return (from.version() == null ? versions.stream().reduce((a, b) -> b)
                : versions.stream().filter(r -> r.version() == from.version()).findFirst())
                .orElseThrow(() -> Refusal.notFound("You have no recap " + week + (from.version() == null ? "" : " version " + from.version())));
    }

    private PromptTemplate changeable(Caller caller, String templateId) {
        PromptTemplate existing = readable(caller, templateId)
                .orElseThrow(() -> Refusal.notFound("No prompt template " + templateId));
        if (existing.builtIn()) {
            throw Refusal.notAllowed("Built-in templates are read-only; save your own with the same settings instead");
        }
        if (existing.tenantWide()) {
            caller.requireAdmin();
        }
        return existing;
    }

    private static String owner(Caller caller, String scope) {
        if (PromptTemplate.TENANT.equals(scope)) {
            caller.requireAdmin();
            return null;
        }
        return caller.employeeId().orElseThrow(() -> Refusal.invalid(
                "Your token names no employee (claim employee_id): only a tenant template (scope 'tenant', admins) can be saved"));
    }

    private PromptTemplate build(Caller caller, String templateId, String owner, PromptTemplateInput input) {
        return new PromptTemplate(templateId, input.scope(), owner, input.name(), input.sections(), input.include(),
                input.instructions(), input.length(), input.tenantDefault(), clock.instant(), caller.subject());
    }

    /** Keeps one tenant default: saving a new default clears the flag on the others. */
    private void afterSave(Caller caller, PromptTemplate saved) {
        LOG.infof("Prompt template %s (%s) saved by %s", saved.templateId(), saved.scope(), caller.subject());
        lookups.templatesChanged(caller.tenantId());
        if (saved.tenantDefault()) {
            for (PromptTemplate other : store.list(caller.tenantId(), PromptTemplateStore.TENANT_OWNER)) {
                if (other.tenantDefault() && !other.templateId().equals(saved.templateId())) {
                    store.save(caller.tenantId(), other.withoutDefault(), true);
                }
            }
        }
    }
}
