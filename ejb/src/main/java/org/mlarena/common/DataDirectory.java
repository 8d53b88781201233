package org.mlarena.common;

import java.nio.file.Path;

import org.mlarena.settings.Settings;

/**
 * Where the platform keeps files (datasets, uploads, checkpoints): {@code arena.data.dir} or
 * {@code ARENA_DATA_DIR}, else {@code <server data dir>/arena}, the same place as the embedded database.
 */
public final class DataDirectory {

    private DataDirectory() {
    }

    public static Path root() {
        String configured = Settings.read("arena.data.dir", null);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath();
        }
        String server = System.getProperty("jboss.server.data.dir", System.getProperty("java.io.tmpdir"));
        return Path.of(server, "arena").toAbsolutePath();
    }

    public static Path datasets() {
        return root().resolve("datasets");
    }

    public static Path uploads() {
        return root().resolve("uploads");
    }

    public static Path models() {
        return root().resolve("models");
    }
}
