package io.gristmill.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import io.gristmill.recap.IsoWeek;

/**
 * The web app's browser tests (src/main/web/e2e, node's test runner driving Debian's Chromium
 * through playwright-core) against the running sandbox, and what they must have left behind: Ravi's
 * week asked for, explained and confirmed through the app. Screenshots land in
 * target/web-screenshots. Without Chromium, CI fails and a developer's run says it skipped them.
 */
final class WebAppTests {
    private static final long TIMEOUT_MINUTES = 10;

    private WebAppTests() {
    }

    static List<String> run(Path projectDir, java.net.URI base, IsoWeek week, Consumer<String> say) {
        Optional<Path> chromium = Stream.of(System.getenv("CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser")
                .filter(p -> p != null && !p.isBlank()).map(Path::of).filter(Files::isExecutable).findFirst();
        if (chromium.isEmpty()) {
            if (System.getenv("CI") != null) {
                return List.of("the web app's browser tests need Chromium (apt-get install chromium)");
            }
            say.accept("Web app browser tests SKIPPED: no Chromium (apt-get install chromium)");
            return List.of();
        }
        say.accept("Web app browser tests (src/main/web/e2e) in " + chromium.get() + " against " + base);
        ProcessBuilder tests = new ProcessBuilder("npm", "run", "--silent", "e2e").directory(projectDir.resolve("src/main/web").toFile())
                .inheritIO();
        tests.environment().put("GRISTMILL_URL", base.toString());
        tests.environment().put("GRISTMILL_WEEK", week.toString());
        tests.environment().put("CHROMIUM", chromium.get().toString());
        tests.environment().put("SCREENSHOT_DIR", projectDir.resolve("target/web-screenshots").toString());
        try {
            Process process = tests.start();
            if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                return List.of("the web app's browser tests took longer than " + TIMEOUT_MINUTES + " minutes");
            }
            return process.exitValue() == 0 ? List.of() : List.of("the web app's browser tests failed (exit " + process.exitValue() + ")");
        } catch (IOException e) {
            return List.of("the web app's browser tests could not start (npm): " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of("interrupted during the web app's browser tests");
        }
    }

    /** What Sam did in the browser, read back through the API: his Front login linked, the reminder time saved. */
    static void checkSamsWork(Browser sam, List<String> failures) {
        JsonNode employee = sam.get("/tenants/" + SandboxCompany.TENANT + "/employees/" + SandboxCompany.SAM.id()).json();
        if (!SandboxCompany.SAM_FRONT_TEAMMATE.equals(employee.path("identities").path("frontTeammateId").asText())) {
            failures.add("Sam approved the link of his Front login in the browser, but the directory says " + employee.path("identities"));
        }
        JsonNode settings = sam.get("/tenants/" + SandboxCompany.TENANT + "/settings").json();
        if (settings.path("settings").path("recaps").path("cycle").path("remindAfterHours").asInt() != 36) {
            failures.add("Sam saved a 36-hour reminder in the browser, but the settings say " + settings.path("settings").path("recaps"));
        }
    }

    /** What Ravi did in the browser, read back through the API: confirmed, with his call metrics and his context. */
    static void checkRavisWeek(Browser ravi, IsoWeek week, List<String> failures) {
        Browser.Page page = ravi.get("/recaps/" + SandboxCompany.RAVI.id() + "/" + week + "?format=json");
        if (page.status() != 200) {
            failures.add("reading Ravi's recap after the browser tests answered " + page.status() + ": " + page.body());
            return;
        }
        JsonNode recap = page.json();
        List<String> sections = new ArrayList<>();
        recap.path("content").path("sections").forEach(s -> sections.add(s.path("id").asText()));
        if (!"confirmed".equals(recap.path("status").asText()) || !sections.contains("calls")
                || !recap.path("context").path("note").asText().contains("Ironleaf")) {
            failures.add("Ravi's week should be confirmed in the browser with his call metrics and his context: status "
                    + recap.path("status").asText() + ", sections " + sections + ", context " + recap.path("context"));
        }
    }
}
