package org.mlarena.team.control;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import org.mlarena.common.ShortLived;
import org.mlarena.usecase.control.UseCaseChanged;
import org.mlarena.usecase.entity.UseCase;

/**
 * The use cases each reader may see (the catalogue), kept for {@link #LIFE} so that a reader's repeated reads run no
 * query. Any change to any use case or to who takes part in one fires {@code UseCaseChanged} and drops them all on this
 * node at once, since one change (a use case opened to everyone, an invitation) may change anyone's list; another node
 * of a cluster serves its own for at most {@link #LIFE} more, and an invitation that expires shows as long.
 *
 * <p>The use cases kept are detached copies, shared by the reader's requests and only read.
 */
@ApplicationScoped
public class VisibleUseCases {

    static final Duration LIFE = Duration.ofSeconds(2);
    static final int MAX_READERS = 10_000;

    private final ShortLived<String, List<UseCase>> kept = new ShortLived<>(MAX_READERS);

    /** What {@code reader} may see at {@code now}: kept, or read by {@code query} and kept. */
    public List<UseCase> of(String reader, Instant now, Supplier<List<UseCase>> query) {
        return kept.get(reader, now).orElseGet(() -> {
            long generation = kept.generation();
            List<UseCase> visible = List.copyOf(query.get());
            kept.keepIfUnchanged(reader, visible, now.plus(LIFE), now, generation);
            return visible;
        });
    }

    void changed(@Observes(during = TransactionPhase.AFTER_SUCCESS) UseCaseChanged event) {
        kept.dropAll();
    }
}
