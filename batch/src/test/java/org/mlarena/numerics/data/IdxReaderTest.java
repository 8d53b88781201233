package org.mlarena.numerics.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {

    static final Path SUBSET = Path.of("src/main/resources/fashion-mnist-subset");

    @TempDir
    Path dir;

    @Test
    void readsTheShippedFashionMnistSubset() throws Exception {
        LabelledImages train = LabelledImages.readIdx(SUBSET.resolve("train-images-idx3-ubyte.gz"), SUBSET.resolve("train-labels-idx1-ubyte.gz"));
        assertEquals(2000, train.count());
        assertEquals(28, train.rows());
        assertEquals(28, train.columns());
        assertEquals(10, train.classes());
        assertEquals(2000 * 784, train.pixels().length);
        // Fashion-MNIST's first training image is an ankle boot (class 9), its second a T-shirt (class 0)
        assertEquals(9, train.labels()[0]);
        assertEquals(0, train.labels()[1]);
        float min = 1, max = 0;
        for (float p : train.pixels()) {
            min = Math.min(min, p);
            max = Math.max(max, p);
        }
        assertEquals(0f, min);
        assertEquals(1f, max);
        int[] perClass = new int[10];
        for (int label : train.labels()) {
            perClass[label]++;
        }
        for (int count : perClass) {
            assertTrue(count > 150 && count < 250, "roughly balanced classes: " + java.util.Arrays.toString(perClass));
        }
    }

    @Test
    void gzipAndPlainFilesReadTheSame() throws Exception {
        Path plain = dir.resolve("labels-idx1-ubyte");
        try (InputStream in = new GZIPInputStream(Files.newInputStream(SUBSET.resolve("t10k-labels-idx1-ubyte.gz")))) {
            Files.write(plain, in.readAllBytes());
        }
        IdxArray fromPlain = IdxReader.read(plain);
        IdxArray fromGzip = IdxReader.read(SUBSET.resolve("t10k-labels-idx1-ubyte.gz"));
        assertArrayEquals(fromGzip.dimensions(), fromPlain.dimensions());
        assertEquals(fromGzip.data(), fromPlain.data());
    }

    @Test
    void everyIdxTypeIsReadExactly() throws Exception {
        assertEquals(-7.0, IdxReader.read(idx(0x09, new int[]{1}, out -> out.writeByte(-7))).value(0));
        assertEquals(-300.0, IdxReader.read(idx(0x0B, new int[]{1}, out -> out.writeShort(-300))).value(0));
        assertEquals(123456789.0, IdxReader.read(idx(0x0C, new int[]{1}, out -> out.writeInt(123456789))).value(0));
        assertEquals(0.25, IdxReader.read(idx(0x0D, new int[]{1}, out -> out.writeFloat(0.25f))).value(0));
        assertEquals(Math.PI, IdxReader.read(idx(0x0E, new int[]{1}, out -> out.writeDouble(Math.PI))).value(0));
        IdxArray matrix = IdxReader.read(idx(0x08, new int[]{2, 3}, out -> out.write(new byte[]{1, 2, 3, 4, 5, (byte) 250})));
        assertEquals(2, matrix.count());
        assertEquals(3, matrix.itemSize());
        assertEquals(250.0, matrix.value(5));
    }

    @Test
    void badFilesFailWithMessagesThatSayWhatIsWrong() throws Exception {
        assertMessage(dir.resolve("absent.idx"), "no such file");
        assertMessage(write("short", new byte[]{0, 0}), "too short for an IDX header");
        assertMessage(write("magic", new byte[]{'P', 'K', 3, 1, 0, 0, 0, 0}), "not an IDX file");
        assertMessage(idx(0x07, new int[]{1}, out -> out.writeByte(1)), "unknown IDX type 0x7");
        assertMessage(idx(0x08, new int[]{10}, out -> out.write(new byte[4])), "truncated: the header announces 10 values (10 bytes) but the data ends after 4 bytes");
        assertMessage(idx(0x08, new int[]{2}, out -> out.write(new byte[3])), "has data after the 2 values");
        assertMessage(idx(0x08, new int[]{100_000, 100_000}, out -> { }), "announces more than");
        Path gzipGarbage = write("bad.gz", new byte[]{(byte) 0x1f, (byte) 0x8b, 1, 2, 3});
        assertMessage(gzipGarbage, "not valid gzip");
    }

    @Test
    void messagesCallTheFileByTheNameTheCallerGives() throws Exception {
        Path truncated = idx(0x08, new int[]{10}, out -> out.write(new byte[4]));
        InvalidDataException e = assertThrows(InvalidDataException.class, () -> IdxReader.read(truncated, "labels"));
        assertTrue(e.getMessage().startsWith("labels: truncated"), e.getMessage());
        assertTrue(!e.getMessage().contains(dir.toString()), "the path stays out of the message: " + e.getMessage());
        InvalidDataException absent = assertThrows(InvalidDataException.class, () -> IdxReader.read(dir.resolve("absent.idx"), "images"));
        assertEquals("images: no such file", absent.getMessage());
        assertEquals(IdxReader.read(SUBSET.resolve("t10k-labels-idx1-ubyte.gz")).data(),
                IdxReader.read(SUBSET.resolve("t10k-labels-idx1-ubyte.gz"), "labels").data());
    }

    @Test
    void imagesAndLabelsMustBelongTogether() throws Exception {
        Path images = idx(0x08, new int[]{3, 2, 2}, out -> out.write(new byte[12]));
        Path twoLabels = idx(0x08, new int[]{2}, out -> out.write(new byte[]{0, 1}));
        InvalidDataException e = assertThrows(InvalidDataException.class, () -> LabelledImages.readIdx(images, twoLabels));
        assertTrue(e.getMessage().contains("has 3 images but") && e.getMessage().contains("has 2 labels"), e.getMessage());
        InvalidDataException swapped = assertThrows(InvalidDataException.class, () -> LabelledImages.readIdx(twoLabels, images));
        assertTrue(swapped.getMessage().contains("image files have 3 dimensions"), swapped.getMessage());
    }

    private void assertMessage(Path file, String expected) {
        InvalidDataException e = assertThrows(InvalidDataException.class, () -> IdxReader.read(file));
        assertTrue(e.getMessage().contains(expected), () -> "expected '" + expected + "' in: " + e.getMessage());
        assertTrue(e.getMessage().startsWith(file.toString()), "names the file: " + e.getMessage());
    }

    interface Body {
        void write(DataOutputStream out) throws IOException;
    }

    private Path idx(int type, int[] dims, Body body) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(new byte[]{0, 0, (byte) type, (byte) dims.length});
            for (int d : dims) {
                out.writeInt(d);
            }
            body.write(out);
        }
        Path file = dir.resolve("t" + type + "-" + System.nanoTime() + ".idx.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(bytes.toByteArray());
        }
        return file;
    }

    private Path write(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }
}
