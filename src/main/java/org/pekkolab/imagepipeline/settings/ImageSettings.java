package org.pekkolab.imagepipeline.settings;

import java.util.List;
import org.pekkolab.imagepipeline.filters.FilterChain;

/**
 * The per-image work: the filters by name, in order, and the size above which an image is refused
 * from its header. Names rather than filter objects, so that the settings can travel to other nodes.
 *
 * @param filters names known to the filter registry, at least one (as the registry spells them)
 * @param maxPixels images with more pixels are refused before decoding ({@code --max-pixels})
 */
public record ImageSettings(List<String> filters, long maxPixels) {

    public ImageSettings {
        filters = FilterChain.parse(String.join(",", filters)).names();
        if (maxPixels < 1) {
            throw new IllegalArgumentException("maxPixels must be positive, got " + maxPixels);
        }
    }

    /** The filter chain these names make. */
    public FilterChain chain() {
        return FilterChain.parse(String.join(",", filters));
    }
}
