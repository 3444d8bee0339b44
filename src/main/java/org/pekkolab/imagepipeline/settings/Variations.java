package org.pekkolab.imagepipeline.settings;

import java.util.List;

/**
 * What a sweep compares: every combination of these makes one actor row per worker count.
 *
 * @param dispatchers dispatcher presets by name ({@code --dispatcher})
 * @param distributions how images reach workers ({@code --mode})
 * @param readers where the readers block ({@code --io-dispatcher})
 * @param controls where the control actors work ({@code --control})
 */
public record Variations(List<String> dispatchers, List<Distribution> distributions, List<IoDispatcher> readers,
        List<ControlDispatcher> controls) {

    public Variations {
        dispatchers = List.copyOf(dispatchers);
        distributions = List.copyOf(distributions);
        readers = List.copyOf(readers);
        controls = List.copyOf(controls);
    }
}
