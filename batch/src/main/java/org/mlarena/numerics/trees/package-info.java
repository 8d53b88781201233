/**
 * Gradient-boosted regression trees on binned features ({@link org.mlarena.numerics.trees.Boosting}): the plain-Java
 * reference learner. Nothing here knows Jakarta or Aparapi.
 */
package org.mlarena.numerics.trees;
