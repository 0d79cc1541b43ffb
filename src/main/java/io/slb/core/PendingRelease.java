package io.slb.core;

import java.net.InetAddress;
import org.jspecify.annotations.Nullable;

/**
 * PendingRelease is an address a deleted load balancer held (or was about to be granted) that its
 * external provider has not yet confirmed it gave back. {@code eip} and {@code ref} (the provider's
 * reservation id) are null when the load balancer was deleted before its grant was recorded: the
 * provider then finds what it granted by the load balancer's uuid.
 */
public record PendingRelease(@Nullable InetAddress eip, String source, @Nullable String ref) {}
