package org.mlarena.numerics.data;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * A binary file whose content is followed by a CRC-32 of it, written to a temporary sibling and moved into place so
 * that a reader never sees half of it: what the model files (a network's weights, boosted trees) are stored as. Their
 * formats write and read the content; this class owns the checksum, the atomic move and what a broken file is told as.
 */
public final class ChecksummedFile {

    /** Writes the content. */
    public interface Content {
        void write(DataOutputStream out) throws IOException;
    }

    /** Reads the content back (it may refuse it with a message). */
    public interface Parser<T> {
        T read(DataInputStream in) throws IOException, InvalidDataException;
    }

    private ChecksummedFile() {
    }

    public static void write(Path file, Content content) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        CRC32 crc = new CRC32();
        try (OutputStream raw = new BufferedOutputStream(Files.newOutputStream(temporary), 1 << 16);
             CheckedOutputStream checked = new CheckedOutputStream(raw, crc);
             DataOutputStream out = new DataOutputStream(checked)) {
            content.write(out);
            out.flush();
            new DataOutputStream(raw).writeLong(crc.getValue());
        }
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Reads a file's content and checks its checksum.
     *
     * @param name        how messages name the file
     * @param whenCorrupt what a person can do about a wrong checksum, appended to that message ("" for nothing)
     */
    public static <T> T read(Path file, String name, String whenCorrupt, Parser<T> parser) throws InvalidDataException {
        CRC32 crc = new CRC32();
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
             CheckedInputStream checked = new CheckedInputStream(raw, crc);
             DataInputStream in = new DataInputStream(checked)) {
            T content = parser.read(in);
            long computed = crc.getValue();
            long stored = new DataInputStream(raw).readLong();
            if (stored != computed) {
                throw new InvalidDataException(name + ": is corrupt (checksum " + Long.toHexString(stored) + " stored, "
                        + Long.toHexString(computed) + " computed)" + whenCorrupt);
            }
            if (raw.read() >= 0) {
                throw new InvalidDataException(name + ": has bytes after its checksum; the file is corrupt");
            }
            return content;
        } catch (NoSuchFileException e) {
            throw new InvalidDataException(name + ": no such file");
        } catch (EOFException e) {
            throw new InvalidDataException(name + ": is truncated; the file is corrupt or still being written");
        } catch (IOException e) {
            throw new InvalidDataException(name + ": cannot be read: " + e.getMessage(), e);
        }
    }
}
