/**
 * PrimeFaces renderers with their markup made accessible, registered in WEB-INF/faces-config.xml: each changes only
 * what axe-core (the browser tests' accessibility check) finds wrong, and leaves the rest to PrimeFaces.
 */
package org.mlarena.web.faces.render;
