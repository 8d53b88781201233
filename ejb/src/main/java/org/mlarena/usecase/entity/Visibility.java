package org.mlarena.usecase.entity;

/** Who can see a use case. */
public enum Visibility {
    /** Every signed-in person; anyone may join by accepting its rules. */
    PUBLIC,
    /** A worked example for newcomers: visible to every signed-in person, like a public one. */
    TEMPLATE,
    /** Only its hosts and the people they invite. */
    PRIVATE
}
