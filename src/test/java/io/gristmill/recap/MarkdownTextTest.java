package io.gristmill.recap;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Values from Salesforce, Front and the employee reach Markdown recaps as plain text. */
class MarkdownTextTest {

    @Test
    void a_link_in_a_value_is_not_a_link() {
        String shown = MarkdownText.md("[Your review is ready - sign in](https://evil.example)");

        assertThat(shown).doesNotContain("](").doesNotContain("://").startsWith("\\[");
    }

    @Test
    void html_in_a_value_is_not_html() {
        assertThat(MarkdownText.md("<img src=x onerror=alert(1)>")).doesNotContain("<").doesNotContain(">").startsWith("&lt;img");
        assertThat(MarkdownText.md("Tom & Jerry")).isEqualTo("Tom &amp; Jerry");
    }

    @Test
    void a_value_cannot_start_a_block_or_a_new_line() {
        assertThat(MarkdownText.md("# Promoted")).startsWith("\\#");
        assertThat(MarkdownText.md("- item")).startsWith("\\-");
        assertThat(MarkdownText.md("1. first")).isEqualTo("1\\. first");
        assertThat(MarkdownText.md("line one\n\n## two")).doesNotContain("\n");
    }

    @Test
    void emphasis_and_autolinks_are_neutralised_but_ordinary_text_reads_as_it_was() {
        assertThat(MarkdownText.md("**bold** _it_ www.evil.example")).contains("\\*\\*bold\\*\\*", "\\_it\\_").doesNotContain("www.");
        assertThat(MarkdownText.md("Initech renewal, 2026-10-01")).isEqualTo("Initech renewal, 2026-10-01");
        assertThat(MarkdownText.md("150,000")).isEqualTo("150,000");
    }

    @Test
    void a_literal_is_fenced_longer_than_any_backticks_inside() {
        assertThat(MarkdownText.mdLiteral("use `code` and ``more``")).isEqualTo("``` use `code` and ``more`` ```");
        assertThat(MarkdownText.mdLiteral("[x](https://evil.example)")).isEqualTo("` [x](https://evil.example) `");
    }
}
