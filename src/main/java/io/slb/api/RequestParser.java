package io.slb.api;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.slb.core.Backend;
import io.slb.core.ForwardMethod;
import io.slb.core.Protocol;
import io.slb.core.Schedulers;
import java.io.IOException;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * RequestParser turns request bodies and path parameters into validated values. It never throws for
 * bad input: every failure is a {@link Parsed.Invalid} with a 4xx {@link Problem} naming the field at
 * fault (see {@link Problems} for the types). Bodies must be one flat JSON object without repeated or
 * unknown keys; they are read as JSON whenever the Content-Type is absent, {@code application/json},
 * {@code application/*+json} or {@code application/x-www-form-urlencoded} (what {@code curl -d} sends,
 * and the seed's own backend example uses plain {@code curl -d}); any other type is a 415.
 * Thread safe (the underlying Jackson mapper is immutable once built).
 */
public final class RequestParser {
    /** The media types whose bodies are read as JSON, as listed in 415 details. */
    static final List<String> ACCEPTED_MEDIA_TYPES =
            List.of("application/json", "application/*+json", "application/x-www-form-urlencoded");

    private static final String JSON = "application/json";
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String APPLICATION = "application/";
    private static final String JSON_SUFFIX = "+json";

    /** Name length bounds; 253 is the longest DNS name in text form (RFC 1035 §2.3.4), so a name can be one. */
    static final int NAME_MIN = 1;
    static final int NAME_MAX = 253;
    static final int PORT_MIN = 1;
    static final int PORT_MAX = 65535;
    /** Weight bounds, as ipvsadm(8) documents {@code --weight}: "an integer specifying the capacity ... 0 to 65535". */
    static final int WEIGHT_MIN = 0;
    static final int WEIGHT_MAX = 65535;

    private static final String SERVER_ASSIGNS_UUID = "the server assigns uuid";
    private static final List<String> CREATE_FIELDS = List.of("name", "port", "protocol", "scheduler", "eip");
    private static final Map<String, String> CREATE_REFUSED = Map.of(
            "uuid", SERVER_ASSIGNS_UUID,
            "backends", "add each backend with POST /loadbalancer/{uuid}/backend");
    private static final List<String> BACKEND_FIELDS = List.of("ip", "port", "weight", "type");
    private static final Map<String, String> BACKEND_REFUSED = Map.of("uuid", SERVER_ASSIGNS_UUID);

    private static final Map<String, Protocol> PROTOCOLS = byWord(List.of(Protocol.values()), Protocol::wireName);
    private static final List<String> PROTOCOL_NAMES = Arrays.stream(Protocol.values()).map(Protocol::wireName).toList();
    private static final List<String> SCHEDULER_NAMES = Schedulers.KNOWN.stream().sorted().toList();
    private static final Map<String, String> SCHEDULERS = byWord(SCHEDULER_NAMES, Function.identity());
    private static final List<String> FORWARD_NAMES = Arrays.stream(ForwardMethod.values()).map(Enum::name).toList();
    /** Forward methods by slb's names and by ipvsadm(8)'s option words (-m masquerading, -g gatewaying, -i ipip). */
    private static final Map<String, ForwardMethod> FORWARD_METHODS = Map.ofEntries(
            Map.entry("masq", ForwardMethod.MASQ),
            Map.entry("masquerading", ForwardMethod.MASQ),
            Map.entry("local", ForwardMethod.LOCAL),
            Map.entry("tunnel", ForwardMethod.TUNNEL),
            Map.entry("tunneling", ForwardMethod.TUNNEL),
            Map.entry("ipip", ForwardMethod.TUNNEL),
            Map.entry("route", ForwardMethod.ROUTE),
            Map.entry("gatewaying", ForwardMethod.ROUTE),
            Map.entry("direct", ForwardMethod.ROUTE),
            Map.entry("dr", ForwardMethod.ROUTE));

    private static final Pattern UUID_TEXT = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final String UUID_EXAMPLE = "a UUID such as 087fcb0f-8e07-4123-a32f-e8e83a281023";

    /** How much of Jackson's message a detail repeats; its longest messages fit (they may quote the body). */
    private static final int MAX_PARSER_MESSAGE = 200;
    /** The start of Jackson's message for a repeated key (StreamReadFeature.STRICT_DUPLICATE_DETECTION). */
    private static final String DUPLICATE_FIELD = "Duplicate field";

    private final ObjectMapper mapper;

    /** RequestParser builds its strict JSON reader (a repeated key is an error; the source is never quoted). */
    public RequestParser() {
        this.mapper = JsonMapper.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                .build();
    }

    /** Parses a {@code POST /loadbalancer} body; defaults: protocol tcp, scheduler rr, eip any. */
    public Parsed<CreateLoadBalancerRequest> createLoadBalancer(@Nullable String contentType, byte[] body) {
        try {
            JsonFields f = new JsonFields(object(contentType, body), CREATE_FIELDS, CREATE_REFUSED);
            String name = f.text("name", NAME_MIN, NAME_MAX);
            int port = f.integer("port", PORT_MIN, PORT_MAX);
            Protocol protocol = f.choice("protocol", PROTOCOLS, PROTOCOL_NAMES, Protocol.TCP);
            String scheduler = f.choice("scheduler", SCHEDULERS, SCHEDULER_NAMES, Schedulers.DEFAULT);
            InetAddress eip = f.optionalAddress("eip");
            return new Parsed.Ok<>(new CreateLoadBalancerRequest(name, port, protocol, scheduler, eip));
        } catch (ProblemException e) {
            return new Parsed.Invalid<>(e.problem());
        }
    }

    /** Parses a {@code POST /loadbalancer/{uuid}/backend} body; defaults: weight 1, type MASQ. */
    public Parsed<AddBackendRequest> addBackend(@Nullable String contentType, byte[] body) {
        try {
            JsonFields f = new JsonFields(object(contentType, body), BACKEND_FIELDS, BACKEND_REFUSED);
            InetAddress ip = f.address("ip");
            int port = f.integer("port", PORT_MIN, PORT_MAX);
            int weight = f.integer("weight", WEIGHT_MIN, WEIGHT_MAX, Backend.DEFAULT_WEIGHT);
            ForwardMethod type = f.choice("type", FORWARD_METHODS, FORWARD_NAMES, ForwardMethod.MASQ);
            return new Parsed.Ok<>(new AddBackendRequest(ip, port, weight, type));
        } catch (ProblemException e) {
            return new Parsed.Invalid<>(e.problem());
        }
    }

    /**
     * Parses path parameter {@code field} (such as {@code uuid} or {@code backenduuid}) as a UUID in its
     * canonical 8-4-4-4-12 hex form, either case; {@link UUID#fromString}'s looser forms are refused.
     */
    public Parsed<UUID> uuid(String field, String text) {
        if (!UUID_TEXT.matcher(text).matches()) {
            return new Parsed.Invalid<>(Problems.badRequest(field,
                    field + ": " + Echo.quoted(text) + " (expected: " + UUID_EXAMPLE + ")"));
        }
        return new Parsed.Ok<>(UUID.fromString(text));
    }

    /**
     * Returns true if a body sent with {@code contentType} (null when absent; parameters and case are
     * ignored) is read as JSON; routes may check this before reading the body, to reply 415 early.
     */
    public static boolean isAcceptedMediaType(@Nullable String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return true;
        }
        String type = mediaType(contentType);
        return type.equals(JSON) || type.equals(FORM)
                || type.startsWith(APPLICATION) && type.endsWith(JSON_SUFFIX)
                && type.length() > APPLICATION.length() + JSON_SUFFIX.length();
    }

    private static String mediaType(String contentType) {
        int semicolon = contentType.indexOf(';');
        String type = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
        return type.strip().toLowerCase(Locale.ROOT);
    }

    private ObjectNode object(@Nullable String contentType, byte[] body) throws ProblemException {
        if (contentType != null && !isAcceptedMediaType(contentType)) {
            throw new ProblemException(Problems.unsupportedMediaType(contentType));
        }
        JsonNode node;
        try (JsonParser parser = mapper.createParser(body)) {
            node = mapper.readTree(parser);
            if (node != null && parser.nextToken() != null) {
                throw new ProblemException(Problems.malformedBody(null, "body: more than one JSON value"
                        + where(parser.currentTokenLocation()) + " (expected: one JSON object)"));
            }
        } catch (JsonProcessingException e) {
            throw new ProblemException(malformed(e, contentType));
        } catch (IOException e) {
            // NB: reading a byte[] does no I/O; Jackson only declares it.
            throw new ProblemException(Problems.malformedBody(null, "body: unreadable (" + e.getMessage() + ")"));
        }
        if (node == null || node.isMissingNode()) {
            throw new ProblemException(Problems.malformedBody(null, "body: empty (expected: a JSON object)"));
        }
        if (!node.isObject()) {
            String kind = node.getNodeType().name().toLowerCase(Locale.ROOT);
            throw new ProblemException(Problems.malformedBody(null, "body: " + kind + " (expected: a JSON object)"));
        }
        return (ObjectNode) node;
    }

    private static Problem malformed(JsonProcessingException e, @Nullable String contentType) {
        String hint = contentType != null && mediaType(contentType).equals(FORM)
                ? "; the body is read as JSON even when sent as " + FORM
                : "";
        String message = Echo.clean(e.getOriginalMessage(), MAX_PARSER_MESSAGE);
        String duplicate = e.getProcessor() instanceof JsonParser p && message.startsWith(DUPLICATE_FIELD)
                ? currentName(p)
                : null;
        return Problems.malformedBody(duplicate,
                "body: invalid JSON" + where(e.getLocation()) + " (" + message + ")" + hint);
    }

    private static String where(@Nullable JsonLocation at) {
        return at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
    }

    private static @Nullable String currentName(JsonParser parser) {
        String name = parser.getParsingContext().getCurrentName();
        return name == null ? null : Echo.clean(name);
    }

    private static <T> Map<String, T> byWord(List<T> values, Function<T, String> word) {
        return values.stream().collect(Collectors.toUnmodifiableMap(v -> word.apply(v).toLowerCase(Locale.ROOT), v -> v));
    }
}
