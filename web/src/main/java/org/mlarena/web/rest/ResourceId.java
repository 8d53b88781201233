package org.mlarena.web.rest;

import org.mlarena.common.ResourceNotFoundException;

/**
 * The numeric id in a resource's address. One that is not a whole number names nothing: 404 with a message,
 * as for an unknown id, never the container's bare 404.
 */
public final class ResourceId {

    private ResourceId() {
    }

    /**
     * @param kind what the id names, e.g. "experiment"
     */
    public static long parse(String kind, String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException | NullPointerException e) {
            throw new ResourceNotFoundException("There is no " + kind + " '" + value + "': " + kind + " ids are whole numbers.");
        }
    }
}
