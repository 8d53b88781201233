/**
 * Who takes part in a use case and how: hosts, teams, members, invitations and compute budgets; from them, who may see
 * and change what ({@code control.UseCaseAccess}, {@code control.Participation}), applied by the boundaries of teams
 * ({@code TeamService}) and of use cases as people see them ({@code UseCaseService}: the catalogue and hosting).
 * Uses usecase and the libraries; what it needs from above (the submissions left today, whether a dataset exists) it
 * asks through interfaces it owns ({@code control.SubmissionAllowance}, {@code usecase.control.UseCaseDatasets}).
 */
package org.mlarena.team;
