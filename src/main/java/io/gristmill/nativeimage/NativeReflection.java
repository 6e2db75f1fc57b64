package io.gristmill.nativeimage;

import io.gristmill.activity.Source;
import io.gristmill.connect.ConnectCompletion;
import io.gristmill.connect.ConnectRequest;
import io.gristmill.connection.Connection;
import io.gristmill.connection.ConnectionState;
import io.gristmill.connect.FrontConnect;
import io.gristmill.connect.OAuthFlow;
import io.gristmill.connect.SalesforceConnect;
import io.gristmill.directory.DirectoryRoutes;
import io.gristmill.directory.Employee;
import io.gristmill.erasure.EmployeeErasure;
import io.gristmill.erasure.TenantErasure;
import io.gristmill.retention.RetentionBackfill;
import io.gristmill.directory.FieldSource;
import io.gristmill.directory.IdentityLinks;
import io.gristmill.directory.EmployeeDirectory;
import io.gristmill.directory.EmployeeInput;
import io.gristmill.directory.Identities;
import io.gristmill.directory.IdentityKind;
import io.gristmill.front.FrontEvent;
import io.gristmill.front.FrontPage;
import io.gristmill.front.FrontTokenSet;
import io.gristmill.front.FrontWebhookRoutes;
import io.gristmill.front.FrontWebhooks;
import io.gristmill.front.ReconcileReport;
import io.gristmill.recap.Delegations;
import io.gristmill.recap.DelegationRoutes;
import io.gristmill.recap.Inclusion;
import io.gristmill.recap.PromptTemplate;
import io.gristmill.recap.PromptTemplateInput;
import io.gristmill.recap.Narrator;
import io.gristmill.recap.Recap;
import io.gristmill.recap.narration.NarrationFacts;
import io.gristmill.recap.Interpretation;
import io.gristmill.recap.RecapContent;
import io.gristmill.recap.RecapDrafts;
import io.gristmill.recap.RecapOptions;
import io.gristmill.recap.RecapRoutes;
import io.gristmill.recap.RecapService;
import io.gristmill.recap.RecapStatus;
import io.gristmill.recap.ReviewContexts;
import io.gristmill.recap.SectionId;
import io.gristmill.recap.TeamCalibration;
import io.gristmill.recap.TeamRecaps;
import io.gristmill.salesforce.CompositeQueries;
import io.gristmill.salesforce.PollReport;
import io.gristmill.salesforce.QueryPage;
import io.gristmill.salesforce.SalesforceTokenSet;
import io.gristmill.tenant.StoredSettings;
import io.gristmill.tenant.TenantSettings;
import io.gristmill.tenant.TenantSettingsRoutes;
import io.gristmill.work.WorkDispatchFunction;
import io.gristmill.work.WorkOrder;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Everything Jackson reads or writes outside Funqy's own signatures (API bodies and answers, stored
 * JSON, provider payloads, function reports): a native image keeps their constructors and
 * accessors only when they are registered. {@code NativeReflectionTest} fails when a record is
 * added without being registered here or declared internal there.
 */
@RegisterForReflection(targets = {
        ConnectCompletion.class,
        ConnectRequest.class,
        Connection.class,
        FrontConnect.ApiTokenRequest.class,
        SalesforceConnect.Disconnected.class,
        DelegationRoutes.Delegates.class,
        DirectoryRoutes.EmployeesPage.class,
        FrontWebhookRoutes.Received.class,
        OAuthFlow.Outcome.class,
        OAuthFlow.Started.class,
        OAuthFlow.Authorize.class,
        Employee.class,
        EmployeeErasure.Erased.class,
        RetentionBackfill.Applied.class,
        TenantErasure.Offboarded.class,
        FieldSource.class,
        IdentityLinks.Link.class,
        Delegations.Delegation.class,
        Delegations.Change.class,
        DelegationRoutes.GrantRequest.class,
        TenantSettings.Directory.class,
        TenantSettings.Recaps.class,
        TenantSettings.Cycle.class,
        EmployeeDirectory.Page.class,
        EmployeeInput.class,
        Identities.class,
        FrontEvent.class,
        FrontPage.class,
        FrontTokenSet.class,
        FrontWebhooks.Outcome.Challenge.class,
        FrontWebhooks.Outcome.Ignored.class,
        FrontWebhooks.Outcome.Refused.class,
        FrontWebhooks.Outcome.Stored.class,
        ReconcileReport.class,
        PromptTemplate.class,
        PromptTemplateInput.class,
        PromptTemplateInput.FromRecap.class,
        Recap.class,
        Recap.AppliedTemplate.class,
        Narrator.class,
        Recap.Context.class,
        RecapRoutes.ContextRequest.class,
        Interpretation.class,
        NarrationFacts.class,
        NarrationFacts.Figure.class,
        NarrationFacts.Line.class,
        RecapContent.class,
        RecapContent.DayCount.class,
        RecapContent.Evidence.class,
        RecapContent.Highlight.class,
        RecapContent.Item.class,
        RecapContent.Metric.class,
        RecapContent.PipelineBar.class,
        RecapContent.Section.class,
        RecapDrafts.DraftReport.class,
        RecapOptions.class,
        RecapRoutes.ConfirmRequest.class,
        RecapService.Read.class,
        RecapService.VersionRef.class,
        ReviewContexts.ReviewContext.class,
        ReviewContexts.WeekTrend.class,
        TeamCalibration.Calibration.class,
        TeamCalibration.Measure.class,
        TeamCalibration.Person.class,
        TeamRecaps.Pending.class,
        TeamRecaps.Summary.class,
        TeamRecaps.TeamWeek.class,
        TeamRecaps.Total.class,
        CompositeQueries.class,
        PollReport.class,
        WorkOrder.class,
        WorkDispatchFunction.DispatchReport.class,
        QueryPage.class,
        SalesforceTokenSet.class,
        StoredSettings.class,
        TenantSettingsRoutes.Choices.class,
        io.gristmill.tenant.BuiltInTemplateNames.BuiltInTemplate.class,
        io.gristmill.recap.PromptTemplateRoutes.Choices.class,
        TenantSettingsRoutes.SettingsPage.class,
        TenantSettings.class,
        TenantSettings.Front.class,
        TenantSettings.Summaries.class,
        TenantSettings.Salesforce.class,
        Source.class,
        ConnectionState.class,
        Inclusion.class,
        SectionId.class,
        RecapStatus.class,
        IdentityKind.class
})
public final class NativeReflection {
    private NativeReflection() {
    }
}
