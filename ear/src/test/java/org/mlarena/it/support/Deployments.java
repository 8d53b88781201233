package org.mlarena.it.support;

import java.io.File;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;

/** The EAR that the build made, as it is: the integration tests deploy the real artifact. */
public final class Deployments {

    public static final String EAR = "arena.ear";

    private Deployments() {
    }

    public static EnterpriseArchive ear() {
        File built = new File("target/" + EAR);
        if (!built.isFile()) {
            throw new IllegalStateException(built.getAbsolutePath() + " is missing: run the integration tests through Maven (mvn verify)");
        }
        return ShrinkWrap.create(ZipImporter.class, EAR).importFrom(built).as(EnterpriseArchive.class);
    }
}
