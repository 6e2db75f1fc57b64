package io.gristmill.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.gristmill.testing.Ids;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class EmployeeDirectoryTest {
    private static final Instant DEACTIVATED = Instant.parse("2026-11-20T12:00:00Z");

    @Inject
    EmployeeDirectory directory;

    private static EmployeeInput ada(boolean active, Instant deactivatedAt, String managerId) {
        return new EmployeeInput("Ada", "Ada@Acme.test", managerId, null, List.of("sales"),
                new Identities("005000000000001AAA", "tea_ada"), active, deactivatedAt);
    }

    @Test
    void work_is_credited_through_each_external_identity() {
        String tenant = Ids.tenant();
        directory.put(tenant, "emp-1", ada(true, null, null), 0);
        Instant when = Instant.parse("2026-11-18T09:00:00Z");

        assertThat(directory.creditFor(tenant, IdentityKind.SALESFORCE, "005000000000001AAA", when)).contains("emp-1");
        assertThat(directory.creditFor(tenant, IdentityKind.FRONT, "tea_ada", when)).contains("emp-1");
        assertThat(directory.creditFor(tenant, IdentityKind.EMAIL, "ada@acme.TEST", when)).contains("emp-1");
        assertThat(directory.creditFor(tenant, IdentityKind.FRONT, "tea_unknown", when)).isEmpty();
    }

    @Test
    void after_deactivation_new_work_is_unattributed_but_earlier_work_still_credited() {
        String tenant = Ids.tenant();
        directory.put(tenant, "emp-1", ada(true, null, null), 0);
        directory.put(tenant, "emp-1", ada(false, DEACTIVATED, null), 1);

        assertThat(directory.creditFor(tenant, IdentityKind.SALESFORCE, "005000000000001AAA", DEACTIVATED.minusSeconds(1)))
                .contains("emp-1");
        assertThat(directory.creditFor(tenant, IdentityKind.SALESFORCE, "005000000000001AAA", DEACTIVATED)).isEmpty();
        assertThat(directory.creditFor(tenant, IdentityKind.FRONT, "tea_ada", DEACTIVATED.plusSeconds(86400))).isEmpty();
        assertThat(directory.find(tenant, "emp-1")).as("the employee record stays").isPresent();
    }

    @Test
    void deactivating_without_a_time_means_now_and_keeps_the_first_time_on_later_edits() {
        String tenant = Ids.tenant();
        directory.put(tenant, "emp-1", ada(true, null, null), 0);
        Instant before = Instant.now();
        Employee deactivated = directory.put(tenant, "emp-1", ada(false, null, null), 1);
        assertThat(deactivated.deactivatedAt()).hasValueSatisfying(at -> assertThat(at).isAfterOrEqualTo(before.minusSeconds(1)));

        Employee edited = directory.put(tenant, "emp-1", ada(false, null, null), 2);
        assertThat(edited.deactivatedAt()).isEqualTo(deactivated.deactivatedAt());
    }

    @Test
    void direct_reports_are_found_by_manager() {
        String tenant = Ids.tenant();
        directory.put(tenant, "boss", new EmployeeInput("Boss", "boss@acme.test", null, null, null, null, true, null), 0);
        directory.put(tenant, "emp-1", ada(true, null, "boss"), 0);
        directory.put(tenant, "emp-2", new EmployeeInput("Bob", "bob@acme.test", "boss", null, null, null, true, null), 0);

        assertThat(directory.directReports(tenant, "boss")).extracting(Employee::employeeId)
                .containsExactlyInAnyOrder("emp-1", "emp-2");

        directory.put(tenant, "emp-2", new EmployeeInput("Bob", "bob@acme.test", null, null, null, null, true, null), 1);
        assertThat(directory.directReports(tenant, "boss")).extracting(Employee::employeeId).containsExactly("emp-1");
    }

    @Test
    void a_refused_write_leaves_nothing_half_written() {
        String tenant = Ids.tenant();
        directory.put(tenant, "emp-1", ada(true, null, null), 0);

        EmployeeInput clash = new EmployeeInput("Bob", "bob@acme.test", null, null, null,
                new Identities("005000000000009AAA", "tea_ada"), true, null);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> directory.put(tenant, "emp-2", clash, 0))
                .isInstanceOf(DirectoryConflictException.class)
                .hasMessageContaining("tea_ada");

        Instant now = Instant.now();
        assertThat(directory.find(tenant, "emp-2")).isEmpty();
        assertThat(directory.creditFor(tenant, IdentityKind.SALESFORCE, "005000000000009AAA", now)).isEqualTo(Optional.empty());
        assertThat(directory.creditFor(tenant, IdentityKind.EMAIL, "bob@acme.test", now)).isEmpty();
    }
}
