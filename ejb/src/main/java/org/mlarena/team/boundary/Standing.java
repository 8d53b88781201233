package org.mlarena.team.boundary;

import java.util.List;

import org.mlarena.team.control.SubmissionAllowance;
import org.mlarena.team.control.ComputeBudget;
import org.mlarena.team.entity.MemberRole;
import org.mlarena.team.entity.Membership;
import org.mlarena.team.entity.Team;

/**
 * Where the caller stands in a use case: their role, their team and its members, the submissions left today
 * and the compute budget left. Role null: not joined.
 */
public record Standing(MemberRole role, Team team, List<Membership> members, SubmissionAllowance.Quota submissions,
        ComputeBudget.Standing budget) {
}
