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
import org.mlarena.common.Page;
import org.mlarena.identity.control.Caller;
import org.mlarena.identity.control.Roles;
import org.mlarena.numerics.DeviceCheck;
import org.mlarena.platform.control.DeviceCheckLauncher;
import org.mlarena.platform.control.DeviceCheckLedger;
import org.mlarena.platform.entity.DeviceCheckRun;

/**
 * Signed-in users start device checks and read their own results; platform hosts, who run the platform, read everyone's
 * (a run names who asked for it, which is nobody else's business).
 */
@Stateless
@RolesAllowed(Roles.USER)
public class DeviceCheckService {

    public static final int DEFAULT_SIZE = 256;

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

    /** The run, when the caller asked for it or is a platform host; another person's run answers as one that does not exist. */
    public Optional<DeviceCheckRun> find(long id) {
        Caller caller = Caller.of(session);
        return ledger.find(id).filter(run -> caller.platformHost() || caller.name().equals(run.getRequestedBy()));
    }

    /** A page of the caller's runs (everyone's for platform hosts), newest first. */
    public Page<DeviceCheckRun> recent(int first, int max) {
        Page.check(first, max);
        Caller caller = Caller.of(session);
        return new Page<>(ledger.count(caller.name(), caller.platformHost()), first, max,
                ledger.recent(caller.name(), caller.platformHost(), first, max));
    }
}
