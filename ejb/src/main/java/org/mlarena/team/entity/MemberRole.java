package org.mlarena.team.entity;

/** What a person is in a use case. */
public enum MemberRole {
    /** Runs the use case: edits it, imports its data, sees every team and the hidden labels. Belongs to no team. */
    HOST,
    /** Created the team; invites teammates. */
    LEAD,
    MEMBER
}
