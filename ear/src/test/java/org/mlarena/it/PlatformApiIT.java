package org.mlarena.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Date;
import java.util.List;

import jakarta.json.JsonObject;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mlarena.it.support.Api;
import org.mlarena.it.support.Deployments;
import org.mlarena.it.support.OidcProvider;
import org.mlarena.it.support.TestEnvironment;

/**
 * The REST API of the real EAR on the real WildFly: status, authentication (401 as JSON, wrong
 * credentials, bearer tokens from the OIDC provider), device checks as batch jobs on OpenCL, problems
 * for malformed input, and the OpenAPI document.
 */
@ExtendWith(ArquillianExtension.class)
class PlatformApiIT {

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.ear();
    }

    @Test
    void statusReportsVersionDatabaseEclipseLinkAndTheOpenClDevice() {
        Api.Answer answer = Api.get("api/v1/status", null);
        assertEquals(200, answer.status(), answer.body());
        JsonObject status = answer.json();
        assertEquals("ML Arena", status.getString("application"));
        assertTrue(status.getString("version").matches("\\d+\\.\\d+\\.\\d+.*"), status.toString());
        JsonObject database = status.getJsonObject("database");
        assertEquals(TestEnvironment.databaseKind(), database.getString("kind"));
        assertEquals(TestEnvironment.databaseKind().equals("h2") ? "H2" : "PostgreSQL", database.getString("product"));
        if (TestEnvironment.databaseKind().equals("h2")) {
            assertTrue(database.getString("url").startsWith("jdbc:h2:file:"), "H2 must run in file mode: " + database);
        }
        JsonObject provider = status.getJsonObject("persistenceProvider");
        assertEquals("EclipseLink", provider.getString("name"));
        assertEquals("org.eclipse.persistence.internal.jpa.EntityManagerImpl", provider.getString("entityManager"));
        JsonObject device = status.getJsonObject("numerics").getJsonObject("device");
        assertEquals("OpenCL", device.getString("backend"), status.toString());
        assertEquals(TestEnvironment.oidc() ? "oidc" : "form", status.getString("signIn"));
    }

    @Test
    void anonymousCallsGet401AsJsonWithAChallenge() {
        Api.Answer answer = Api.get("api/v1/me", null);
        assertEquals(401, answer.status());
        assertTrue(answer.contentType().startsWith("application/problem+json"), answer.contentType());
        assertTrue(answer.json().getString("detail").startsWith("Sign-in required"), answer.body());
        assertNotNull(answer.header("WWW-Authenticate"));
        assertEquals(401, Api.get("api/v1/device-checks", null).status());
    }

    @Test
    void signedInUsersSeeThemselvesWithTheirRoles() {
        JsonObject alice = Api.get("api/v1/me", Api.authorization("alice")).json();
        assertEquals("alice", alice.getString("name"));
        assertEquals("[\"user\"]", alice.getJsonArray("roles").toString());
        JsonObject hana = Api.get("api/v1/me", Api.authorization("hana")).json();
        assertEquals("[\"host\",\"user\"]", hana.getJsonArray("roles").toString());
    }

    @Test
    void wrongCredentialsGetAClear401() throws Exception {
        if (TestEnvironment.oidc()) {
            Api.Answer expired = Api.get("api/v1/me", "Bearer " + OidcProvider.token("alice", List.of(), -3600));
            assertEquals(401, expired.status());
            assertTrue(expired.json().getString("detail").contains("rejected"), expired.body());

            RSAKey foreignKey = new RSAKeyGenerator(2048).keyID("not-the-providers").generate();
            SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("not-the-providers").build(),
                    new JWTClaimsSet.Builder().issuer(OidcProvider.server().issuerUrl(OidcProvider.ISSUER_ID).toString())
                            .audience(OidcProvider.CLIENT_ID).subject("mallory").claim("preferred_username", "mallory")
                            .issueTime(new Date()).expirationTime(new Date(System.currentTimeMillis() + 600_000)).build());
            forged.sign(new RSASSASigner(foreignKey));
            Api.Answer rejected = Api.get("api/v1/me", "Bearer " + forged.serialize());
            assertEquals(401, rejected.status());
            assertTrue(rejected.contentType().startsWith("application/problem+json"));

            Api.Answer basic = Api.get("api/v1/me", Api.basic("alice", "alice"));
            assertEquals(401, basic.status());
            assertTrue(basic.json().getString("detail").contains("bearer token"), basic.body());
        } else {
            Api.Answer wrong = Api.get("api/v1/me", Api.basic("alice", "not-her-password"));
            assertEquals(401, wrong.status());
            assertEquals("Wrong user name or password.", wrong.json().getString("detail"));
            Api.Answer garbage = Api.get("api/v1/me", "Basic %%%");
            assertEquals(401, garbage.status());
            assertTrue(garbage.json().getString("detail").contains("Base64"), garbage.body());
            Api.Answer bearer = Api.get("api/v1/me", "Bearer abc");
            assertEquals(401, bearer.status());
        }
    }

    @Test
    void aDeviceCheckRunsAsABatchJobOnOpenClAndEqualsJava() {
        String alice = Api.authorization("alice");
        Api.Answer started = Api.post("api/v1/device-checks", alice, "{\"size\": 96, \"seed\": 7}");
        assertEquals(202, started.status(), started.body());
        String location = started.header("Location");
        assertNotNull(location);
        JsonObject run = Api.awaitFinished(location, alice);
        assertEquals("MATCHED", run.getString("status"), run.toString());
        assertEquals("OpenCL", run.getString("backend"), run.toString());
        assertTrue(List.of("CPU", "GPU").contains(run.getString("deviceType")), run.toString());
        assertEquals(0, run.getInt("mismatches"));
        assertEquals(2L * 96 * 96 * 96, run.getJsonNumber("flops").longValue());
        assertEquals("alice", run.getString("requestedBy"));
        assertTrue(run.getJsonNumber("jobExecutionId").longValue() > 0);

        JsonObject page = Api.get("api/v1/device-checks?first=0&max=1", alice).json();
        assertEquals(1, page.getJsonArray("items").size());
        assertTrue(page.getJsonNumber("total").longValue() >= 1);

        // a run is its requester's (and the platform hosts'): bob neither reads nor lists alice's
        String bob = Api.authorization("bob");
        long id = run.getJsonNumber("id").longValue();
        assertEquals(404, Api.get("api/v1/device-checks/" + id, bob).status(), "bob reads alice's run");
        JsonObject bobs = Api.get("api/v1/device-checks?max=100", bob).json();
        bobs.getJsonArray("items").forEach(r -> assertEquals("bob", r.asJsonObject().getString("requestedBy"), bobs.toString()));
        assertEquals(200, Api.get("api/v1/device-checks/" + id, Api.authorization("hana")).status(), "a platform host reads every run");
        assertTrue(Api.get("api/v1/device-checks?max=100", Api.authorization("hana")).body().contains("\"id\":" + id));
    }

    @Test
    void malformedRequestsGet4xxProblemsNeverA500() {
        String bob = Api.authorization("bob");
        Api.Answer broken = Api.post("api/v1/device-checks", bob, "{\"size\": ");
        assertEquals(400, broken.status(), broken.body());
        assertTrue(broken.contentType().startsWith("application/problem+json"));
        assertFalse(broken.body().contains("Exception"), "no exception names or stack traces: " + broken.body());

        Api.Answer wrongType = Api.post("api/v1/device-checks", bob, "{\"size\": \"large\"}");
        assertEquals(400, wrongType.status(), wrongType.body());

        Api.Answer tooLarge = Api.post("api/v1/device-checks", bob, "{\"size\": 5000}");
        assertEquals(400, tooLarge.status(), tooLarge.body());
        JsonObject problem = tooLarge.json();
        assertEquals("size must be between 1 and 1024, got 5000", problem.getString("detail"));
        assertEquals("size", problem.getJsonArray("errors").getJsonObject(0).getString("field"));

        Api.Answer missing = Api.get("api/v1/device-checks/987654", bob);
        assertEquals(404, missing.status());
        assertEquals("There is no device check 987654.", missing.json().getString("detail"));

        Api.Answer badPage = Api.get("api/v1/device-checks?first=-1", bob);
        assertEquals(400, badPage.status(), badPage.body());
        Api.Answer hugePage = Api.get("api/v1/device-checks?max=100000", bob);
        assertEquals(400, hugePage.status(), "every list refuses more than 100 at once: " + hugePage.body());

        Api.Answer notANumber = Api.get("api/v1/device-checks/abc", bob);
        assertEquals(404, notANumber.status(), notANumber.body());
        assertTrue(notANumber.contentType().startsWith("application/problem+json"));
    }

    @Test
    void theOpenApiDocumentDescribesTheApi() {
        Api.Answer answer = Api.getAbsolute(TestEnvironment.SERVER_URL + "openapi?format=JSON");
        assertEquals(200, answer.status(), answer.body());
        JsonObject paths = answer.json().getJsonObject("paths");
        for (String path : List.of("/arena/api/v1/status", "/arena/api/v1/me", "/arena/api/v1/device-checks", "/arena/api/v1/device-checks/{id}")) {
            assertTrue(paths.containsKey(path), path + " missing from " + paths.keySet());
        }
        assertEquals("ML Arena API", answer.json().getJsonObject("info").getString("title"));
    }
}
