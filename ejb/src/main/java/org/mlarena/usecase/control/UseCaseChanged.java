package org.mlarena.usecase.control;

/**
 * Fired when a use case changed or who takes part in it did (a host's edit, a team joined or renamed, an invitation
 * sent or answered, a host added or removed), observed after the commit: what was read of it (the leaderboard) is
 * read again.
 */
public record UseCaseChanged(long useCaseId) {
}
