/** REST interface of the model zoo: the models teams can train, with their hyperparameters and defaults. */
package org.mlarena.web.rest.model;
