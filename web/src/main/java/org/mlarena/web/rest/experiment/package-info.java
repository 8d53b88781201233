/** REST interface of experiments: a team's training runs and a use case's template runs, their progress and curves. */
package org.mlarena.web.rest.experiment;
