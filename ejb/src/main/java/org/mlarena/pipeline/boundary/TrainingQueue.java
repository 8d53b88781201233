package org.mlarena.pipeline.boundary;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import org.mlarena.experiment.entity.Experiment;
import org.mlarena.experiment.entity.ExperimentStatus;
import org.mlarena.identity.control.Roles;
import org.mlarena.pipeline.control.ClaimOrder;
import org.mlarena.pipeline.control.NodeLeases;
import org.mlarena.pipeline.control.PipelineRuns;

/**
 * Where queued trainings stand: a run that waits says how many runs will start before it and why it waits, instead
 * of sitting silently in the queue. Only the runs asked about are placed (the caller asks about their own, read
 * through the experiments' access rules); of the others only their number shows.
 */
@Stateless
@RolesAllowed(Roles.USER)
public class TrainingQueue {

    /**
     * @param position 1 for the run claimed next
     * @param queued   every queued training, of every team
     * @param running  trainings running now, on every node
     * @param slots    trainings that can run at once: the slots of a node times the nodes alive
     */
    public record Place(int position, int queued, long running, int slots) {

        /** In words, for the Training tab and the home page: "2nd in the queue: 1 run starts before it; ...". */
        public String describe() {
            String ahead = position == 1 ? "it starts next" : (position - 1) + (position == 2 ? " run starts" : " runs start") + " before it";
            String busy;
            if (running >= slots) {
                busy = slots == 1 ? "the training slot is busy" : "all " + slots + " training slots are busy";
            } else if (position <= slots - running) {
                busy = "a training slot is free: it starts within seconds";
            } else {
                busy = running + " of " + slots + " training slots are busy";
            }
            return ordinal(position) + " in the queue: " + ahead + "; " + busy + ".";
        }

        private static String ordinal(int n) {
            int mod100 = n % 100;
            String suffix = mod100 >= 11 && mod100 <= 13 ? "th" : switch (n % 10) {
                case 1 -> "st";
                case 2 -> "nd";
                case 3 -> "rd";
                default -> "th";
            };
            return n + suffix;
        }
    }

    @Inject
    PipelineRuns runs;

    @Inject
    NodeLeases leases;

    /** The places of those of {@code experiments} that are queued, by experiment id. */
    public Map<Long, Place> places(Collection<Experiment> experiments) {
        Set<Long> experimentIds = experiments.stream().filter(e -> e.getStatus() == ExperimentStatus.QUEUED).map(Experiment::getId)
                .collect(Collectors.toSet());
        Map<Long, Place> places = new HashMap<>();
        if (experimentIds.isEmpty()) {
            return places;
        }
        List<ClaimOrder.Queued> queue = runs.trainingQueue();
        if (queue.isEmpty()) {
            return places;
        }
        long running = runs.trainingsRunning();
        int slots = PipelineScheduler.slots(PipelineScheduler.TRAININGS) * Math.max(1, leases.alive().size());
        for (int i = 0; i < queue.size(); i++) {
            if (experimentIds.contains(queue.get(i).id())) {
                places.put(queue.get(i).id(), new Place(i + 1, queue.size(), running, slots));
            }
        }
        return places;
    }
}
