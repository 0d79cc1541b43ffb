package io.slb.netlink.genl;

import static io.slb.netlink.uapi.GenetlinkH.CTRL_ATTR_FAMILY_ID;
import static io.slb.netlink.uapi.GenetlinkH.CTRL_ATTR_FAMILY_NAME;
import static io.slb.netlink.uapi.GenetlinkH.CTRL_ATTR_HDRSIZE;
import static io.slb.netlink.uapi.GenetlinkH.CTRL_ATTR_MAXATTR;
import static io.slb.netlink.uapi.GenetlinkH.CTRL_ATTR_MCAST_GROUPS;
import static io.slb.netlink.uapi.GenetlinkH.CTRL_ATTR_MCAST_GRP_ID;
import static io.slb.netlink.uapi.GenetlinkH.CTRL_ATTR_MCAST_GRP_NAME;
import static io.slb.netlink.uapi.GenetlinkH.CTRL_ATTR_VERSION;

import io.slb.netlink.AttrReader;
import io.slb.netlink.NetlinkProtocolException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * GenlFamily is what the controller reports for a generic netlink family: its id (the message type of
 * its requests), name, interface version, user header size, highest attribute type, and multicast
 * groups by name. Immutable.
 */
public record GenlFamily(int id, String name, int version, int headerSize, int maxAttr, Map<String, Integer> multicastGroups) {
    private static final int NO_ID = -1;

    public GenlFamily {
        multicastGroups = Map.copyOf(multicastGroups);
    }

    /** Decodes a CTRL_CMD_NEWFAMILY reply's attributes; throws if one is malformed or the id is missing. */
    static GenlFamily decode(GenlMessage reply) throws NetlinkProtocolException {
        AttrReader r = reply.attributes(GenlFamily::ctrlAttrName);
        int id = NO_ID;
        String name = "";
        int version = 0;
        int headerSize = 0;
        int maxAttr = 0;
        Map<String, Integer> groups = new LinkedHashMap<>();
        while (r.next()) {
            switch (r.type()) {
                case CTRL_ATTR_FAMILY_ID -> id = r.u16();
                case CTRL_ATTR_FAMILY_NAME -> name = r.string();
                case CTRL_ATTR_VERSION -> version = r.u32();
                case CTRL_ATTR_HDRSIZE -> headerSize = r.u32();
                case CTRL_ATTR_MAXATTR -> maxAttr = r.u32();
                case CTRL_ATTR_MCAST_GROUPS -> decodeGroups(r.nested(type -> "CTRL_ATTR_MCAST_GROUPS[" + type + "]"), groups);
                default -> { }
            }
        }
        if (id == NO_ID) {
            throw new NetlinkProtocolException("CTRL_CMD_NEWFAMILY " + name + ": no CTRL_ATTR_FAMILY_ID");
        }
        return new GenlFamily(id, name, version, headerSize, maxAttr, groups);
    }

    private static void decodeGroups(AttrReader array, Map<String, Integer> groups) throws NetlinkProtocolException {
        while (array.next()) {
            AttrReader group = array.nested(GenlFamily::groupAttrName);
            String name = null;
            Integer id = null;
            while (group.next()) {
                switch (group.type()) {
                    case CTRL_ATTR_MCAST_GRP_NAME -> name = group.string();
                    case CTRL_ATTR_MCAST_GRP_ID -> id = group.u32();
                    default -> { }
                }
            }
            if (name == null || id == null) {
                throw array.error("multicast group without name or id");
            }
            groups.put(name, id);
        }
    }

    private static String ctrlAttrName(int type) {
        return switch (type) {
            case CTRL_ATTR_FAMILY_ID -> "CTRL_ATTR_FAMILY_ID";
            case CTRL_ATTR_FAMILY_NAME -> "CTRL_ATTR_FAMILY_NAME";
            case CTRL_ATTR_VERSION -> "CTRL_ATTR_VERSION";
            case CTRL_ATTR_HDRSIZE -> "CTRL_ATTR_HDRSIZE";
            case CTRL_ATTR_MAXATTR -> "CTRL_ATTR_MAXATTR";
            case CTRL_ATTR_MCAST_GROUPS -> "CTRL_ATTR_MCAST_GROUPS";
            default -> "CTRL_ATTR";
        };
    }

    private static String groupAttrName(int type) {
        return switch (type) {
            case CTRL_ATTR_MCAST_GRP_NAME -> "CTRL_ATTR_MCAST_GRP_NAME";
            case CTRL_ATTR_MCAST_GRP_ID -> "CTRL_ATTR_MCAST_GRP_ID";
            default -> "CTRL_ATTR_MCAST_GRP";
        };
    }
}
