package io.gristmill.erasure;

import static io.gristmill.aws.Table.PK;
import static io.gristmill.aws.Table.s;
import static io.gristmill.aws.Table.tenantKey;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.gristmill.activity.ActivityStore;
import io.gristmill.aws.BatchDeleter;
import io.gristmill.aws.CachedSecrets;
import io.gristmill.activity.DigestErasure;
import io.gristmill.aws.OnceLedger;
import io.gristmill.config.GristmillConfig;
import io.gristmill.connect.FrontConnect;
import io.gristmill.connect.SalesforceConnect;
import io.gristmill.directory.Employee;
import io.gristmill.directory.EmployeeDirectory;
import io.gristmill.front.FrontSecret;
import io.gristmill.recap.RecapStore;
import io.gristmill.salesforce.SalesforceSecret;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * Offboards a tenant: first its connections (Salesforce tokens revoked at Salesforce, both
 * secrets deleted, the org and the Front company released, so nothing new arrives), then every
 * item of the tenant: each employee's activity (with the digests of the conversations it
 * belongs to) and recaps, the unattributed activity, the
 * ledger, and last the tenant's own partition (settings, directory, identities, cursors,
 * templates, delegations, connection records), which is what lists the employees. Within a
 * time budget per call; calling again continues.
 */
@ApplicationScoped
public class TenantErasure {
    private static final Logger LOG = Logger.getLogger(TenantErasure.class);

    private final SalesforceConnect salesforce;
    private final FrontConnect front;
    private final CachedSecrets secrets;
    private final EmployeeDirectory directory;
    private final ActivityStore activities;
    private final RecapStore recaps;
    private final BatchDeleter deleter;
    private final DigestErasure digests;
    private final String table;
    private final Clock clock;

    public TenantErasure(SalesforceConnect salesforce, FrontConnect front, CachedSecrets secrets, EmployeeDirectory directory,
            ActivityStore activities, RecapStore recaps, BatchDeleter deleter, DigestErasure digests, GristmillConfig config, Clock clock) {
        this.digests = digests;
        this.salesforce = salesforce;
        this.front = front;
        this.secrets = secrets;
        this.directory = directory;
        this.activities = activities;
        this.recaps = recaps;
        this.deleter = deleter;
        this.table = config.table();
        this.clock = clock;
    }

    /** @param revokedAtSalesforce whether Salesforce confirmed the revocation (false: no token, or Salesforce unreachable) */
    public record Offboarded(String tenantId, boolean finished, int items, boolean revokedAtSalesforce) {
    }

    public Offboarded erase(String tenantId, Duration budget) {
        Instant deadline = clock.instant().plus(budget);
        boolean revoked = salesforce.disconnect(tenantId).revokedAtSalesforce();
        front.disconnect(tenantId);
        secrets.forget(tenantId, FrontSecret.PROVIDER);
        secrets.forget(tenantId, SalesforceSecret.PROVIDER);
        BatchDeleter.Deleted deleted = new BatchDeleter.Deleted(0, true);
        Optional<String> after = Optional.empty();
        do {
            EmployeeDirectory.Page page = directory.list(tenantId, 200, after);
            for (Employee employee : page.employees()) {
                if (!digests.deleteAll(tenantId, activities.creditedTo(tenantId, employee.employeeId()), deadline)) {
                    return unfinished(tenantId, deleted.plus(new BatchDeleter.Deleted(0, false)), revoked);
                }
                deleted = deleted.plus(deleter.deleteQueried(activities.creditedTo(tenantId, employee.employeeId()), deadline))
                        .plus(deleter.deleteQueried(recaps.everything(tenantId, employee.employeeId()), deadline));
                if (!deleted.finished()) {
                    return unfinished(tenantId, deleted, revoked);
                }
            }
            after = page.next();
        } while (after.isPresent());
        if (!digests.deleteAll(tenantId, activities.unattributed(tenantId), deadline)) {
            return unfinished(tenantId, deleted.plus(new BatchDeleter.Deleted(0, false)), revoked);
        }
        deleted = deleted.plus(deleter.deleteQueried(activities.unattributed(tenantId), deadline))
                .plus(deleter.deleteQueried(partition(OnceLedger.partition(tenantId)), deadline));
        if (!deleted.finished()) {
            return unfinished(tenantId, deleted, revoked);
        }
        deleted = deleted.plus(deleter.deleteQueried(partition(tenantKey(tenantId)), deadline));
        if (!deleted.finished()) {
            return unfinished(tenantId, deleted, revoked);
        }
        LOG.infof("Offboarded tenant %s: connections revoked and released, %d items erased", tenantId, deleted.items());
        return new Offboarded(tenantId, true, deleted.items(), revoked);
    }

    private Offboarded unfinished(String tenantId, BatchDeleter.Deleted deleted, boolean revoked) {
        LOG.infof("Offboarding of tenant %s erased %d items so far; continues on the next call", tenantId, deleted.items());
        return new Offboarded(tenantId, false, deleted.items(), revoked);
    }

    private QueryRequest partition(String pk) {
        return QueryRequest.builder().tableName(table).keyConditionExpression("#pk = :pk")
                .expressionAttributeNames(Map.of("#pk", PK)).expressionAttributeValues(Map.of(":pk", s(pk))).build();
    }
}
