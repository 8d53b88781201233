package org.mlarena.common;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Which build of the platform runs: the Maven version and the source commit that {@code ./arena} passes to the build
 * ({@code -Darena.commit}; a build without it says "unrecorded"). Every run records it, so that a result can be traced
 * to the code that computed it.
 */
public final class ApplicationVersion {

    private static final Properties BUILD = read();

    private ApplicationVersion() {
    }

    private static Properties read() {
        try (InputStream in = ApplicationVersion.class.getResourceAsStream("/META-INF/arena-version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The Maven version, e.g. 0.1.0-SNAPSHOT. */
    public static String version() {
        return BUILD.getProperty("version", "unknown");
    }

    /** The source commit (git describe: a suffix -dirty when the tree had changes), or "unrecorded". */
    public static String commit() {
        String commit = BUILD.getProperty("commit", "");
        return commit.isBlank() || commit.startsWith("${") ? "unrecorded" : commit;
    }

    /** Both, as people read them: "0.1.0-SNAPSHOT, commit 93f61bf". */
    public static String describe() {
        return version() + ", commit " + commit();
    }
}
