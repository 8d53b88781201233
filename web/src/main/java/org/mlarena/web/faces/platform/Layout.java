package org.mlarena.web.faces.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.mlarena.platform.boundary.PlatformStatusService;

/** What every page's frame shows. */
@Named
@ApplicationScoped
public class Layout {

    @Inject
    PlatformStatusService platform;

    public String getVersion() {
        return platform.version();
    }
}
