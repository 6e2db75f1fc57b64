package io.gristmill.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Prints the largest main class and the longest method ({@code SIZE ...} lines) and holds both to
 * the house style's ceilings: a class at most 300 lines, a method at most 50. The counting is
 * plain: a class is its file's lines; a method runs from its signature to its closing brace.
 */
class CodeSizeTest {
    private static final Path MAIN = Path.of("src/main/java");
    private static final int CLASS_TARGET = 300;
    private static final int METHOD_TARGET = 50;

    private static final Pattern TYPE = Pattern.compile("^\\s*(public |protected |private |static |final |abstract |sealed |non-sealed )*"
            + "(class|record|interface|enum) \\w+.*\\{\\s*$");
    private static final Pattern METHOD = Pattern.compile("^\\s*(public |protected |private |static |final |abstract |synchronized |default )*"
            + "(<[^>]+> )?[\\w.<>\\[\\], ?]+ \\w+\\(.*");
    private static final Pattern NOT_A_METHOD = Pattern.compile("^\\s*(if|for|while|switch|try|catch|else|do|return|throw|new|case)\\b.*");

    record Measured(String where, int lines) {
    }

    @Test
    void no_main_class_is_over_300_lines_and_no_method_over_50() throws IOException {
        List<Measured> classes = new ArrayList<>();
        List<Measured> methods = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                List<String> lines = Files.readAllLines(file);
                String name = MAIN.relativize(file).toString();
                classes.add(new Measured(name, lines.size()));
                methods.addAll(methods(name, lines));
            }
        }
        Measured largest = classes.stream().max(Comparator.comparingInt(Measured::lines)).orElseThrow();
        Measured longest = methods.stream().max(Comparator.comparingInt(Measured::lines)).orElseThrow();
        long classesOver = classes.stream().filter(c -> c.lines() > CLASS_TARGET).count();
        long methodsOver = methods.stream().filter(m -> m.lines() > METHOD_TARGET).count();
        System.out.printf("SIZE largest-class %d %s (target %d; %d of %d classes over)%n", largest.lines(), largest.where(), CLASS_TARGET,
                classesOver, classes.size());
        System.out.printf("SIZE longest-method %d %s (target %d; %d of %d methods over)%n", longest.lines(), longest.where(), METHOD_TARGET,
                methodsOver, methods.size());
        classes.stream().filter(c -> c.lines() > CLASS_TARGET).forEach(c -> System.out.printf("SIZE class-over-target %d %s%n", c.lines(), c.where()));
        methods.stream().filter(m -> m.lines() > METHOD_TARGET).forEach(m -> System.out.printf("SIZE method-over-target %d %s%n", m.lines(), m.where()));
        assertThat(largest.lines()).as("largest class " + largest.where()).isLessThanOrEqualTo(CLASS_TARGET);
        assertThat(longest.lines()).as("longest method " + longest.where()).isLessThanOrEqualTo(METHOD_TARGET);
    }

    /** Methods and constructors declared directly in a type's body, with their length in lines. */
    static List<Measured> methods(String file, List<String> lines) {
        List<Measured> found = new ArrayList<>();
        Deque<Integer> typeBodies = new ArrayDeque<>();
        int depth = 0;
        String open = null;
        int openedAt = 0;
        int openedDepth = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = code(lines.get(i));
            boolean inTypeBody = !typeBodies.isEmpty() && typeBodies.peek() == depth;
            if (open == null && inTypeBody && TYPE.matcher(line).matches()) {
                typeBodies.push(depth + 1);
            } else if (open == null && inTypeBody && METHOD.matcher(line).matches() && !NOT_A_METHOD.matcher(line).matches()
                    && !line.contains("=") && !line.trim().endsWith(";")) {
                open = file + ":" + (i + 1) + " " + line.trim().replaceAll("\\(.*", "");
                openedAt = i;
                openedDepth = depth;
            } else if (typeBodies.isEmpty() && TYPE.matcher(line).matches()) {
                typeBodies.push(depth + 1);
            }
            for (char c : line.toCharArray()) {
                depth += c == '{' ? 1 : c == '}' ? -1 : 0;
            }
            while (!typeBodies.isEmpty() && depth < typeBodies.peek()) {
                typeBodies.pop();
            }
            if (open != null && depth == openedDepth && line.contains("}")) {
                found.add(new Measured(open, i - openedAt + 1));
                open = null;
            }
        }
        return found;
    }

    /** A line without its string and char literals and its // comment, so their braces are not counted. */
    private static String code(String line) {
        return line.replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"").replaceAll("'(\\\\.|[^'\\\\])'", "''").replaceAll("//.*", "");
    }
}
