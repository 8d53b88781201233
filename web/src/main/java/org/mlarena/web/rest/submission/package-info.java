/** REST interface of submissions: a team sends a trained experiment for scoring on the hidden test set, within its daily limit. */
package org.mlarena.web.rest.submission;
