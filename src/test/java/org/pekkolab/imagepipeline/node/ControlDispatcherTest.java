package org.pekkolab.imagepipeline.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.pekkolab.imagepipeline.runtime.RunDispatchers;
import org.pekkolab.imagepipeline.settings.ControlDispatcher;
import org.pekkolab.imagepipeline.settings.Distribution;

/** Where auto puts a run's control actors, and that a choice made by hand stays as it is. */
class ControlDispatcherTest {

    private static final int CORES = 2;

    @Test
    void autoSharesForAPullRunInOneJvmOnAStealingDispatcherWithAThreadPerCore() {
        assertEquals(ControlDispatcher.SHARED, ControlDispatcher.AUTO.resolve(false, Distribution.PULL, true, CORES, CORES));
        assertEquals(ControlDispatcher.SHARED, ControlDispatcher.AUTO.resolve(false, Distribution.PULL, true, 2 * CORES, CORES));
    }

    @Test
    void autoGivesThemAThreadOfTheirOwnEverywhereElse() {
        assertEquals(ControlDispatcher.OWN, ControlDispatcher.AUTO.resolve(false, Distribution.PULL, true, CORES - 1, CORES), "a core to spare");
        assertEquals(ControlDispatcher.OWN, ControlDispatcher.AUTO.resolve(false, Distribution.PULL, false, CORES, CORES), "affinity-pool or pinned");
        assertEquals(ControlDispatcher.OWN, ControlDispatcher.AUTO.resolve(false, Distribution.PUSH, true, CORES, CORES), "push");
        assertEquals(ControlDispatcher.OWN, ControlDispatcher.AUTO.resolve(true, Distribution.PULL, true, CORES, CORES), "cluster");
    }

    @Test
    void aChoiceByHandIsKept() {
        assertEquals(ControlDispatcher.OWN, ControlDispatcher.OWN.resolve(false, Distribution.PULL, true, CORES, CORES));
        assertEquals(ControlDispatcher.SHARED, ControlDispatcher.SHARED.resolve(true, Distribution.PUSH, false, 1, CORES));
    }

    @Test
    void autoHasNoDispatcherOfItsOwn() {
        assertThrows(IllegalStateException.class, () -> RunDispatchers.control(ControlDispatcher.AUTO, "fork-join", 2));
    }
}
