package org.pekkolab.imagepipeline.settings;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The settings users choose by name (--mode, --supervision, --io-dispatcher, --control): lower-case enum names. */
final class Choices {

    private Choices() {}

    /** The name users type and reports show. */
    static String label(Enum<?> choice) {
        return choice.name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param what the setting, as the error names it (e.g. "mode")
     * @throws IllegalArgumentException naming the known choices
     */
    static <E extends Enum<E>> E parse(Class<E> type, String what, String text) {
        var choices = type.getEnumConstants();
        return Arrays.stream(choices)
                .filter(choice -> label(choice).equals(text.trim().toLowerCase(Locale.ROOT)))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown " + what + " '" + text + "'; known: "
                        + Arrays.stream(choices).map(Choices::label).collect(Collectors.joining(", "))));
    }
}
