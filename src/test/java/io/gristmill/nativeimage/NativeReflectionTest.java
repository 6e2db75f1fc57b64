package io.gristmill.nativeimage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Every record Gristmill compiles is registered for native reflection, or declared never to meet Jackson. */
class NativeReflectionTest {
    /** Records used only in memory (never serialized): registering them would only grow the image. */
    private static final Set<String> INTERNAL = Set.of(
            "io.gristmill.activity.Activity",
            "io.gristmill.front.summary.SummaryLedger.Pending",
            "io.gristmill.front.summary.SummaryLedger.Covered",
            "io.gristmill.front.summary.SummaryWriter.Written",
            "io.gristmill.front.summary.ConversationText.Part",
            "io.gristmill.activity.ConversationDigests.Read",
            "io.gristmill.work.WorkQueue.Dispatched",
            "io.gristmill.work.WorkMetrics.Value",
            "io.gristmill.cache.Recent.Kept",
            "io.gristmill.directory.CreditRule",
            "io.gristmill.salesforce.SalesforceReader.Description.Read",
            "io.gristmill.salesforce.SalesforceReader.Description.Refused",
            "io.gristmill.aws.AppCredentials.Client",
            "io.gristmill.salesforce.ObjectPlan",
            "io.gristmill.front.FrontClient.Me",
            "io.gristmill.aws.SingleFlight.Flight",
            "io.gristmill.salesforce.PollOutcome",
            "io.gristmill.salesforce.PollState.Setup",
            "io.gristmill.salesforce.PlanReader.WindowAttempt",
            "io.gristmill.salesforce.SalesforceReader.FirstPage.Read",
            "io.gristmill.salesforce.SalesforceReader.FirstPage.Refused",
            "io.gristmill.salesforce.objects.Rows.Fact",
            "io.gristmill.front.FrontInboxScope.Cached",
            "io.gristmill.aws.LeaseStore.Lease",
            "io.gristmill.aws.CachedSecrets.Entry",
            "io.gristmill.aws.BatchDeleter.Deleted",
            "io.gristmill.recap.Delegations.Granted",
            "io.gristmill.aws.VaultSecret",
            "io.gristmill.connect.OAuthState",
            "io.gristmill.front.ConversationMetrics",
            "io.gristmill.http.ApiRequest",
            "io.gristmill.http.ApiResult",
            "io.gristmill.access.Caller",
            "io.gristmill.http.RouteTable.Match",
            "io.gristmill.http.RouteTable.Route",
            "io.gristmill.recap.IsoWeek",
            "io.gristmill.recap.RecapBuilder.Gathered",
            "io.gristmill.recap.narration.Narrators.Names",
            "io.gristmill.recap.RecapNarrator.Narration",
            "io.gristmill.recap.narration.Mention",
            "io.gristmill.recap.narration.GroundingCheck.Paragraph",
            "io.gristmill.recap.narration.NarratorPrompt.Rendered",
            "io.gristmill.model.ModelClient.Answer",
            "io.gristmill.model.ModelClient.ToolSpec",
            "io.gristmill.recap.RecapCalculator.Input",
            "io.gristmill.recap.RecapLinks",
            "io.gristmill.recap.RecapStore.VersionInfo",
            "io.gristmill.recap.RecapView",
            "io.gristmill.recap.RecapView.ShownHighlight",
            "io.gristmill.recap.RecapView.ShownParagraph",
            "io.gristmill.recap.RecapView.Source",
            "io.gristmill.recap.RecapView.ShownItem",
            "io.gristmill.recap.RecapView.ShownMetric",
            "io.gristmill.recap.RecapView.ShownSection",
            "io.gristmill.recap.TeamView",
            "io.gristmill.recap.TeamView.ShownRecap",
            "io.gristmill.recap.TeamView.ShownTotal",
            "io.gristmill.front.FrontCatalog.Known",
            "io.gristmill.salesforce.AccessToken",
            "io.gristmill.salesforce.ApiUsage",
            "io.gristmill.salesforce.DescribeCache.Described",
            "io.gristmill.salesforce.objects.SalesforceObject",
            "io.gristmill.sync.SyncCursor");

    @Test
    void every_serialized_record_is_registered_for_native_reflection() throws IOException, URISyntaxException {
        Path classes = Path.of(NativeReflection.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> registered = Arrays.stream(NativeReflection.class.getAnnotation(RegisterForReflection.class).targets())
                .map(Class::getName).toList();
        try (Stream<Path> files = Files.walk(classes.resolve("io/gristmill"))) {
            List<String> unregistered = files.filter(f -> f.toString().endsWith(".class"))
                    .map(f -> classes.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", ""))
                    .filter(name -> !name.contains("_") && !name.contains("$$"))
                    .map(NativeReflectionTest::load)
                    .filter(c -> c != null && c.isRecord())
                    .map(Class::getName)
                    .filter(name -> !registered.contains(name) && !INTERNAL.contains(name.replace('$', '.')))
                    .toList();
            assertThat(unregistered).as("records neither registered in NativeReflection nor declared internal").isEmpty();
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, NativeReflectionTest.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }
}
