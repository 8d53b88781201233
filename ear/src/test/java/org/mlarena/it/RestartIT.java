package org.mlarena.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.JsonObject;

import org.jboss.arquillian.container.test.api.ContainerController;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mlarena.it.support.Api;
import org.mlarena.it.support.Deployments;

/**
 * The embedded H2 database is a file under the data directory: what was stored before the server
 * stopped is there after it starts again.
 */
@ExtendWith(ArquillianExtension.class)
class RestartIT {

    private static final String CONTAINER = "wildfly-restartable";
    private static final String DEPLOYMENT = "arena-restart";

    @ArquillianResource
    ContainerController server;

    @ArquillianResource
    Deployer deployer;

    @Deployment(name = DEPLOYMENT, managed = false, testable = false)
    @TargetsContainer(CONTAINER)
    static EnterpriseArchive deployment() {
        return Deployments.ear();
    }

    @Test
    void storedRunsSurviveAServerRestart() {
        server.start(CONTAINER);
        deployer.deploy(DEPLOYMENT);
        try {
            String alice = Api.authorization("alice");
            Api.Answer started = Api.post("api/v1/device-checks", alice, "{\"size\": 32, \"seed\": 99}");
            assertEquals(202, started.status(), started.body());
            JsonObject before = Api.awaitFinished(started.header("Location"), alice);
            assertEquals("MATCHED", before.getString("status"));

            server.stop(CONTAINER);
            server.start(CONTAINER);

            Api.Answer after = Api.get("api/v1/device-checks/" + before.getJsonNumber("id"), alice);
            assertEquals(200, after.status(), after.body());
            assertEquals(before, after.json(), "the run reads back exactly as it was stored");
        } finally {
            // leave the shared server directory without this deployment, whatever happened
            if (!server.isStarted(CONTAINER)) {
                server.start(CONTAINER);
            }
            try {
                deployer.undeploy(DEPLOYMENT);
            } finally {
                server.stop(CONTAINER);
            }
        }
    }
}
