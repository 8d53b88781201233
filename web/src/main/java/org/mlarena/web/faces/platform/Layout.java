package org.mlarena.web.faces.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.mlarena.platform.boundary.PlatformStatusService;
import org.mlarena.settings.Settings;

/**
 * What every page's frame shows, and the help contact: {@code arena.help.contact} (environment ARENA_HELP_CONTACT), an
 * e-mail address or a web address of the team that runs the platform.
 */
@Named
@ApplicationScoped
public class Layout {

    @Inject
    PlatformStatusService platform;

    public static final String HELP_CONTACT = "arena.help.contact";
    public static final String DEFAULT_HELP_CONTACT = "ml-arena-support@example.org";

    /** The node that served the page (in a cluster, which one of them). */
    public String getNode() {
        return org.mlarena.common.ServerNode.name();
    }

    public String getVersion() {
        return platform.version();
    }

    /** The help contact as written in the setting. */
    public String getHelpContact() {
        return Settings.read(HELP_CONTACT, DEFAULT_HELP_CONTACT).strip();
    }

    /** A link to the help contact: a web address as it is, an e-mail address as a mailto: link. */
    public String getHelpLink() {
        String contact = getHelpContact();
        return contact.startsWith("http://") || contact.startsWith("https://") || contact.startsWith("mailto:") ? contact : "mailto:" + contact;
    }
}
