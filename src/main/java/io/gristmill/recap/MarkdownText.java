package io.gristmill.recap;

import io.quarkus.qute.TemplateExtension;

/**
 * Values written into Markdown recaps ({@code {value.md}} and {@code {value.mdLiteral}} in
 * {@code recap.md}). Qute escapes only HTML, and a recap's values come from others: deal, account
 * and tag names typed by anyone in Salesforce or Front, and the employee's own instructions. So a
 * value can neither start a block (heading, list, quote), nor form a link, image, emphasis or HTML
 * tag, nor become an autolink: it reads as the text it is in any Markdown renderer.
 */
@TemplateExtension
public final class MarkdownText {
    /** A zero-width space: breaks the {@code ://} and {@code www.} autolink renderers detect, invisibly. */
    private static final String BREAK = "\u200B";

    private MarkdownText() {
    }

    /** The text as inline Markdown: one line, every Markdown and HTML metacharacter escaped. */
    public static String md(String text) {
        if (text == null) {
            return "";
        }
        String line = text.replaceAll("[\\r\\n\\u2028\\u2029]+", " ");
        StringBuilder out = new StringBuilder(line.length() + 16);
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '\\', '`', '*', '_', '[', ']', '|', '~', '!', '{', '}', '(', ')', '#' -> out.append('\\').append(c);
                case '+', '-', '=', '.' -> out.append(startsBlock(line, i) ? "\\" + c : String.valueOf(c));
                default -> out.append(c);
            }
        }
        return defang(out.toString());
    }

    /**
     * The text as a literal inline code span (for the employee's instructions): nothing in it is
     * formatting, and the fence is longer than any run of backticks inside.
     */
    public static String mdLiteral(String text) {
        if (text == null) {
            return "";
        }
        String line = text.replaceAll("[\\r\\n\\u2028\\u2029]+", " ");
        int longest = 0;
        int run = 0;
        for (char c : line.toCharArray()) {
            run = c == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        String fence = "`".repeat(longest + 1);
        return fence + " " + line + " " + fence;
    }

    /** Whether {@code +}, {@code -}, {@code =} or {@code .} at {@code i} could start a block (list item, rule, heading underline). */
    private static boolean startsBlock(String line, int i) {
        String before = line.substring(0, i).strip();
        return before.isEmpty() || (line.charAt(i) == '.' && before.chars().allMatch(Character::isDigit));
    }

    private static String defang(String text) {
        return text.replace("://", ":" + BREAK + "//").replaceAll("(?i)www\\.", "www" + BREAK + ".");
    }
}
