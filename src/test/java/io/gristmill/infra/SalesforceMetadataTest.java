package io.gristmill.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.gristmill.salesforce.SalesforceOAuth;
import io.gristmill.salesforce.objects.SalesforceObjectSync;

/**
 * {@code infra/salesforce} against the code: the permission set grants read access to exactly the
 * objects and fields the poller queries (never create, edit or delete), field history is tracked for
 * exactly the fields whose history the poller reads, and the External Client App asks for exactly
 * the scopes {@link SalesforceOAuth#SCOPES}, with PKCE. The poller's field lists are read from every
 * {@link SalesforceObjectSync} class, so adding an object or a field fails here until the metadata follows.
 */
class SalesforceMetadataTest {
    private static final Path PROJECT = Path.of("infra/salesforce");
    private static final Path ORG = PROJECT.resolve("org/main/default");
    private static final Path APP = PROJECT.resolve("app/main/default");
    private static final Path SECURITY = Path.of("src/test/resources/salesforce/field-level-security.json");

    /** Object → the fields the poller may query (opt-in fields included). */
    private static final Map<String, Set<String>> QUERIED = new TreeMap<>();
    /** {@code Object.Field} whose history the poller reads. */
    private static final Set<String> TRACKED = new TreeSet<>();
    private static JsonNode security;

    @BeforeAll
    static void readTheCode() throws Exception {
        for (SalesforceObjectSync sync : everySync()) {
            Set<String> fields = new TreeSet<>(sync.definition().fields());
            fields.addAll(sync.optInFields(true));
            QUERIED.put(sync.name(), fields);
            TRACKED.addAll(sync.trackedFields());
        }
        security = new ObjectMapper().readTree(SECURITY.toFile());
    }

    @Test
    void every_metadata_file_is_well_formed_metadata_and_the_project_targets_an_api_with_external_client_apps() throws Exception {
        List<Path> files = metadataFiles();
        assertThat(files).hasSizeGreaterThan(10);
        for (Path file : files) {
            assertThat(Xml.read(file).getDocumentElement().getNamespaceURI()).as(file.toString())
                    .isEqualTo("http://soap.sforce.com/2006/04/metadata");
        }
        JsonNode project = new ObjectMapper().readTree(PROJECT.resolve("sfdx-project.json").toFile());
        assertThat(Double.parseDouble(project.path("sourceApiVersion").asText())).as("External Client Apps need 59.0+").isGreaterThanOrEqualTo(59.0);
        assertThat(project.path("packageDirectories").findValuesAsText("path")).containsExactlyInAnyOrder("org", "app");
    }

    @Test
    void the_permission_set_reads_exactly_the_queried_objects_and_fields_and_writes_nothing() throws Exception {
        assertThat(security.path("objects").fieldNames()).toIterable().as("every queried object is classified in " + SECURITY)
                .containsAll(QUERIED.keySet());
        Element set = Xml.read(ORG.resolve("permissionsets/Gristmill_Integration.permissionset-meta.xml")).getDocumentElement();

        Set<String> expectedFields = new TreeSet<>();
        Set<String> expectedObjects = new TreeSet<>();
        QUERIED.forEach((object, fields) -> {
            JsonNode classified = security.path("objects").path(object);
            if (classified.path("objectPermission").asBoolean()) {
                expectedObjects.add(object);
            }
            Set<String> secured = new TreeSet<>();
            classified.path("fieldsWithSecurity").forEach(f -> secured.add(f.asText()));
            fields.stream().filter(secured::contains).forEach(field -> expectedFields.add(object + "." + field));
        });

        List<Element> fieldPermissions = Xml.children(set, "fieldPermissions");
        assertThat(fieldPermissions).allSatisfy(p -> {
            assertThat(Xml.text(p, "readable")).isEqualTo("true");
            assertThat(Xml.text(p, "editable")).as(Xml.text(p, "field")).isEqualTo("false");
        });
        assertThat(fieldPermissions.stream().map(p -> Xml.text(p, "field")).toList()).containsExactlyInAnyOrderElementsOf(expectedFields);

        List<Element> objectPermissions = Xml.children(set, "objectPermissions");
        assertThat(objectPermissions).allSatisfy(p -> {
            assertThat(Xml.text(p, "allowRead")).isEqualTo("true");
            assertThat(Xml.text(p, "viewAllRecords")).as("every employee's records, read-only").isEqualTo("true");
            for (String write : List.of("allowCreate", "allowEdit", "allowDelete", "modifyAllRecords")) {
                assertThat(Xml.text(p, write)).as(Xml.text(p, "object") + " " + write).isEqualTo("false");
            }
        });
        assertThat(objectPermissions.stream().map(p -> Xml.text(p, "object")).toList()).containsExactlyInAnyOrderElementsOf(expectedObjects);

        assertThat(Xml.children(set, "userPermissions").stream().map(p -> Xml.text(p, "name") + "=" + Xml.text(p, "enabled")).toList())
                .as("API access and nothing else").containsExactly("ApiEnabled=true");
    }

    @Test
    void field_history_is_tracked_for_exactly_the_fields_whose_history_the_poller_reads() throws Exception {
        assertThat(TRACKED).as("the poller reads some field history").isNotEmpty();
        Set<String> trackedInMetadata = new TreeSet<>();
        Set<String> objectsWithHistory = new TreeSet<>();
        try (Stream<Path> files = Files.walk(ORG.resolve("objects"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Element root = Xml.read(file).getDocumentElement();
                String object = file.getParent().getFileName().toString();
                if (file.getFileName().toString().endsWith(".object-meta.xml")) {
                    assertThat(Xml.text(root, "enableHistory")).as(file.toString()).isEqualTo("true");
                    objectsWithHistory.add(object);
                } else {
                    object = file.getParent().getParent().getFileName().toString();
                    assertThat(Xml.text(root, "trackHistory")).as(file.toString()).isEqualTo("true");
                    assertThat(file.getFileName().toString()).isEqualTo(Xml.text(root, "fullName") + ".field-meta.xml");
                    trackedInMetadata.add(object + "." + Xml.text(root, "fullName"));
                }
            }
        }
        assertThat(trackedInMetadata).containsExactlyInAnyOrderElementsOf(TRACKED);
        assertThat(objectsWithHistory).containsExactlyInAnyOrderElementsOf(TRACKED.stream().map(f -> f.substring(0, f.indexOf('.'))).distinct().toList());
    }

    @Test
    void the_external_client_app_asks_for_exactly_api_and_refresh_token_with_pkce_and_a_filled_in_callback() throws Exception {
        Element oauth = Xml.read(APP.resolve("extlClntAppOauthSettings/Gristmill_oauth.ecaOauth-meta.xml")).getDocumentElement();
        List<String> scopes = Arrays.stream(Xml.text(oauth, "commaSeparatedOauthScopes").split(",")).map(String::trim).toList();
        // Metadata names of the OAuth scopes the code requests ("api refresh_token").
        Map<String, String> metadataName = Map.of("api", "Api", "refresh_token", "RefreshToken");
        assertThat(scopes).containsExactlyInAnyOrderElementsOf(Arrays.stream(SalesforceOAuth.SCOPES.split(" ")).map(metadataName::get).toList());

        Element global = Xml.read(APP.resolve("extlClntAppGlobalOauthSets/Gristmill_glbloauth.ecaGlblOauth-meta.xml")).getDocumentElement();
        assertThat(Xml.text(global, "isPkceRequired")).isEqualTo("true");
        assertThat(Xml.text(global, "isConsumerSecretOptional")).isEqualTo("false");
        assertThat(Xml.text(global, "callbackUrl")).as("filled from the stack output by deploy-app.sh").isEqualTo("${SALESFORCE_CALLBACK_URL}");
        for (String flow : List.of("isClientCredentialsFlowEnabled", "isCodeCredFlowEnabled", "isDeviceFlowEnabled", "isNamedUserJwtEnabled",
                "isTokenExchangeEnabled")) {
            assertThat(Xml.text(global, flow)).as(flow + ": only the web server flow").isEqualTo("false");
        }
        Element policy = Xml.read(APP.resolve("extlClntAppOauthPolicies/Gristmill_oauthPlcy.ecaOauthPlcy-meta.xml")).getDocumentElement();
        assertThat(Xml.text(policy, "commaSeparatedPermissionSet")).isEqualTo("Gristmill_Integration");
        assertThat(Files.readString(PROJECT.resolve("deploy-app.sh"))).contains("${SALESFORCE_CALLBACK_URL}").contains("SalesforceCallbackUrl");
    }

    private static List<Path> metadataFiles() throws IOException {
        try (Stream<Path> files = Files.walk(PROJECT)) {
            return files.filter(f -> f.toString().endsWith("-meta.xml")).sorted().toList();
        }
    }

    /** Every concrete object sync of the poller, built with null collaborators: only its definition is read. */
    private static List<SalesforceObjectSync> everySync() throws IOException, ReflectiveOperationException, URISyntaxException {
        Path classes = Path.of(SalesforceObjectSync.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        String pkg = SalesforceObjectSync.class.getPackageName();
        List<SalesforceObjectSync> syncs = new ArrayList<>();
        try (Stream<Path> files = Files.list(classes.resolve(pkg.replace('.', '/')))) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith("Sync.class")).sorted().toList()) {
                Class<?> type = Class.forName(pkg + "." + file.getFileName().toString().replace(".class", ""));
                if (SalesforceObjectSync.class.isAssignableFrom(type) && !Modifier.isAbstract(type.getModifiers())) {
                    Constructor<?> constructor = type.getDeclaredConstructors()[0];
                    constructor.setAccessible(true);
                    syncs.add((SalesforceObjectSync) constructor.newInstance(new Object[constructor.getParameterCount()]));
                }
            }
        }
        assertThat(syncs).as("object syncs found").hasSizeGreaterThan(10);
        return syncs;
    }
}
