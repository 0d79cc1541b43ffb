package io.slb.dataplane.ipvs;

import io.slb.netlink.uapi.IpVsH;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.Map;
import java.util.function.IntFunction;
import org.jspecify.annotations.Nullable;

/**
 * IpvsNames prints IPVS commands and attributes with the kernel's names ({@code IPVS_CMD_NEW_DEST},
 * {@code IPVS_SVC_ATTR_PORT}), read once from {@link IpVsH} so names and values cannot drift apart.
 * Immutable and thread safe.
 */
final class IpvsNames {
    static final IntFunction<String> COMMANDS = of("IPVS_CMD_", "IPVS_CMD_ATTR_");
    static final IntFunction<String> CMD_ATTRS = of("IPVS_CMD_ATTR_", null);
    static final IntFunction<String> SVC_ATTRS = of("IPVS_SVC_ATTR_", null);
    static final IntFunction<String> DEST_ATTRS = of("IPVS_DEST_ATTR_", null);
    static final IntFunction<String> STATS_ATTRS = of("IPVS_STATS_ATTR_", null);

    private IpvsNames() {}

    private static IntFunction<String> of(String prefix, @Nullable String excluded) {
        Map<Integer, String> names = new HashMap<>();
        for (Field f : IpVsH.class.getFields()) {
            String name = f.getName();
            if (f.getType() == int.class && Modifier.isStatic(f.getModifiers()) && name.startsWith(prefix)
                    && (excluded == null || !name.startsWith(excluded)) && !name.endsWith("_MAX")) {
                try {
                    names.putIfAbsent(f.getInt(null), name);
                } catch (IllegalAccessException e) {
                    throw new AssertionError("public constant " + name + " not readable", e);
                }
            }
        }
        Map<Integer, String> table = Map.copyOf(names);
        return value -> table.getOrDefault(value, prefix + value);
    }
}
