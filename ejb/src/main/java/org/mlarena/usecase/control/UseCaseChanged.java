package org.mlarena.usecase.control;

/** Fired when a host changed a use case (its status decides the leaderboard's split), observed after the commit. */
public record UseCaseChanged(long useCaseId) {
}
