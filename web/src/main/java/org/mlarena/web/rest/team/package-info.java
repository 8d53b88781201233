/**
 * REST interface of teams: joining a use case, one's standing in it, the teams and their compute ledgers, and
 * invitations into teams and private use cases.
 */
package org.mlarena.web.rest.team;
