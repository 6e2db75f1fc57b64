package io.gristmill.recap;

import static io.gristmill.testing.HttpApiEvent.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The HTML recap page, as the API serves it, rendered by headless Chromium at a phone's width: it
 * must load without console errors, draw both charts, and not be wider than the screen. CI
 * installs Debian's chromium ({@code .ci/run}); elsewhere the test is skipped when it is missing, and
 * says so in one line of the run's output ({@code -Dchromium=<path>} points at another one).
 */
@QuarkusTest
class RecapPageInChromiumTest {
    private static final Path CHROMIUM = Path.of(System.getProperty("chromium", "/usr/bin/chromium"));

    @Inject
    RecapWorld.Factory worlds;

    @Test
    void the_recap_page_renders_on_a_phone_without_errors() throws Exception {
        if ("true".equals(System.getenv("CI"))) {
            assertThat(CHROMIUM).as("CI installs chromium for this test").exists();
        }
        if (!Files.isExecutable(CHROMIUM)) {
            // Surefire shows a skipped test only as a count: say which one and why where people look.
            System.out.println("[WARNING] Skipped the recap page in Chromium: " + CHROMIUM
                    + " is missing (apt-get install chromium, or -Dchromium=<path>)");
        }
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "chromium is not installed");
        RecapWorld world = worlds.create();
        String html = request("GET", "/recaps/emp-ada/2026-W40?format=html").claims(world.as("emp-ada")).send().bodyText();
        // A probe the page itself does not carry: records the layout width for the assertion below.
        String probed = html.replace("</body>", "<script>document.body.setAttribute('data-overflow',"
                + " String(document.documentElement.scrollWidth > window.innerWidth));</script></body>");
        Path dir = Files.createTempDirectory("recap-page");
        Path page = dir.resolve("recap.html");
        Files.writeString(page, probed, StandardCharsets.UTF_8);

        Run dom = chromium(dir, "--dump-dom", page.toUri().toString());
        Run shot = chromium(dir, "--screenshot=" + dir.resolve("recap.png"), page.toUri().toString());

        assertThat(dom.exit()).as(dom.stderr()).isZero();
        assertThat(dom.stdout()).contains("data-overflow=\"false\"").contains("Activity per day").contains("Pipeline movement");
        // Seven days; pipeline: created in EUR and in USD, advanced, won, lost (USD) — one bar per currency.
        assertThat(dom.stdout().split("<rect", -1).length - 1).as("bars drawn").isEqualTo(7 + 5);
        assertThat(dom.stderr() + shot.stderr()).doesNotContain("Uncaught").doesNotContain(":CONSOLE(");
        assertThat(shot.exit()).as(shot.stderr()).isZero();
        assertThat(Files.size(dir.resolve("recap.png"))).isGreaterThan(5_000);
    }

    private record Run(int exit, String stdout, String stderr) {
    }

    private static Run chromium(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + dir.resolve("profile"), "--window-size=390,844", "--enable-logging=stderr", "--v=0"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectOutput(dir.resolve("out.txt").toFile())
                .redirectError(dir.resolve("err.txt").toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("chromium did not finish within 60 s");
        }
        return new Run(process.exitValue(), Files.readString(dir.resolve("out.txt")), Files.readString(dir.resolve("err.txt")));
    }
}
