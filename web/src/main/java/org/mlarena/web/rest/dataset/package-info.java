/**
 * REST interface of datasets: hosts upload files and import them into a use case; everyone who sees the use case
 * reads its description and downloads its public files.
 */
package org.mlarena.web.rest.dataset;
