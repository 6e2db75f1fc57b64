package io.gristmill.directory;

import static io.gristmill.aws.Table.PK;
import static io.gristmill.aws.Table.SK;
import static io.gristmill.aws.Table.s;
import static io.gristmill.aws.Table.str;
import static io.gristmill.aws.Table.tenantKey;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.gristmill.aws.Table;
import io.gristmill.config.GristmillConfig;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Links between a provider account and an existing employee that rest on nothing but a shared
 * e-mail address. Provider e-mail addresses are not proof of identity (Salesforce lets two users
 * share one, a user administrator can type anyone's), and the identity decides whose work is
 * credited and, through the manager chain, who reads whose recaps. So such a link is only proposed
 * ({@code T#t / LINK#kind#externalId}) and waits for an admin's yes; a no is remembered, so the
 * same account is not proposed again.
 */
@ApplicationScoped
public class IdentityLinks {
    private static final Logger LOG = Logger.getLogger(IdentityLinks.class);
    private static final String LINK = "LINK#";

    private final DynamoDbClient dynamo;
    private final EmployeeDirectory directory;
    private final String table;
    private final Clock clock;

    public IdentityLinks(DynamoDbClient dynamo, EmployeeDirectory directory, GristmillConfig config, Clock clock) {
        this.dynamo = dynamo;
        this.directory = directory;
        this.table = config.table();
        this.clock = clock;
    }

    /**
     * A proposed link. {@code status} is {@code pending} or {@code rejected}.
     *
     * @param accountName the provider account's display name, to help the admin decide
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Link(String provider, String externalId, String employeeId, String email, String accountName, Instant proposedAt,
            String status, String decidedBy, Instant decidedAt) {
    }

    /** Proposes a link once; an account proposed before (pending or rejected) is left as it is. */
    public boolean propose(String tenantId, IdentityKind kind, String externalId, String employeeId, String email, String accountName) {
        Map<String, AttributeValue> item = new HashMap<>(Table.key(tenantKey(tenantId), key(kind, externalId)));
        item.put("type", s("identity-link"));
        item.put("provider", s(kind.id()));
        item.put("externalId", s(externalId));
        item.put("employeeId", s(employeeId));
        item.put("email", s(email));
        if (accountName != null) {
            item.put("accountName", s(accountName.length() > 200 ? accountName.substring(0, 200) : accountName));
        }
        item.put("proposedAt", s(clock.instant().toString()));
        item.put("status", s("pending"));
        try {
            dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(#pk)")
                    .expressionAttributeNames(Map.of("#pk", PK)));
            LOG.infof("Proposed linking %s account %s of tenant %s to employee %s (same e-mail); waits for an admin", kind.id(), externalId,
                    tenantId, employeeId);
            return true;
        } catch (ConditionalCheckFailedException proposedBefore) {
            return false;
        }
    }

    public List<Link> all(String tenantId) {
        List<Link> links = new ArrayList<>();
        dynamo.queryPaginator(b -> b.tableName(table)
                .keyConditionExpression("#pk = :pk AND begins_with(#sk, :prefix)")
                .expressionAttributeNames(Map.of("#pk", PK, "#sk", SK))
                .expressionAttributeValues(Map.of(":pk", s(tenantKey(tenantId)), ":prefix", s(LINK)))
                .consistentRead(true)).items().forEach(item -> links.add(fromItem(item)));
        return links;
    }

    public Optional<Link> find(String tenantId, IdentityKind kind, String externalId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(Table.key(tenantKey(tenantId), key(kind, externalId)))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(item));
    }

    /**
     * The admin's yes: the account becomes the employee's identity (replacing another account of
     * the same provider, which the admin has thereby chosen against), recorded as set by an admin.
     *
     * @throws DirectoryValidationException when there is no such pending link
     */
    public Employee approve(String tenantId, IdentityKind kind, String externalId, String by) {
        Link link = find(tenantId, kind, externalId).filter(l -> "pending".equals(l.status()))
                .orElseThrow(() -> new DirectoryValidationException("No pending link of " + kind.id() + " account " + externalId));
        Employee employee = directory.find(tenantId, link.employeeId())
                .orElseThrow(() -> new DirectoryValidationException("Employee " + link.employeeId() + " no longer exists"));
        Identities identities = kind == IdentityKind.SALESFORCE
                ? new Identities(externalId, employee.identities().frontTeammateId())
                : new Identities(employee.identities().salesforceUserId(), externalId);
        Employee saved = directory.put(tenantId, employee.employeeId(), new EmployeeInput(employee.name(), employee.email(),
                employee.managerId().orElse(null), employee.role().orElse(null), employee.groups(), identities, employee.active(),
                employee.active() ? null : employee.deactivatedAt().orElse(null)), employee.version(), FieldSource.ADMIN);
        dynamo.deleteItem(b -> b.tableName(table).key(Table.key(tenantKey(tenantId), key(kind, externalId))));
        LOG.infof("Linked %s account %s of tenant %s to employee %s (approved by %s)", kind.id(), externalId, tenantId, employee.employeeId(), by);
        return saved;
    }

    /** The admin's no: the account stays unlinked (its work unattributed) and is not proposed again. */
    public Link reject(String tenantId, IdentityKind kind, String externalId, String by) {
        Instant now = clock.instant();
        try {
            dynamo.updateItem(b -> b.tableName(table).key(Table.key(tenantKey(tenantId), key(kind, externalId)))
                    .updateExpression("SET #status = :rejected, decidedBy = :by, decidedAt = :at")
                    .conditionExpression("attribute_exists(#pk)")
                    .expressionAttributeNames(Map.of("#status", "status", "#pk", PK))
                    .expressionAttributeValues(Map.of(":rejected", s("rejected"), ":by", s(by), ":at", s(now.toString()))));
        } catch (ConditionalCheckFailedException absent) {
            throw new DirectoryValidationException("No proposed link of " + kind.id() + " account " + externalId);
        }
        LOG.infof("Rejected linking %s account %s of tenant %s (by %s)", kind.id(), externalId, tenantId, by);
        return find(tenantId, kind, externalId).orElseThrow();
    }

    /** Erasure: the links that name an employee go with their data. */
    public int eraseFor(String tenantId, String employeeId) {
        int erased = 0;
        for (Link link : all(tenantId)) {
            if (link.employeeId().equals(employeeId)) {
                dynamo.deleteItem(b -> b.tableName(table).key(Table.key(tenantKey(tenantId), LINK + link.provider() + "#" + link.externalId())));
                erased++;
            }
        }
        return erased;
    }

    private static String key(IdentityKind kind, String externalId) {
        return LINK + kind.id() + "#" + externalId;
    }

    private static Link fromItem(Map<String, AttributeValue> item) {
        return new Link(str(item, "provider"), str(item, "externalId"), str(item, "employeeId"), str(item, "email"), str(item, "accountName"),
                Instant.parse(str(item, "proposedAt")), str(item, "status"), str(item, "decidedBy"),
                Optional.ofNullable(str(item, "decidedAt")).map(Instant::parse).orElse(null));
    }
}
