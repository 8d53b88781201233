package org.mlarena.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mlarena.it.support.Deployments;

/** Inside the server: the persistence unit of the ejb module is served by EclipseLink, not Hibernate. */
@ExtendWith(ArquillianExtension.class)
class PersistenceProviderIT {

    @Deployment
    static EnterpriseArchive deployment() {
        EnterpriseArchive ear = Deployments.ear();
        WebArchive web = ear.getAsType(WebArchive.class, "arena-web.war");
        web.addClass(PersistenceProviderIT.class);
        // Arquillian's servlet protocol calls its runner without credentials: make it public in this test WAR
        String webXml = new String(readAll(web.get("WEB-INF/web.xml").getAsset().openStream()), StandardCharsets.UTF_8);
        web.setWebXML(new StringAsset(webXml.replace("<url-pattern>/api/*</url-pattern>",
                "<url-pattern>/api/*</url-pattern><url-pattern>/ArquillianServletRunnerEE9</url-pattern>")));
        ear.delete("arena-web.war");
        return ear.addAsModule(web);
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @PersistenceContext(unitName = "arena-ejb.jar#arena")
    EntityManager em;

    @Test
    void theProviderInUseIsEclipseLink() {
        assertEquals("org.eclipse.persistence.internal.jpa.EntityManagerImpl", em.getDelegate().getClass().getName());
        assertTrue(em.getEntityManagerFactory().getClass().getName().startsWith("org.eclipse.persistence."),
                em.getEntityManagerFactory().getClass().getName());
    }

    @Test
    void eclipseLinkCreatedTheSchemaAndMapsTheEntities() {
        assertTrue(em.getMetamodel().getEntities().stream().anyMatch(e -> e.getName().equals("DeviceCheckRun")));
        Object rows = em.createNativeQuery("SELECT COUNT(*) FROM DEVICE_CHECK_RUN").getSingleResult();
        assertTrue(rows instanceof Number, "the DEVICE_CHECK_RUN table exists and answers a count: " + rows);
        assertEquals(((Number) rows).longValue(),
                em.createQuery("SELECT COUNT(r) FROM DeviceCheckRun r", Long.class).getSingleResult().longValue());
    }
}
