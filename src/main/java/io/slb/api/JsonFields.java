package io.slb.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.slb.ipam.IpAddresses;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * JsonFields reads and validates the fields of one flat JSON object. Construction rejects unknown
 * and refused fields; each getter returns a valid value or throws {@link ProblemException} with a 400
 * {@code invalid-field} problem whose detail follows Armeria: {@code port: 70000 (expected: 1..65535)}.
 * Optional fields treat JSON {@code null} as absent. Not thread safe (single use).
 */
final class JsonFields {
    /** The IPv4 limited broadcast address; never a valid load balancer or backend address. */
    private static final byte[] IPV4_BROADCAST = {(byte) 255, (byte) 255, (byte) 255, (byte) 255};

    private static final String ADDRESS_EXAMPLE = "an IP literal such as 192.0.2.10 or 2001:db8::10";

    private final ObjectNode body;

    /**
     * JsonFields checks that {@code body} has only {@code allowed} fields; a field in {@code refused}
     * is reported with its reason ({@code uuid: not accepted (the server assigns uuid)}).
     */
    JsonFields(ObjectNode body, List<String> allowed, Map<String, String> refused) throws ProblemException {
        this.body = body;
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            String reason = refused.get(name);
            if (reason != null) {
                throw invalid(name, name + ": not accepted (" + reason + ")");
            }
            if (!allowed.contains(name)) {
                String shown = Echo.clean(name);
                throw invalid(shown, shown + ": unknown field (expected: one of "
                        + String.join(", ", allowed) + ")");
            }
        }
    }

    /** Returns required string {@code field}: {@code min..max} code points, no control characters. */
    String text(String field, int min, int max) throws ProblemException {
        String expected = "a string of " + min + ".." + max + " characters";
        JsonNode node = required(field, expected);
        if (!node.isTextual()) {
            throw mismatch(field, node, expected);
        }
        String value = node.textValue();
        long length = value.codePoints().count();
        if (length < min || length > max) {
            throw mismatch(field, node, expected);
        }
        if (value.codePoints().anyMatch(cp -> Character.isISOControl(cp) || Echo.isSurrogate(cp))) {
            throw mismatch(field, node, "no control characters or unpaired surrogates");
        }
        return value;
    }

    /** Returns required integer {@code field} in {@code min..max}; strings, fractions and booleans fail. */
    int integer(String field, int min, int max) throws ProblemException {
        return toInt(field, required(field, integerExpected(min, max)), min, max);
    }

    /** Returns optional integer {@code field} in {@code min..max}, or {@code absent}. */
    int integer(String field, int min, int max, int absent) throws ProblemException {
        JsonNode node = optional(field);
        return node == null ? absent : toInt(field, node, min, max);
    }

    private static int toInt(String field, JsonNode node, int min, int max) throws ProblemException {
        if (!node.isIntegralNumber()) {
            throw mismatch(field, node, integerExpected(min, max));
        }
        if (!node.canConvertToInt() || node.intValue() < min || node.intValue() > max) {
            throw mismatch(field, node, min + ".." + max);
        }
        return node.intValue();
    }

    private static String integerExpected(int min, int max) {
        return "an integer " + min + ".." + max;
    }

    /**
     * Returns optional {@code field} looked up, case-insensitively, in {@code words} (lower-case keys),
     * or {@code absent}; {@code expected} lists the canonical words for the detail.
     */
    <T> T choice(String field, Map<String, T> words, List<String> expected, T absent) throws ProblemException {
        JsonNode node = optional(field);
        if (node == null) {
            return absent;
        }
        T value = node.isTextual() ? words.get(node.textValue().toLowerCase(Locale.ROOT)) : null;
        if (value == null) {
            throw mismatch(field, node, "one of " + String.join(", ", expected));
        }
        return value;
    }

    /** Returns required {@code field} as a unicast IP literal (loopback allowed); never uses DNS. */
    InetAddress address(String field) throws ProblemException {
        return toAddress(field, required(field, ADDRESS_EXAMPLE));
    }

    /** Returns optional {@code field} as a unicast IP literal, or null when absent. */
    @Nullable InetAddress optionalAddress(String field) throws ProblemException {
        JsonNode node = optional(field);
        return node == null ? null : toAddress(field, node);
    }

    private static InetAddress toAddress(String field, JsonNode node) throws ProblemException {
        if (!node.isTextual()) {
            throw mismatch(field, node, ADDRESS_EXAMPLE);
        }
        InetAddress address;
        try {
            address = IpAddresses.parse(node.textValue());
        } catch (IllegalArgumentException e) {
            throw mismatch(field, node, ADDRESS_EXAMPLE);
        }
        String notUnicast = address.isAnyLocalAddress() ? "unspecified"
                : address.isMulticastAddress() ? "multicast"
                : isBroadcast(address) ? "broadcast"
                : null;
        if (notUnicast != null) {
            throw mismatch(field, node, "a unicast IP address, not " + notUnicast);
        }
        return address;
    }

    private static boolean isBroadcast(InetAddress address) {
        return address instanceof Inet4Address && Arrays.equals(address.getAddress(), IPV4_BROADCAST);
    }

    private JsonNode required(String field, String expected) throws ProblemException {
        JsonNode node = body.get(field);
        if (node == null) {
            throw invalid(field, field + ": missing (expected: " + expected + ")");
        }
        if (node.isNull()) {
            throw mismatch(field, node, expected);
        }
        return node;
    }

    private @Nullable JsonNode optional(String field) {
        JsonNode node = body.get(field);
        return node == null || node.isNull() ? null : node;
    }

    private static ProblemException mismatch(String field, JsonNode node, String expected) {
        return invalid(field, field + ": " + Echo.json(node) + " (expected: " + expected + ")");
    }

    private static ProblemException invalid(String field, String detail) {
        return new ProblemException(Problems.badRequest(field, detail));
    }
}
