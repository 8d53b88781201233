package org.mlarena.statistics;

import java.util.Arrays;

/**
 * Pixel statistics of an image data set, for normalising inputs and for looking at the classes: the mean and
 * standard deviation of all pixels, and the mean image of each class.
 *
 * <p>Pixels come as one {@code float[]} of {@code n * height * width} values, image after image, each row
 * after row ({@code pixels[(i * height + y) * width + x]}). Sums are taken in {@code double}. The standard
 * deviation is the population one (divisor: the number of pixels), as numpy's {@code images.std()} that
 * normalisation code uses. A class without images has a mean image of NaN. As a record holding arrays it
 * compares by identity.
 *
 * @param images         the number of images
 * @param height         pixels per column
 * @param width          pixels per row
 * @param mean           the mean of all pixels
 * @param std            the population standard deviation of all pixels
 * @param imagesPerClass the number of images of each class
 * @param meanImages     per class, the mean image ({@code height * width} values in the pixels' layout)
 */
public record ImageStatistics(int images, int height, int width, double mean, double std, long[] imagesPerClass,
        double[][] meanImages) {

    /**
     * The statistics of {@code labels.length} images of {@code height x width} pixels.
     *
     * @throws IllegalArgumentException when sizes disagree, there is no image, a pixel is not finite or a label
     *                                  is outside {@code 0..classes-1}
     */
    public static ImageStatistics of(float[] pixels, int height, int width, int[] labels, int classes) {
        if (pixels == null || labels == null) {
            throw new IllegalArgumentException((pixels == null ? "pixels" : "labels") + " are missing (null)");
        }
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("images must be at least 1 x 1 pixels, got " + height + " x " + width);
        }
        if (classes < 1) {
            throw new IllegalArgumentException("labels: need at least 1 class, got " + classes);
        }
        int n = labels.length;
        if (n == 0) {
            throw new IllegalArgumentException("pixels are empty: no image given");
        }
        long size = (long) height * width;
        if (pixels.length != n * size) {
            throw new IllegalArgumentException("pixels have " + pixels.length + " values but " + n + " images of "
                    + height + " x " + width + " need " + n * size);
        }
        int pixelsPerImage = (int) size;
        long[] perClass = new long[classes];
        double[][] sums = new double[classes][pixelsPerImage];
        double total = 0;
        for (int i = 0; i < n; i++) {
            int c = labels[i];
            if (c < 0 || c >= classes) {
                throw new IllegalArgumentException("labels row " + i + " is " + c + ", outside the class range 0.."
                        + (classes - 1));
            }
            perClass[c]++;
            double[] sum = sums[c];
            int base = i * pixelsPerImage;
            for (int p = 0; p < pixelsPerImage; p++) {
                float v = pixels[base + p];
                if (!Float.isFinite(v)) {
                    throw new IllegalArgumentException("pixels: image " + i + " pixel " + p + " is " + v
                            + "; pixels must be finite numbers");
                }
                sum[p] += v;
                total += v;
            }
        }
        double mean = total / pixels.length;
        double squares = 0;
        for (float v : pixels) {
            double d = v - mean;
            squares += d * d;
        }
        for (int c = 0; c < classes; c++) {
            if (perClass[c] == 0) {
                Arrays.fill(sums[c], Double.NaN);
            } else {
                for (int p = 0; p < pixelsPerImage; p++) {
                    sums[c][p] /= perClass[c];
                }
            }
        }
        return new ImageStatistics(n, height, width, mean, Math.sqrt(squares / pixels.length), perClass, sums);
    }
}
