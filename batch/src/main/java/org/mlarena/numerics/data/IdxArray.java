package org.mlarena.numerics.data;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The content of one IDX file: its type, its dimensions and its values as the file stores them
 * (big-endian), read on demand, so that 60,000 images take 47 MB and not eight times that.
 *
 * @param type       the IDX type code (0x08 unsigned byte, 0x09 byte, 0x0B short, 0x0C int, 0x0D float, 0x0E double)
 * @param dimensions the sizes, first the number of items
 * @param data       the values, {@link #width(int)} bytes each, big-endian
 */
public record IdxArray(int type, int[] dimensions, ByteBuffer data) {

    /** Bytes per value of an IDX type. */
    public static int width(int type) {
        return switch (type) {
            case 0x08, 0x09 -> 1;
            case 0x0B -> 2;
            case 0x0C, 0x0D -> 4;
            case 0x0E -> 8;
            default -> throw new IllegalArgumentException("unknown IDX type 0x" + Integer.toHexString(type));
        };
    }

    public int count() {
        return dimensions[0];
    }

    /** Values per item: the product of all dimensions but the first. */
    public int itemSize() {
        int size = 1;
        for (int i = 1; i < dimensions.length; i++) {
            size *= dimensions[i];
        }
        return size;
    }

    public int size() {
        return data.capacity() / width(type);
    }

    /** Value i, exactly (every IDX type fits a double). */
    public double value(int i) {
        return switch (type) {
            case 0x08 -> data.get(i) & 0xff;
            case 0x09 -> data.get(i);
            case 0x0B -> data.getShort(2 * i);
            case 0x0C -> data.getInt(4 * i);
            case 0x0D -> data.getFloat(4 * i);
            default -> data.getDouble(8 * i);
        };
    }

    @Override
    public String toString() {
        return "IdxArray[type=0x" + Integer.toHexString(type) + ", dimensions=" + Arrays.toString(dimensions) + "]";
    }
}
