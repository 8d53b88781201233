package org.mlarena.common;

import jakarta.ejb.ApplicationException;

/**
 * The caller may see the thing but not do this to it (a participant editing a use case, a member who is not
 * the lead inviting). The message says who may. REST answers 403.
 */
@ApplicationException(rollback = true)
public class ActionForbiddenException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ActionForbiddenException(String message) {
        super(message);
    }
}
