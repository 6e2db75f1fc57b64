package io.gristmill.directory;

import static io.gristmill.http.ApiRouterTestSupport.assertError;
import static io.gristmill.testing.HttpApiEvent.admin;
import static io.gristmill.testing.HttpApiEvent.caller;
import static io.gristmill.testing.HttpApiEvent.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.gristmill.testing.HttpApiEvent;
import io.gristmill.testing.Ids;
import io.quarkus.test.junit.QuarkusTest;

/** {@code /tenants/{tenantId}/employees} through the Lambda mock event server. */
@QuarkusTest
class DirectoryApiTest {

    private static Map<String, Object> person(String name, String email, String salesforceUserId, String frontTeammateId) {
        Map<String, Object> identities = new HashMap<>();
        identities.put("salesforceUserId", salesforceUserId);
        identities.put("frontTeammateId", frontTeammateId);
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("email", email);
        body.put("groups", List.of("sales"));
        body.put("identities", identities);
        return body;
    }

    private static HttpApiEvent.Response put(String tenant, String employeeId, Map<String, Object> body) {
        return request("PUT", "/tenants/" + tenant + "/employees/" + employeeId).claims(admin(tenant)).jsonBody(body).send();
    }

    @Test
    void an_admin_creates_an_employee_and_reads_it_back() {
        String tenant = Ids.tenant();
        HttpApiEvent.Response created = put(tenant, "emp-1", person("Ada Lovelace", "ada@acme.test", "005000000000001AAA", "tea_ada"));

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("etag")).isEqualTo("\"1\"");
        HttpApiEvent.Response read = request("GET", "/tenants/" + tenant + "/employees/emp-1").claims(admin(tenant)).send();
        assertThat(read.body().get("name").asText()).isEqualTo("Ada Lovelace");
        assertThat(read.body().at("/identities/salesforceUserId").asText()).isEqualTo("005000000000001AAA");
        assertThat(read.body().at("/identities/frontTeammateId").asText()).isEqualTo("tea_ada");
        assertThat(read.body().get("active").asBoolean()).isTrue();
    }

    @jakarta.inject.Inject
    IdentityLinks links;

    @Test
    void each_field_records_who_set_it() {
        String tenant = Ids.tenant();
        put(tenant, "emp-1", person("Ada Lovelace", "ada@acme.test", null, null));

        HttpApiEvent.Response read = request("GET", "/tenants/" + tenant + "/employees/emp-1").claims(admin(tenant)).send();

        assertThat(read.body().at("/sources/managerId").asText()).isEqualTo("ADMIN");
        assertThat(read.body().get("sources").size()).isEqualTo(io.gristmill.directory.Employee.FIELDS.size());
    }

    @Test
    void an_admin_approves_or_rejects_a_link_proposed_by_e_mail() {
        String tenant = Ids.tenant();
        put(tenant, "emp-1", person("Ada Lovelace", "ada@acme.test", null, null));
        put(tenant, "emp-2", person("Bob Byte", "bob@acme.test", null, null));
        links.propose(tenant, IdentityKind.SALESFORCE, "005000000000001AAA", "emp-1", "ada@acme.test", "Ada L.");
        links.propose(tenant, IdentityKind.FRONT, "tea_bob", "emp-2", "bob@acme.test", "Bob");
        String base = "/tenants/" + tenant + "/identity-links";

        HttpApiEvent.Response listed = request("GET", base).claims(admin(tenant)).send();
        assertThat(listed.body().get("links").findValuesAsText("status")).containsOnly("pending").hasSize(2);
        assertError(request("GET", base).claims(caller(tenant, "manager", "emp-9")).send(), 403, "forbidden");
        assertError(request("POST", base + "/salesforce/005000000000001AAA/approve").claims(caller(tenant, "manager", "emp-9")).send(),
                403, "forbidden");

        HttpApiEvent.Response approved = request("POST", base + "/salesforce/005000000000001AAA/approve").claims(admin(tenant)).send();
        assertThat(approved.status()).isEqualTo(200);
        assertThat(approved.body().at("/identities/salesforceUserId").asText()).isEqualTo("005000000000001AAA");
        assertThat(approved.body().at("/sources/salesforceUserId").asText()).isEqualTo("ADMIN");
        HttpApiEvent.Response rejected = request("POST", base + "/front/tea_bob/reject").claims(admin(tenant)).send();
        assertThat(rejected.body().get("status").asText()).isEqualTo("rejected");

        assertThat(request("GET", "/tenants/" + tenant + "/employees/emp-2").claims(admin(tenant)).send().body()
                .at("/identities/frontTeammateId").textValue()).as("Bob stays unlinked").isNull();
        assertThat(links.find(tenant, IdentityKind.FRONT, "tea_bob")).get().extracting(IdentityLinks.Link::status).isEqualTo("rejected");
        assertThat(links.propose(tenant, IdentityKind.FRONT, "tea_bob", "emp-2", "bob@acme.test", "Bob")).as("not proposed again").isFalse();
        assertError(request("POST", base + "/salesforce/005000000000001AAA/approve").claims(admin(tenant)).send(), 404, "not_found");
        assertError(request("POST", base + "/slack/U123/approve").claims(admin(tenant)).send(), 400, "bad_request");
    }

    @Test
    void the_list_is_paged_with_limit_and_after() {
        String tenant = Ids.tenant();
        for (int i = 1; i <= 5; i++) {
            put(tenant, "emp-" + i, person("Person " + i, "p" + i + "@acme.test", null, null));
        }
        HttpApiEvent.Response first = request("GET", "/tenants/" + tenant + "/employees?limit=2").claims(admin(tenant)).send();
        assertThat(first.body().get("employees").size()).isEqualTo(2);
        String next = first.body().get("next").asText();

        HttpApiEvent.Response rest = request("GET", "/tenants/" + tenant + "/employees?limit=10&after=" + next)
                .claims(admin(tenant)).send();
        assertThat(rest.body().get("employees").size()).isEqualTo(3);
        assertThat(rest.body().get("next").isNull()).isTrue();

        assertError(request("GET", "/tenants/" + tenant + "/employees?limit=0").claims(admin(tenant)).send(), 400, "bad_request");
    }

    @Test
    void an_external_identity_cannot_belong_to_two_employees() {
        String tenant = Ids.tenant();
        put(tenant, "emp-1", person("Ada", "ada@acme.test", "005000000000001AAA", null));

        HttpApiEvent.Response clash = put(tenant, "emp-2", person("Bob", "bob@acme.test", "005000000000001AAA", null));

        assertError(clash, 409, "conflict");
        assertThat(clash.body().get("message").asText()).contains("005000000000001AAA");
        assertError(request("GET", "/tenants/" + tenant + "/employees/emp-2").claims(admin(tenant)).send(), 404, "not_found");
    }

    @Test
    void an_email_cannot_belong_to_two_employees_whatever_its_case() {
        String tenant = Ids.tenant();
        put(tenant, "emp-1", person("Ada", "ada@acme.test", null, null));

        assertError(put(tenant, "emp-2", person("Ada Two", "ADA@Acme.test", null, null)), 409, "conflict");
    }

    @Test
    void a_changed_identity_releases_the_old_one() {
        String tenant = Ids.tenant();
        put(tenant, "emp-1", person("Ada", "ada@acme.test", "005000000000001AAA", null));
        put(tenant, "emp-1", person("Ada", "ada@acme.test", "005000000000002AAA", null));

        HttpApiEvent.Response reuse = put(tenant, "emp-2", person("Bob", "bob@acme.test", "005000000000001AAA", null));
        assertThat(reuse.status()).isEqualTo(201);
    }

    @Test
    void if_match_with_a_stale_version_is_refused() {
        String tenant = Ids.tenant();
        put(tenant, "emp-1", person("Ada", "ada@acme.test", null, null));
        put(tenant, "emp-1", person("Ada L.", "ada@acme.test", null, null));

        HttpApiEvent.Response stale = request("PUT", "/tenants/" + tenant + "/employees/emp-1").claims(admin(tenant))
                .header("If-Match", "\"1\"").jsonBody(person("Ada Stale", "ada@acme.test", null, null)).send();

        assertError(stale, 409, "conflict");
        HttpApiEvent.Response read = request("GET", "/tenants/" + tenant + "/employees/emp-1").claims(admin(tenant)).send();
        assertThat(read.body().get("name").asText()).isEqualTo("Ada L.");
        assertThat(read.body().get("version").asLong()).isEqualTo(2);
    }

    @Test
    void a_manager_must_exist_and_cannot_be_the_employee() {
        String tenant = Ids.tenant();
        Map<String, Object> body = person("Ada", "ada@acme.test", null, null);
        body.put("managerId", "emp-nobody");
        assertError(put(tenant, "emp-1", body), 400, "bad_request");

        body.put("managerId", "emp-1");
        assertError(put(tenant, "emp-1", body), 400, "bad_request");
    }

    @Test
    void deactivating_keeps_the_record_and_stamps_when() {
        String tenant = Ids.tenant();
        put(tenant, "emp-1", person("Ada", "ada@acme.test", null, null));
        Map<String, Object> body = person("Ada", "ada@acme.test", null, null);
        body.put("active", false);
        body.put("deactivatedAt", "2026-11-20T12:00:00Z");

        HttpApiEvent.Response response = put(tenant, "emp-1", body);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().get("active").asBoolean()).isFalse();
        assertThat(response.body().get("deactivatedAt").asText()).isEqualTo("2026-11-20T12:00:00Z");
    }

    @Test
    void bad_input_is_a_400_naming_the_field() {
        String tenant = Ids.tenant();
        Map<String, Object> wrongType = person("Ada", "ada@acme.test", null, null);
        wrongType.put("active", "yes");
        HttpApiEvent.Response type = put(tenant, "emp-1", wrongType);
        assertError(type, 400, "bad_request");
        assertThat(type.body().get("message").asText()).contains("active");

        Map<String, Object> badId = person("Ada", "ada@acme.test", "not-a-user-id", null);
        HttpApiEvent.Response id = put(tenant, "emp-1", badId);
        assertError(id, 400, "bad_request");
        assertThat(id.body().get("message").asText()).contains("salesforceUserId");

        Map<String, Object> unknown = person("Ada", "ada@acme.test", null, null);
        unknown.put("salary", 100);
        HttpApiEvent.Response field = put(tenant, "emp-1", unknown);
        assertError(field, 400, "bad_request");
        assertThat(field.body().get("message").asText()).contains("'salary'");

        assertError(put(tenant, "bad%2Fid", person("Ada", "ada@acme.test", null, null)), 400, "bad_request");
    }

    @Test
    void only_admins_of_the_tenant_see_or_change_the_directory() {
        String tenant = Ids.tenant();
        put(tenant, "emp-1", person("Ada", "ada@acme.test", null, null));

        assertError(request("GET", "/tenants/" + tenant + "/employees").claims(caller(tenant, "manager", "emp-1")).send(),
                403, "forbidden");
        assertError(request("PUT", "/tenants/" + tenant + "/employees/emp-2").claims(caller(tenant, "manager", "emp-1"))
                .jsonBody(person("Eve", "eve@acme.test", null, null)).send(), 403, "forbidden");
        assertError(request("GET", "/tenants/" + tenant + "/employees").claims(admin(Ids.tenant())).send(), 404, "not_found");
        assertError(request("GET", "/tenants/" + tenant + "/employees/emp-1").claims(admin(Ids.tenant())).send(), 404, "not_found");

        HttpApiEvent.Response list = request("GET", "/tenants/" + tenant + "/employees").claims(admin(tenant)).send();
        assertThat(list.body().get("employees").size()).as("Eve was not created").isEqualTo(1);
    }
}
