package org.mlarena.numerics.data;

import java.text.Normalizer;
import java.util.Locale;

/**
 * Turns texts into fixed-size bag-of-words vectors for a text classifier: lower-cased word tokens (letters
 * and digits, accents folded) and their bigrams, hashed into {@code buckets} (the hashing trick: no
 * vocabulary to store, the same text always gives the same vector), counts damped by log(1 + count) and
 * scaled to unit length.
 */
public final class BagOfWords {

    private final int buckets;

    public BagOfWords(int buckets) {
        if (buckets < 2) {
            throw new IllegalArgumentException("a bag of words needs at least 2 buckets, got " + buckets);
        }
        this.buckets = buckets;
    }

    public int buckets() {
        return buckets;
    }

    /** The vector of one text, written into {@code out} at {@code offset} (buckets floats). */
    public void vectorise(String text, float[] out, int offset) {
        java.util.Arrays.fill(out, offset, offset + buckets, 0f);
        String folded = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
        String previous = null;
        for (String token : folded.split("[^\\p{L}\\p{Nd}]+")) {
            if (token.isEmpty()) {
                continue;
            }
            out[offset + bucket(token)] += 1f;
            if (previous != null) {
                out[offset + bucket(previous + ' ' + token)] += 1f;
            }
            previous = token;
        }
        double norm = 0;
        for (int i = 0; i < buckets; i++) {
            float v = (float) Math.log1p(out[offset + i]);
            out[offset + i] = v;
            norm += v * v;
        }
        if (norm > 0) {
            float scale = (float) (1 / Math.sqrt(norm));
            for (int i = 0; i < buckets; i++) {
                out[offset + i] *= scale;
            }
        }
    }

    /** Vectors of all texts, row-major. */
    public float[] vectorise(java.util.List<String> texts) {
        float[] out = new float[texts.size() * buckets];
        for (int i = 0; i < texts.size(); i++) {
            vectorise(texts.get(i), out, i * buckets);
        }
        return out;
    }

    private int bucket(String token) {
        // FNV-1a, stable across JVMs (String.hashCode would do too, but this spreads short tokens better)
        int h = 0x811C9DC5;
        for (int i = 0; i < token.length(); i++) {
            h ^= token.charAt(i);
            h *= 0x01000193;
        }
        return Math.floorMod(h, buckets);
    }
}
