package org.mlarena.platform.boundary;

import java.util.List;
import java.util.Optional;

import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import org.mlarena.common.InvalidInputException;
import org.mlarena.identity.control.Roles;
import org.mlarena.numerics.DeviceCheck;
import org.mlarena.platform.control.DeviceCheckLauncher;
import org.mlarena.platform.control.DeviceCheckLedger;
import org.mlarena.platform.entity.DeviceCheckRun;

/** Signed-in users start device checks and read their results. */
@Stateless
@RolesAllowed(Roles.USER)
public class DeviceCheckService {

    public static final int DEFAULT_SIZE = 256;
    public static final int MAX_PAGE_SIZE = 100;

    @Resource
    SessionContext session;

    @Inject
    DeviceCheckLauncher launcher;

    @Inject
    DeviceCheckLedger ledger;

    /**
     * Starts a check of an n&times;n product.
     *
     * @throws InvalidInputException when the size is outside 1..{@link DeviceCheck#MAX_SIZE}
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public DeviceCheckRun start(int size, long seed) {
        if (size < 1 || size > DeviceCheck.MAX_SIZE) {
            throw new InvalidInputException("size", "size must be between 1 and " + DeviceCheck.MAX_SIZE + ", got " + size);
        }
        return launcher.launch(session.getCallerPrincipal().getName(), size, seed);
    }

    public Optional<DeviceCheckRun> find(long id) {
        return ledger.find(id);
    }

    /** A page of runs, newest first; {@code max} is capped at {@value #MAX_PAGE_SIZE}. */
    public List<DeviceCheckRun> recent(int first, int max) {
        if (first < 0 || max < 1) {
            throw new InvalidInputException(first < 0 ? "first" : "max",
                    "first must be 0 or more and max 1 or more, got first=" + first + ", max=" + max);
        }
        return ledger.recent(first, Math.min(max, MAX_PAGE_SIZE));
    }

    public long count() {
        return ledger.count();
    }
}
