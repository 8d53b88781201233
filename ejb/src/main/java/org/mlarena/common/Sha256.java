package org.mlarena.common;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256, as the platform prints it everywhere (stored files, the dataset's checksum, predictions, the split's
 * commitment, remembered credentials): lowercase hex, so that anyone can check it with {@code sha256sum}.
 */
public final class Sha256 {

    private Sha256() {
    }

    /** A fresh digest, for data that arrives in parts (a file as it is written). */
    public static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** The hex of a finished digest. */
    public static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The SHA-256 of a text's UTF-8 bytes (ASCII text hashes the same), in hex. */
    public static String hex(String text) {
        return HexFormat.of().formatHex(digest().digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
