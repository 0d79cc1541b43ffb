package io.slb.core;

/**
 * ForwardMethod is how packets reach a backend; the names are ipvsadm's (and the seed's
 * backend {@code type}). MASQ is NAT, the default.
 */
public enum ForwardMethod {
    MASQ,
    LOCAL,
    TUNNEL,
    ROUTE
}
