package org.mlarena.it.support;

import org.jboss.arquillian.container.test.api.ContainerController;
import org.jboss.arquillian.container.test.api.Deployer;

/** The server of the restart tests, started and stopped by the test itself (arquillian.xml: wildfly-restartable). */
public final class RestartableServer {

    public static final String CONTAINER = "wildfly-restartable";

    private RestartableServer() {
    }

    /** Starts the server, deploys, runs the test, and always leaves the shared server directory without the deployment. */
    public static void run(ContainerController server, Deployer deployer, String deployment, Runnable test) {
        server.start(CONTAINER);
        deployer.deploy(deployment);
        try {
            test.run();
        } finally {
            if (!server.isStarted(CONTAINER)) {
                server.start(CONTAINER);
            }
            try {
                deployer.undeploy(deployment);
            } finally {
                server.stop(CONTAINER);
            }
        }
    }
}
