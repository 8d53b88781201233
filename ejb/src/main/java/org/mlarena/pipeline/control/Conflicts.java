package org.mlarena.pipeline.control;

import java.util.function.Supplier;

import jakarta.persistence.OptimisticLockException;

/**
 * Retries a write of a running job that lost an optimistic-lock race (a person cancelled or renamed the experiment
 * while the job recorded an epoch): each attempt is a transaction of its own that rolled back completely, so it is
 * safe to run it again on fresh data.
 */
final class Conflicts {

    static final int ATTEMPTS = 5;

    private Conflicts() {
    }

    static void retry(Runnable write) {
        retry(() -> {
            write.run();
            return null;
        });
    }

    static <T> T retry(Supplier<T> write) {
        for (int attempt = 1; ; attempt++) {
            try {
                return write.get();
            } catch (RuntimeException e) {
                if (attempt >= ATTEMPTS || !lostRace(e)) {
                    throw e;
                }
            }
        }
    }

    private static boolean lostRace(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            // JPA's exception, or EclipseLink's own when it surfaces unwrapped at commit
            if (t instanceof OptimisticLockException || "OptimisticLockException".equals(t.getClass().getSimpleName())) {
                return true;
            }
        }
        return false;
    }
}
