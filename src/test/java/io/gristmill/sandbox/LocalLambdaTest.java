package io.gristmill.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

/**
 * The sandbox's local Lambda (which the kill drill in CI relies on) against a real process: a killed
 * instance fails its own invocation only, and the instance started after it keeps serving even when
 * the old process's exit is noticed late, as on a loaded machine.
 */
class LocalLambdaTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path logs;

    @Test
    void a_kill_noticed_late_is_not_taken_for_a_crash_of_the_new_instance() throws Exception {
        CountDownLatch lateExitsSeen = new CountDownLatch(1);
        Executor late = task -> CompletableFuture.runAsync(() -> {
            task.run();
            lateExitsSeen.countDown();
        }, CompletableFuture.delayedExecutor(1500, TimeUnit.MILLISECONDS));

        try (LocalLambda echo = echo(late)) {
            echo.awaitReady();
            assertEquals("{\"n\":1}", echo.invoke("{\"n\":1}", TIMEOUT));

            CompletableFuture<String> held = CompletableFuture.supplyAsync(() -> echo.invoke("{\"hold\":true}", TIMEOUT));
            waitUntilRunning(echo);
            echo.killAndStartAgain();

            var killed = assertThrows(java.util.concurrent.CompletionException.class, held::join);
            assertTrue(killed.getCause().getMessage().contains("was killed"), killed.getCause().getMessage());
            assertTrue(lateExitsSeen.await(10, TimeUnit.SECONDS), "the killed process's exit was never noticed");
            assertEquals("{\"n\":2}", echo.invoke("{\"n\":2}", TIMEOUT));
        }
    }

    @Test
    void a_process_that_dies_by_itself_fails_what_waits_for_it_with_its_exit_code() throws Exception {
        try (LocalLambda echo = echo(Runnable::run)) {
            echo.awaitReady();
            new ProcessBuilder("kill", "-9", Long.toString(echo.pid())).start().waitFor();
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            LocalLambda.FunctionError error = null;
            while (error == null && System.nanoTime() < deadline) {
                try {
                    echo.invoke("{\"n\":3}", Duration.ofSeconds(2));
                    Thread.sleep(100);
                } catch (LocalLambda.FunctionError e) {
                    error = e;
                }
            }
            assertTrue(error != null && error.getMessage().contains("exited with 137"), String.valueOf(error));
        }
    }

    private LocalLambda echo(Executor exitWatcher) throws Exception {
        Path classes = Path.of(LocalLambdaTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path lambdaCore = Path.of(RequestStreamHandler.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return new LocalLambda("echo", EchoHandler.class.getName(), lambdaCore, classes, Map.of(), Files.createDirectories(logs),
                exitWatcher);
    }

    private static void waitUntilRunning(LocalLambda function) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (function.runningCount() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(1, function.runningCount(), "the held event never reached the function");
    }
}
