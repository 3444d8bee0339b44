package org.pekkolab.imagepipeline.filters;

import java.util.List;
import org.pekkolab.imagepipeline.image.RasterImage;

/**
 * An ordered, non-empty list of filters applied one after another. The timed variant lets callers measure each
 * filter without allocating per image.
 */
public record FilterChain(List<ImageFilter> filters) {

    public FilterChain {
        filters = List.copyOf(filters);
        if (filters.isEmpty()) {
            throw new IllegalArgumentException("a filter chain needs at least one filter");
        }
    }

    /** The chain named by a comma-separated list, see {@link FilterRegistry#parse(String)}. */
    public static FilterChain parse(String commaList) {
        return new FilterChain(FilterRegistry.parse(commaList));
    }

    /** The default chain (docs/reference.md, Filters). */
    public static FilterChain defaults() {
        return new FilterChain(FilterRegistry.defaultChain());
    }

    public int size() {
        return filters.size();
    }

    public List<String> names() {
        return filters.stream().map(ImageFilter::name).toList();
    }

    public RasterImage apply(RasterImage input) {
        var image = input;
        for (var filter : filters) {
            image = filter.apply(image);
        }
        return image;
    }

    /**
     * Like {@link #apply(RasterImage)}, and stores the elapsed nanoseconds of filter {@code i} in
     * {@code elapsedNanos[i]} (overwriting it); the array needs at least {@link #size()} slots.
     */
    public RasterImage apply(RasterImage input, long[] elapsedNanos) {
        if (elapsedNanos.length < filters.size()) {
            throw new IllegalArgumentException(
                    "need " + filters.size() + " timing slots, got " + elapsedNanos.length);
        }
        var image = input;
        for (int i = 0; i < filters.size(); i++) {
            long start = System.nanoTime();
            image = filters.get(i).apply(image);
            elapsedNanos[i] = System.nanoTime() - start;
        }
        return image;
    }
}
