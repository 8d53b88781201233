package org.mlarena.common;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.mlarena.settings.Settings;

/**
 * The name of this server among the nodes of a cluster: {@code arena.node} (ARENA_NODE), else WildFly's
 * {@code jboss.node.name} (which {@code ./arena cluster} sets per node and WildFly's clustering uses too), else the host
 * name. Runs record the node that executes them, so that each node watches only its own and a node that stopped
 * answering gives its runs back.
 */
public final class ServerNode {

    public static final String SETTING = "arena.node";
    public static final int NAME_LENGTH = 100;

    private ServerNode() {
    }

    /** Read once: the name cannot change while the server runs, and the host name may take a lookup. */
    private static final class Once {
        static final String NAME = read();
    }

    public static String name() {
        return Once.NAME;
    }

    private static String read() {
        String name = Settings.read(SETTING).orElse(System.getProperty("jboss.node.name"));
        if (name == null || name.isBlank()) {
            try {
                name = InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                name = "local";
            }
        }
        name = name.strip();
        return name.length() <= NAME_LENGTH ? name : name.substring(0, NAME_LENGTH);
    }
}
