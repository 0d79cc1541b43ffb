package io.slb.core;

import java.util.Locale;

/** Protocol is the layer-4 protocol a load balancer serves. JSON spells it in lower case. */
public enum Protocol {
    TCP,
    UDP;

    /** Returns the lower-case name used in JSON and logs ({@code tcp}, {@code udp}). */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
