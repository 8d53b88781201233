package org.mlarena.platform.boundary;

import java.time.Instant;
import java.util.List;

import org.mlarena.numerics.ComputeDevice;
import org.mlarena.platform.control.NodeRoster;

/**
 * What ML Arena runs on, as the status resource and the home page show it.
 *
 * @param application         the product name
 * @param version             the build's version
 * @param time                when this was read
 * @param signIn              {@code oidc} (corporate SSO) or {@code form} (built-in demo users)
 * @param database            the database really connected to
 * @param persistenceProvider the JPA provider's entity-manager class and version
 * @param numerics            the numerics device and why it was chosen
 * @param node                the node that answered (one of {@code nodes})
 * @param nodes               the nodes that run pipelines on the shared database, this one among them, with what each runs
 */
public record PlatformStatus(String application, String version, Instant time, String signIn, Database database,
                             PersistenceProvider persistenceProvider, NumericsDevice numerics, String node, List<NodeRoster.Node> nodes) {

    /**
     * @param kind    {@code h2} or {@code postgresql}, as configured by {@code arena.db}
     * @param product the product name the JDBC driver reports
     * @param version the product version
     * @param url     the JDBC URL (it never contains a password)
     */
    public record Database(String kind, String product, String version, String url) {
    }

    /**
     * @param name          e.g. {@code EclipseLink}
     * @param version       e.g. {@code 4.0.9.v202...}
     * @param entityManager the class of the provider's entity manager: the proof of which provider runs
     */
    public record PersistenceProvider(String name, String version, String entityManager) {
    }

    /**
     * @param device    the device every kernel of this deployment runs on
     * @param selection why it was chosen
     * @param available every OpenCL device found
     */
    public record NumericsDevice(ComputeDevice device, String selection, List<ComputeDevice> available) {
    }
}
