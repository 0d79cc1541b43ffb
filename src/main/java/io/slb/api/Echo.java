package io.slb.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * Echo renders a client's value for an error detail: as JSON text (so control characters show as
 * escapes and strings keep their quotes), cut to {@link #MAX_CODE_POINTS} code points, with unpaired
 * surrogates replaced so the detail is always valid Unicode. Pure functions.
 */
final class Echo {
    /** How much of a client's value a detail repeats; enough to recognise it, too little to flood logs. */
    static final int MAX_CODE_POINTS = 64;

    private static final String ELLIPSIS = "…";
    /** U+FFFD, the Unicode replacement character. */
    private static final int REPLACEMENT = 0xFFFD;

    private Echo() {}

    /** Returns {@code value} as a JSON string literal, cut and cleaned as the class describes. */
    static String quoted(String value) {
        return TextNode.valueOf(clean(value)).toString();
    }

    /** Returns {@code node} as JSON text: strings quoted, numbers and literals as written. */
    static String json(JsonNode node) {
        if (node.isTextual()) {
            return quoted(node.textValue());
        }
        return clean(node.toString());
    }

    /** Returns {@code value} cut to {@link #MAX_CODE_POINTS} code points, unpaired surrogates as U+FFFD. */
    static String clean(String value) {
        return clean(value, MAX_CODE_POINTS);
    }

    /** Returns {@code value} cut to {@code max} code points, unpaired surrogates as U+FFFD. */
    static String clean(String value, int max) {
        StringBuilder out = new StringBuilder();
        int[] codePoints = value.codePoints().limit(max + 1L).toArray();
        for (int i = 0; i < Math.min(codePoints.length, max); i++) {
            int cp = codePoints[i];
            out.appendCodePoint(isSurrogate(cp) ? REPLACEMENT : cp);
        }
        if (codePoints.length > max) {
            out.append(ELLIPSIS);
        }
        return out.toString();
    }

    /** Returns true for a code point that is half of a surrogate pair standing alone. */
    static boolean isSurrogate(int codePoint) {
        return codePoint >= Character.MIN_SURROGATE && codePoint <= Character.MAX_SURROGATE;
    }
}
