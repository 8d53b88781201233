package org.mlarena.pipeline.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TrainingQueueTest {

    @Test
    void aPlaceSaysHowManyStartBeforeItAndWhyItWaits() {
        assertEquals("1st in the queue: it starts next; the training slot is busy.",
                new TrainingQueue.Place(1, 1, 1, 1).describe());
        assertEquals("2nd in the queue: 1 run starts before it; all 2 training slots are busy.",
                new TrainingQueue.Place(2, 3, 2, 2).describe());
        assertEquals("13th in the queue: 12 runs start before it; 1 of 3 training slots are busy.",
                new TrainingQueue.Place(13, 20, 1, 3).describe());
        assertEquals("22nd in the queue: 21 runs start before it; the training slot is busy.",
                new TrainingQueue.Place(22, 30, 4, 1).describe());
        assertEquals("2nd in the queue: 1 run starts before it; a training slot is free: it starts within seconds.",
                new TrainingQueue.Place(2, 2, 1, 4).describe());
    }
}
