package org.mlarena.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.JsonObject;

import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mlarena.it.support.Api;
import org.mlarena.it.support.Deployments;

/**
 * Aparapi loads a JNI library, which the JVM lets only one class loader load: deploy, undeploy and deploy
 * the EAR again in the same server, and the kernel must still run on the OpenCL device.
 */
@ExtendWith(ArquillianExtension.class)
class RedeployIT {

    private static final String DEPLOYMENT = "arena-redeployed";

    @ArquillianResource
    Deployer deployer;

    @Deployment(name = DEPLOYMENT, managed = false, testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.ear();
    }

    @Test
    void kernelsRunOnOpenClAfterARedeploy() {
        deployer.deploy(DEPLOYMENT);
        try {
            assertRunsOnOpenCl(11);
        } finally {
            deployer.undeploy(DEPLOYMENT);
        }
        assertEquals(404, Api.get("api/v1/status", null).status(), "the application is gone after undeploy");
        deployer.deploy(DEPLOYMENT);
        try {
            assertRunsOnOpenCl(12);
        } finally {
            deployer.undeploy(DEPLOYMENT);
        }
    }

    private static void assertRunsOnOpenCl(long seed) {
        String alice = Api.authorization("alice");
        Api.Answer started = Api.post("api/v1/device-checks", alice, "{\"size\": 64, \"seed\": " + seed + "}");
        assertEquals(202, started.status(), started.body());
        JsonObject run = Api.awaitFinished(started.header("Location"), alice);
        assertEquals("MATCHED", run.getString("status"), run.toString());
        assertEquals("OpenCL", run.getString("backend"), run.toString());
    }
}
