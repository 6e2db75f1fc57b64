package io.gristmill.salesforce.objects;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.gristmill.activity.Activity;
import io.gristmill.testing.ActivityShapes;

/**
 * Every object's recorded-shape rows ({@code src/test/resources/salesforce/objects/<Object>.json})
 * mapped by its {@code <Object>Sync} and compared whole with the activities the fixture expects —
 * no Quarkus, no simulator. A fixture may read other objects' rows first ({@code before}: a deal
 * before its history), names the Salesforce users who are employees ({@code emp-<id>}), and the
 * deleted rows whose records' activity must go ({@code deletedRecords}).
 */
class ObjectFixturesTest {
    private static final Path FIXTURES = Path.of("src/test/resources/salesforce/objects");
    private static final ObjectMapper JSON = new ObjectMapper();

    record Fixture(String object, String now, String source, List<String> employees, List<String> pipelines,
            Map<String, List<Map<String, Object>>> before, List<Map<String, Object>> rows, List<Map<String, Object>> expected,
            List<String> deletedRecords) {
    }

    static Stream<String> fixtures() throws IOException {
        try (Stream<Path> files = Files.list(FIXTURES)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void each_objects_recorded_rows_mean_exactly_the_expected_activities(String file) throws Exception {
        Fixture fixture = read(file);
        assertThat(fixture.source()).as("where the row shape comes from").isNotBlank();
        FixtureContext context = new FixtureContext(fixture);
        fixture.before().forEach((object, rows) -> rows.forEach(row -> context.read(sync(object), row)));
        context.deleted.clear();
        List<Map<String, Object>> actual = new ArrayList<>();
        for (Map<String, Object> row : fixture.rows()) {
            context.read(sync(fixture.object()), row).forEach(activity -> actual.add(ActivityShapes.whole(activity)));
        }
        assertThat(actual).as(file).containsExactlyInAnyOrderElementsOf(fixture.expected().stream().map(ActivityShapes::expected).toList());
        assertThat(context.deleted).as("records whose activity goes").containsExactlyElementsOf(fixture.deletedRecords());
    }

    private static Fixture read(String file) throws IOException {
        try (InputStream in = Files.newInputStream(FIXTURES.resolve(file))) {
            Fixture raw = JSON.readValue(in, new TypeReference<Fixture>() { });
            return new Fixture(raw.object(), raw.now(), raw.source(), orEmpty(raw.employees()), orEmpty(raw.pipelines()),
                    raw.before() == null ? Map.of() : raw.before(), raw.rows(), raw.expected(), orEmpty(raw.deletedRecords()));
        }
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    /** The object's class by convention ({@code Case} → {@code CaseSync}), as CDI would find it. */
    private static SalesforceObjectSync sync(String object) {
        try {
            return (SalesforceObjectSync) Class.forName(ObjectFixturesTest.class.getPackageName() + "." + object + "Sync")
                    .getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("No " + object + "Sync with a no-argument constructor", e);
        }
    }

    /** A poll of one tenant in miniature: employees by id, deals in memory, nothing stored before. */
    private static final class FixtureContext implements RowContext {
        final List<String> deleted = new ArrayList<>();
        private final Fixture fixture;
        private final Opportunities deals;
        private final Map<String, Object> states = new HashMap<>();

        FixtureContext(Fixture fixture) {
            this.fixture = fixture;
            this.deals = new Opportunities(Set.copyOf(fixture.pipelines()), id -> List.of(), new Opportunities.RecycleBin() {
                @Override
                public void deleted(String opportunityId) {
                }

                @Override
                public boolean takeDeleted(String opportunityId) {
                    return false;
                }
            });
        }

        List<Activity> read(SalesforceObjectSync object, Map<String, Object> row) {
            if (Boolean.TRUE.equals(row.get("IsDeleted"))) {
                object.deleted(String.valueOf(row.get("Id")), this);
                return List.of();
            }
            return object.map(new LinkedHashMap<>(row), this);
        }

        @Override
        public String tenantId() {
            return "t-fixture";
        }

        @Override
        public Instant now() {
            return Instant.parse(fixture.now());
        }

        @Override
        public Optional<String> employeeFor(String salesforceUserId, Instant at) {
            return fixture.employees().contains(salesforceUserId) ? Optional.of("emp-" + salesforceUserId) : Optional.empty();
        }

        @Override
        public Opportunities opportunities() {
            return deals;
        }

        @Override
        public void readOrgCurrency() {
        }

        @Override
        public Optional<String> orgCurrency() {
            return Optional.empty();
        }

        @Override
        public boolean providersOverrideAdmin() {
            return false;
        }

        @Override
        public void deleteActivityOf(String recordId) {
            deleted.add(recordId);
        }

        @Override
        public void directoryChanged() {
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T pollState(String key, Supplier<T> initial) {
            return (T) states.computeIfAbsent(key, k -> initial.get());
        }
    }
}
