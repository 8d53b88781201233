/** REST interface of use cases: the catalogue, what hosts write about a use case, and its hosts. */
package org.mlarena.web.rest.usecase;
