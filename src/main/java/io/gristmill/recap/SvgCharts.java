package io.gristmill.recap;

import java.math.BigDecimal;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;

import io.gristmill.recap.RecapContent.DayCount;
import io.gristmill.recap.RecapContent.PipelineBar;

/**
 * Small bar charts drawn server-side as inline SVG: no script, no external request, and they
 * scale to a phone's width through the viewBox.
 */
final class SvgCharts {
    private static final int WIDTH = 320;
    private static final int HEIGHT = 140;
    private static final int LABEL_SPACE = 28;

    private SvgCharts() {
    }

    static String activityPerDay(List<DayCount> days) {
        if (days.isEmpty()) {
            return "";
        }
        int max = Math.max(1, days.stream().mapToInt(DayCount::count).max().orElse(1));
        double slot = (double) WIDTH / days.size();
        StringBuilder svg = open("Activity per day");
        for (int i = 0; i < days.size(); i++) {
            DayCount day = days.get(i);
            String label = days.size() <= 7 ? day.date().getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH)
                    : Integer.toString(day.date().getDayOfMonth());
            bar(svg, i * slot, slot, (double) day.count() / max, label, Integer.toString(day.count()), day.date() + ": " + day.count());
        }
        return svg.append("</svg>").toString();
    }

    static String pipeline(List<PipelineBar> bars) {
        if (bars.isEmpty()) {
            return "";
        }
        BigDecimal max = bars.stream().map(PipelineBar::amount).max(BigDecimal::compareTo).orElse(BigDecimal.ONE);
        double slot = (double) WIDTH / bars.size();
        StringBuilder svg = open("Pipeline movement");
        for (int i = 0; i < bars.size(); i++) {
            PipelineBar bar = bars.get(i);
            double share = max.signum() == 0 ? 0 : bar.amount().doubleValue() / max.doubleValue();
            bar(svg, i * slot, slot, share, bar.label(), Amounts.format(bar.amount(), bar.currency()),
                    bar.label() + ": " + bar.deals() + " deals, " + Amounts.format(bar.amount(), bar.currency()));
        }
        return svg.append("</svg>").toString();
    }

    private static StringBuilder open(String title) {
        return new StringBuilder().append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(WIDTH).append(' ')
                .append(HEIGHT).append("\" width=\"100%\" role=\"img\" aria-label=\"").append(escape(title)).append("\">")
                .append("<title>").append(escape(title)).append("</title>");
    }

    private static void bar(StringBuilder svg, double x, double slot, double share, String label, String value, String tooltip) {
        double plot = HEIGHT - LABEL_SPACE - 14;
        double height = Math.max(share > 0 ? 2 : 0, share * plot);
        double y = HEIGHT - LABEL_SPACE - height;
        svg.append(String.format(Locale.ROOT, "<g><title>%s</title><rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" rx=\"2\" fill=\"#3b6ea5\"/>",
                escape(tooltip), x + slot * 0.15, y, slot * 0.7, height));
        svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"10\" text-anchor=\"middle\">%s</text>",
                x + slot / 2, y - 3, escape(value)));
        svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\">%s</text></g>",
                x + slot / 2, HEIGHT - 10, escape(label)));
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }
}
