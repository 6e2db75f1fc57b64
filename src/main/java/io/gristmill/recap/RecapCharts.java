package io.gristmill.recap;

import static io.gristmill.recap.RecapCalculator.currency;
import static io.gristmill.recap.RecapCalculator.ofKind;
import static io.gristmill.recap.RecapCalculator.sum;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import io.gristmill.activity.Activity;
import io.gristmill.recap.RecapContent.DayCount;
import io.gristmill.recap.RecapContent.PipelineBar;

/** The recap's charts: work per day in the employee's zone, and the pipeline by stage. */
final class RecapCharts {
    private RecapCharts() {
    }

    static List<DayCount> perDay(List<Activity> own, Instant from, Instant to, ZoneId zone) {
        Map<LocalDate, Integer> counts = new TreeMap<>();
        LocalDate last = to.minusNanos(1).atZone(zone).toLocalDate();
        for (LocalDate day = from.atZone(zone).toLocalDate(); !day.isAfter(last); day = day.plusDays(1)) {
            counts.put(day, 0);
        }
        own.forEach(a -> counts.merge(a.occurredAt().atZone(zone).toLocalDate(), 1, Integer::sum));
        return counts.entrySet().stream().map(e -> new DayCount(e.getKey(), e.getValue())).toList();
    }

    static List<PipelineBar> pipeline(List<Activity> own) {
        // A deal moved twice counts once, at its latest amount.
        Map<String, Activity> latestMove = new LinkedHashMap<>();
        ofKind(own, "opportunity.stage_changed").forEach(a -> latestMove.put(a.sourceRecordId(), a));
        Map<String, List<Activity>> stages = new LinkedHashMap<>();
        stages.put("Created", ofKind(own, "opportunity.created"));
        stages.put("Advanced", List.copyOf(latestMove.values()));
        stages.put("Won", ofKind(own, "opportunity.won"));
        stages.put("Lost", ofKind(own, "opportunity.lost"));
        // Deals in several currencies get a bar per currency: an amount never adds euros to dollars.
        Set<String> currencies = stages.values().stream().flatMap(List::stream).map(a -> Optional.ofNullable(currency(a)).orElse(""))
                .collect(Collectors.toCollection(java.util.TreeSet::new));
        List<PipelineBar> bars = new ArrayList<>();
        stages.forEach((label, deals) -> {
            if (currencies.size() <= 1) {
                String only = currencies.isEmpty() ? null : currency(deals.isEmpty() ? null : deals.get(0));
                bars.add(new PipelineBar(label, deals.size(), sum(deals), deals.isEmpty() ? null : only));
            } else {
                for (String currency : currencies) {
                    List<Activity> inCurrency = deals.stream().filter(a -> currency.equals(Optional.ofNullable(currency(a)).orElse(""))).toList();
                    if (inCurrency.isEmpty()) {
                        continue;
                    }
                    bars.add(new PipelineBar(label + (currency.isEmpty() ? "" : " (" + currency + ")"), inCurrency.size(), sum(inCurrency),
                            currency.isEmpty() ? null : currency));
                }
            }
        });
        return bars.stream().anyMatch(b -> b.deals() > 0) ? bars : List.of();
    }
}
