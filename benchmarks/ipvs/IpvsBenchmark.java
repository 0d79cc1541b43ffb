import io.slb.core.ForwardMethod;
import io.slb.dataplane.ipvs.Destination;
import io.slb.dataplane.ipvs.IpProtocol;
import io.slb.dataplane.ipvs.IpvsClient;
import io.slb.dataplane.ipvs.IpvsOp;
import io.slb.dataplane.ipvs.VirtualService;
import io.slb.dataplane.ipvs.VirtualServiceKey;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * IpvsBenchmark programs SERVICES services of DESTINATIONS destinations each through slb's netlink
 * layer (IpvsClient.applyAll), or writes the same rules as an {@code ipvsadm -R} file. Run by run.sh
 * inside the kernel VM; not a test.
 *
 * <p>usage: {@code java IpvsBenchmark.java rules FILE} | {@code java IpvsBenchmark.java apply}
 */
public final class IpvsBenchmark {
    static final int SERVICES = 10_000;
    static final int DESTINATIONS = 10;
    /** Services are spread over 10.1.0.0/16, 250 per /24, all on port 80. */
    static final int PER_SUBNET = 250;
    static final int PORT = 80;

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("rules")) {
            writeRules(Path.of(args[1]));
        } else if (args.length == 1 && args[0].equals("apply")) {
            apply();
        } else {
            throw new IllegalArgumentException("usage: IpvsBenchmark rules FILE | apply");
        }
    }

    static String vip(int i) {
        return "10.1." + (i / PER_SUBNET) + "." + (i % PER_SUBNET + 1);
    }

    static String backend(int d) {
        return "10.200.0." + (d + 2);
    }

    static void writeRules(Path file) throws IOException {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < SERVICES; i++) {
            b.append("-A -t ").append(vip(i)).append(':').append(PORT).append(" -s rr\n");
            for (int d = 0; d < DESTINATIONS; d++) {
                b.append("-a -t ").append(vip(i)).append(':').append(PORT).append(" -r ").append(backend(d)).append(':')
                        .append(PORT).append(" -m -w 1\n");
            }
        }
        Files.writeString(file, b);
    }

    static void apply() throws Exception {
        List<IpvsOp> ops = new ArrayList<>(SERVICES * (DESTINATIONS + 1));
        for (int i = 0; i < SERVICES; i++) {
            VirtualServiceKey key = VirtualServiceKey.Tuple.of(IpProtocol.TCP, InetAddress.getByName(vip(i)), PORT);
            ops.add(new IpvsOp.AddService(VirtualService.of(key, "rr")));
            for (int d = 0; d < DESTINATIONS; d++) {
                ops.add(new IpvsOp.AddDestination(key, Destination.of(InetAddress.getByName(backend(d)), PORT, ForwardMethod.MASQ, 1)));
            }
        }
        try (IpvsClient client = IpvsClient.open()) {
            long began = System.nanoTime();
            client.applyAll(ops);
            long applied = System.nanoTime();
            int services = client.dumpServices().size();
            long dumped = System.nanoTime();
            System.out.printf("slb: %d operations applied in %.2f s; dump of %d services in %.2f s%n", ops.size(),
                    (applied - began) / 1e9, services, (dumped - applied) / 1e9);
        }
    }
}
