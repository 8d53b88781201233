package org.mlarena.platform.boundary;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.time.Instant;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.mlarena.common.ApplicationVersion;
import org.mlarena.common.ServerNode;
import org.mlarena.identity.control.SignInSettings;
import org.mlarena.numerics.Numerics;
import org.mlarena.platform.control.NodeRoster;
import org.mlarena.settings.Settings;

/** Reports what the platform runs on. Public: integrations use it as a health check. */
@Stateless
@PermitAll
public class PlatformStatusService {

    public static final String APPLICATION = "ML Arena";
    private static final String VERSION = ApplicationVersion.describe();

    @PersistenceContext(unitName = "arena")
    EntityManager em;

    @Inject
    NodeRoster roster;

    public PlatformStatus status() {
        Numerics numerics = Numerics.get();
        return new PlatformStatus(APPLICATION, VERSION, Instant.now(), SignInSettings.fromEnvironment().mode(), database(),
                persistenceProvider(),
                new PlatformStatus.NumericsDevice(numerics.device(), numerics.selectionReason(), numerics.discovered()), ServerNode.name(), roster.nodes());
    }

    public String version() {
        return VERSION;
    }

    private PlatformStatus.Database database() {
        // EclipseLink hands out the transaction's JDBC connection; it stays owned by the persistence context.
        Connection connection = em.unwrap(Connection.class);
        try {
            DatabaseMetaData meta = connection.getMetaData();
            return new PlatformStatus.Database(Settings.read("arena.db", "h2"), meta.getDatabaseProductName(),
                    meta.getDatabaseProductVersion(), meta.getURL());
        } catch (SQLException e) {
            return new PlatformStatus.Database(Settings.read("arena.db", "h2"), "unreachable: " + e.getMessage(), "", "");
        }
    }

    private PlatformStatus.PersistenceProvider persistenceProvider() {
        Object delegate = em.getDelegate();
        Package pkg = delegate.getClass().getPackage();
        String name = delegate.getClass().getName().startsWith("org.eclipse.persistence") ? "EclipseLink" : pkg.getName();
        return new PlatformStatus.PersistenceProvider(name, providerVersion(delegate), delegate.getClass().getName());
    }

    private static String providerVersion(Object delegate) {
        try {
            Class<?> version = Class.forName("org.eclipse.persistence.Version", false, delegate.getClass().getClassLoader());
            return String.valueOf(version.getMethod("getVersionString").invoke(null));
        } catch (ReflectiveOperationException e) {
            String v = delegate.getClass().getPackage().getImplementationVersion();
            return v == null ? "unknown" : v;
        }
    }
}
