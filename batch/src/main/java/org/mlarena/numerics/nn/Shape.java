package org.mlarena.numerics.nn;

/**
 * The shape of one sample as a layer sees it: channels &times; height &times; width (a feature vector is
 * features &times; 1 &times; 1).
 */
public record Shape(int channels, int height, int width) {

    public Shape {
        if (channels < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException("a shape needs positive sizes, got " + channels + "x" + height + "x" + width);
        }
    }

    public static Shape vector(int features) {
        return new Shape(features, 1, 1);
    }

    public int size() {
        return channels * height * width;
    }

    @Override
    public String toString() {
        return height == 1 && width == 1 ? Integer.toString(channels) : channels + "x" + height + "x" + width;
    }
}
