package org.mlarena.numerics.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads IDX files (the format of MNIST and Fashion-MNIST), compressed with gzip or not: the two first
 * bytes tell. The header is checked before any value is read, so a wrong or truncated file fails with a
 * message, never with an out-of-memory error or a silently short array.
 */
public final class IdxReader {

    /** Refuses files that announce more values than this (2^31 - 1 is the array limit; 1e9 is plenty). */
    static final long MAX_VALUES = 1_000_000_000L;

    private IdxReader() {
    }

    public static IdxArray read(Path file) throws InvalidDataException {
        return read(file, file.toString());
    }

    /**
     * Reads an IDX file whose messages call it {@code name} rather than by its path: for uploads, whose
     * path on the server means nothing to the person who sent them.
     */
    public static IdxArray read(Path file, String name) throws InvalidDataException {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file))) {
            raw.mark(2);
            int b0 = raw.read();
            int b1 = raw.read();
            raw.reset();
            boolean gzip = b0 == 0x1f && b1 == 0x8b;
            try (InputStream in = gzip ? new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16) : raw) {
                return read(new DataInputStream(in), name);
            }
        } catch (NoSuchFileException e) {
            throw new InvalidDataException(name + ": no such file");
        } catch (ZipException e) {
            throw new InvalidDataException(name + ": starts like gzip but is not valid gzip (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new InvalidDataException(name + ": cannot be read: " + e.getMessage(), e);
        }
    }

    static IdxArray read(DataInputStream in, String name) throws IOException, InvalidDataException {
        long offset = 0;
        int zero1;
        int zero2;
        int type;
        int rank;
        try {
            zero1 = in.readUnsignedByte();
            zero2 = in.readUnsignedByte();
            type = in.readUnsignedByte();
            rank = in.readUnsignedByte();
        } catch (EOFException e) {
            throw new InvalidDataException(name + ": too short for an IDX header (4 bytes)");
        }
        offset += 4;
        if (zero1 != 0 || zero2 != 0) {
            throw new InvalidDataException(name + ": not an IDX file (the first two bytes must be 0, found 0x"
                    + Integer.toHexString(zero1) + " 0x" + Integer.toHexString(zero2) + ")");
        }
        if (type != 0x08 && type != 0x09 && type != 0x0B && type != 0x0C && type != 0x0D && type != 0x0E) {
            throw new InvalidDataException(name + ": unknown IDX type 0x" + Integer.toHexString(type)
                    + " (expected 0x08 unsigned byte, 0x09 byte, 0x0B short, 0x0C int, 0x0D float or 0x0E double)");
        }
        int width = IdxArray.width(type);
        if (rank < 1) {
            throw new InvalidDataException(name + ": an IDX file needs at least one dimension, found 0");
        }
        int[] dims = new int[rank];
        long total = 1;
        for (int i = 0; i < rank; i++) {
            try {
                dims[i] = in.readInt();
            } catch (EOFException e) {
                throw new InvalidDataException(name + ": the header announces " + rank + " dimensions but ends after " + i);
            }
            if (dims[i] < 0) {
                throw new InvalidDataException(name + ": dimension " + i + " is negative (" + dims[i] + ")");
            }
            total *= dims[i];
            if (total > MAX_VALUES) {
                throw new InvalidDataException(name + ": announces more than " + MAX_VALUES + " values; is it really IDX?");
            }
            offset += 4;
        }
        if (total * width > Integer.MAX_VALUE - 8) {
            throw new InvalidDataException(name + ": announces " + total + " values, more than one array can hold");
        }
        byte[] data = new byte[(int) (total * width)];
        int read = 0;
        while (read < data.length) {
            int n = in.read(data, read, data.length - read);
            if (n < 0) {
                throw new InvalidDataException(name + ": truncated: the header announces " + total + " values (" + data.length
                        + " bytes) but the data ends after " + read + " bytes (byte offset " + (offset + read) + ")");
            }
            read += n;
        }
        if (in.read() >= 0) {
            throw new InvalidDataException(name + ": has data after the " + total + " values its header announces");
        }
        return new IdxArray(type, dims, java.nio.ByteBuffer.wrap(data));
    }
}
