package io.gristmill.testing;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Every log line (message, parameters and stack trace, formatted) written while it is open, from
 * every logger, at DEBUG and above for the given categories.
 */
public final class CapturedLogs implements AutoCloseable {
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Logger root = Logger.getLogger("");
    private final Handler handler;
    private final List<Logger> raised;
    private final List<Level> previous;

    public CapturedLogs(String... debugCategories) {
        handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                StringBuilder line = new StringBuilder(record.getLoggerName()).append(' ');
                line.append(new java.util.logging.SimpleFormatter().formatMessage(record));
                if (record.getParameters() != null) {
                    for (Object parameter : record.getParameters()) {
                        line.append(" | ").append(parameter);
                    }
                }
                if (record.getThrown() != null) {
                    StringWriter trace = new StringWriter();
                    record.getThrown().printStackTrace(new PrintWriter(trace));
                    line.append('\n').append(trace);
                }
                lines.add(line.toString());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        handler.setLevel(Level.ALL);
        root.addHandler(handler);
        raised = java.util.Arrays.stream(debugCategories).map(Logger::getLogger).toList();
        previous = raised.stream().map(Logger::getLevel).toList();
        raised.forEach(logger -> logger.setLevel(Level.FINE));
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    public String all() {
        return String.join("\n", lines);
    }

    @Override
    public void close() {
        root.removeHandler(handler);
        for (int i = 0; i < raised.size(); i++) {
            raised.get(i).setLevel(previous.get(i));
        }
    }
}
