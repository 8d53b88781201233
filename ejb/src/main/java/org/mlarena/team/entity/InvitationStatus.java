package org.mlarena.team.entity;

/** Where an invitation stands; a pending one past its expiry reads as EXPIRED. */
public enum InvitationStatus {
    PENDING, ACCEPTED, DECLINED, EXPIRED, REVOKED
}
