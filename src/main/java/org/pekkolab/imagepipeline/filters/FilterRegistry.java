package org.pekkolab.imagepipeline.filters;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The filters by the names users give with {@code --filters}. Filters are stateless, so each name maps to one
 * shared instance. Adding a filter means adding one line here.
 */
public final class FilterRegistry {

    private static final Map<String, ImageFilter> FILTERS = register(
            new Grayscale(), new GaussianBlur(), new Sobel(), new Sharpen(), new Brightness());

    /** The default chain (docs/reference.md, Filters): grayscale, blur, sobel, sharpen, brightness. */
    public static final List<String> DEFAULT_CHAIN = List.of(
            Grayscale.NAME, GaussianBlur.NAME, Sobel.NAME, Sharpen.NAME, Brightness.NAME);

    private FilterRegistry() {
    }

    private static Map<String, ImageFilter> register(ImageFilter... filters) {
        var byName = new LinkedHashMap<String, ImageFilter>();
        for (var filter : filters) {
            if (byName.put(filter.name(), filter) != null) {
                throw new IllegalStateException("duplicate filter name " + filter.name());
            }
        }
        return byName;
    }

    /** Every known filter name, in default-chain order. */
    public static List<String> names() {
        return List.copyOf(FILTERS.keySet());
    }

    /** The filter called {@code name}; an unknown name fails with a message listing the known ones. */
    public static ImageFilter byName(String name) {
        var filter = FILTERS.get(name);
        if (filter == null) {
            throw new IllegalArgumentException(
                    "unknown filter '" + name + "'; known filters: " + String.join(", ", FILTERS.keySet()));
        }
        return filter;
    }

    /** The filters of the default chain, in order. */
    public static List<ImageFilter> defaultChain() {
        return DEFAULT_CHAIN.stream().map(FilterRegistry::byName).toList();
    }

    /**
     * Parses a comma-separated list such as {@code "grayscale, blur"} into filters, in order; entries are trimmed,
     * and an empty list, an empty entry or an unknown name is an {@link IllegalArgumentException}.
     */
    public static List<ImageFilter> parse(String commaList) {
        Objects.requireNonNull(commaList, "commaList");
        if (commaList.isBlank()) {
            throw new IllegalArgumentException("filter list is empty; known filters: " + String.join(", ", names()));
        }
        var filters = new ArrayList<ImageFilter>();
        for (var entry : commaList.split(",", -1)) {
            var name = entry.trim();
            if (name.isEmpty()) {
                throw new IllegalArgumentException("empty filter name in '" + commaList + "'");
            }
            filters.add(byName(name));
        }
        return List.copyOf(filters);
    }
}
