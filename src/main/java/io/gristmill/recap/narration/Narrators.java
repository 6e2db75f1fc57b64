package io.gristmill.recap.narration;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.gristmill.directory.Employee;
import io.gristmill.directory.EmployeeDirectory;
import io.gristmill.recap.Narrator;
import io.gristmill.recap.Recap;
import io.gristmill.recap.RecapNarrator;
import io.gristmill.recap.TemplateNarrator;
import io.gristmill.tenant.TenantSettings;

/**
 * Chooses who writes a recap's narrative: the model when the tenant opted in
 * ({@code recaps.narrator: model}) and the deployment has one, otherwise the template. The model
 * narrator is told the names of the company's other people, which its text must not use.
 */
@ApplicationScoped
public class Narrators implements RecapNarrator {
    private final TemplateNarrator template;
    private final ModelNarrator model;
    private final EmployeeDirectory directory;
    private final NarratorConfig config;
    private final Clock clock;
    private final Map<String, Names> names = new ConcurrentHashMap<>();

    private record Names(Set<String> words, Instant readAt) {
    }

    public Narrators(TemplateNarrator template, ModelNarrator model, EmployeeDirectory directory, NarratorConfig config, Clock clock) {
        this.template = template;
        this.model = model;
        this.directory = directory;
        this.config = config;
        this.clock = clock;
    }

    @Override
    public Narration narrate(String tenantId, TenantSettings settings, Recap recap) {
        String text = template.text(recap);
        if (!settings.recaps().byModel() || !model.available()) {
            return new Narration(text, Narrator.BY_TEMPLATE);
        }
        return model.narrate(recap, otherPeople(tenantId, recap.employeeId()), text);
    }

    /** The words of every other employee's name, read a page at a time and reused for a few minutes. */
    private Set<String> otherPeople(String tenantId, String employeeId) {
        Names cached = names.get(tenantId);
        if (cached == null || cached.readAt().plus(config.directoryCacheTtl()).isBefore(clock.instant())) {
            cached = new Names(readNames(tenantId), clock.instant());
            names.put(tenantId, cached);
        }
        Set<String> own = directory.find(tenantId, employeeId).map(e -> words(e.name())).orElse(Set.of());
        Set<String> others = new HashSet<>(cached.words());
        others.removeAll(own);
        return others;
    }

    private Set<String> readNames(String tenantId) {
        Set<String> words = new HashSet<>();
        Optional<String> after = Optional.empty();
        do {
            EmployeeDirectory.Page page = directory.list(tenantId, 500, after);
            for (Employee e : page.employees()) {
                words.addAll(words(e.name()));
            }
            after = page.next();
        } while (after.isPresent());
        return words;
    }

    private static Set<String> words(String name) {
        Set<String> words = new HashSet<>();
        if (name != null) {
            for (String word : name.split("[\\s,]+")) {
                if (word.length() > 1 && Character.isUpperCase(word.charAt(0))) {
                    words.add(word);
                }
            }
        }
        return words;
    }
}
