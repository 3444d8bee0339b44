package org.pekkolab.imagepipeline.report;

import java.util.List;
import java.util.stream.Collectors;

/** The one RFC 4180 writer of the report: image names may hold commas or quotes. */
final class Csv {

    private Csv() {}

    /** One record terminated by CRLF; {@code null} cells are empty. */
    static String line(List<?> cells) {
        return cells.stream().map(Csv::field).collect(Collectors.joining(",", "", "\r\n"));
    }

    static String field(Object cell) {
        String text = cell == null ? "" : cell.toString();
        boolean quote = text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0;
        return quote ? '"' + text.replace("\"", "\"\"") + '"' : text;
    }
}
