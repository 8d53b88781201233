package org.mlarena.numerics.data;

import java.nio.file.Path;

/**
 * Greyscale images with one class label each, as a training or test split.
 *
 * @param rows    image height
 * @param columns image width
 * @param pixels  count &times; rows &times; columns values scaled to [0, 1], row-major per image
 * @param labels  class of each image, 0 … classes-1
 * @param classes number of classes (the largest label + 1)
 */
public record LabelledImages(int rows, int columns, float[] pixels, int[] labels, int classes) {

    public int count() {
        return labels.length;
    }

    public int pixelsPerImage() {
        return rows * columns;
    }

    /**
     * Reads an IDX image file (unsigned bytes, count &times; rows &times; columns) and its IDX label file.
     *
     * @throws InvalidDataException when either file is unusable or they do not belong together
     */
    public static LabelledImages readIdx(Path images, Path labels) throws InvalidDataException {
        IdxArray img = IdxReader.read(images);
        IdxArray lab = IdxReader.read(labels);
        if (img.dimensions().length != 3) {
            throw new InvalidDataException(images + ": image files have 3 dimensions (count, rows, columns), this one has "
                    + img.dimensions().length);
        }
        if (img.type() != 0x08) {
            throw new InvalidDataException(images + ": images must be unsigned bytes (IDX type 0x08), found 0x" + Integer.toHexString(img.type()));
        }
        if (lab.dimensions().length != 1) {
            throw new InvalidDataException(labels + ": label files have 1 dimension (count), this one has " + lab.dimensions().length);
        }
        if (img.count() != lab.count()) {
            throw new InvalidDataException(images + " has " + img.count() + " images but " + labels + " has " + lab.count()
                    + " labels: they must be the same split");
        }
        int[] classOf = new int[lab.count()];
        int max = -1;
        for (int i = 0; i < classOf.length; i++) {
            double v = lab.value(i);
            if (v < 0 || v != Math.rint(v) || v > 65_535) {
                throw new InvalidDataException(labels + ": label " + i + " is " + v + "; labels must be whole numbers from 0");
            }
            classOf[i] = (int) v;
            max = Math.max(max, classOf[i]);
        }
        float[] pixels = new float[img.size()];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (float) (img.value(i) / 255.0);
        }
        return new LabelledImages(img.dimensions()[1], img.dimensions()[2], pixels, classOf, max + 1);
    }
}
