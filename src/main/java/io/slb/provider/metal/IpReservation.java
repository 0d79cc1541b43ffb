package io.slb.provider.metal;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * IpReservation is the part of a Metal IP reservation slb reads (OAS {@code IPReservation}): its id,
 * address (a /32's only address), network and cidr, whether it is public, its tags and state.
 */
public record IpReservation(
        String id,
        @Nullable String address,
        @Nullable String network,
        int cidr,
        @JsonProperty("public") boolean isPublic,
        @Nullable List<String> tags,
        @Nullable String state) {

    /** Returns whether this reservation carries {@code tag}. */
    public boolean tagged(String tag) {
        return tags != null && tags.contains(tag);
    }

    /** Returns the address to use: {@code address}, or {@code network} when the answer left it out. */
    public @Nullable String firstAddress() {
        return address != null ? address : network;
    }
}
