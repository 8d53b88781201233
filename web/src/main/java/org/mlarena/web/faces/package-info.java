/** JSF backing beans: one {@code @Named} view bean per screen; they call boundaries and hold no business rules. */
package org.mlarena.web.faces;
