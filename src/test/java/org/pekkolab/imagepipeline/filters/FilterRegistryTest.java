package org.pekkolab.imagepipeline.filters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class FilterRegistryTest {

    private static final List<String> ALL = List.of("grayscale", "blur", "sobel", "sharpen", "brightness");

    @Test
    void namesAreInDefaultChainOrder() {
        assertEquals(ALL, FilterRegistry.names());
        assertEquals(ALL, FilterRegistry.DEFAULT_CHAIN);
        assertEquals(ALL, FilterRegistry.defaultChain().stream().map(ImageFilter::name).toList());
    }

    @Test
    void byNameFindsEachFilter() {
        assertInstanceOf(Grayscale.class, FilterRegistry.byName("grayscale"));
        assertInstanceOf(GaussianBlur.class, FilterRegistry.byName("blur"));
        assertInstanceOf(Sobel.class, FilterRegistry.byName("sobel"));
        assertInstanceOf(Sharpen.class, FilterRegistry.byName("sharpen"));
        assertInstanceOf(Brightness.class, FilterRegistry.byName("brightness"));
        for (var name : ALL) {
            assertEquals(name, FilterRegistry.byName(name).name());
        }
    }

    @Test
    void unknownNameListsTheKnownOnes() {
        var error = assertThrows(IllegalArgumentException.class, () -> FilterRegistry.byName("emboss"));
        assertEquals("unknown filter 'emboss'; known filters: grayscale, blur, sobel, sharpen, brightness",
                error.getMessage());
        assertFalse(error.getMessage().contains("\n"));
    }

    @Test
    void parseKeepsOrderAndTrims() {
        var filters = FilterRegistry.parse(" sharpen,blur ,  grayscale,sharpen");
        assertEquals(List.of("sharpen", "blur", "grayscale", "sharpen"),
                filters.stream().map(ImageFilter::name).toList());
    }

    @Test
    void parseRejectsEmptyListsAndEntries() {
        for (var bad : new String[] {"", "   ", "blur,,sobel", "blur,", ",blur", " , "}) {
            assertThrows(IllegalArgumentException.class, () -> FilterRegistry.parse(bad), () -> "'" + bad + "'");
        }
    }

    @Test
    void parseRejectsUnknownNames() {
        var error = assertThrows(IllegalArgumentException.class, () -> FilterRegistry.parse("blur, Blur"));
        assertEquals("unknown filter 'Blur'; known filters: grayscale, blur, sobel, sharpen, brightness",
                error.getMessage());
    }
}
