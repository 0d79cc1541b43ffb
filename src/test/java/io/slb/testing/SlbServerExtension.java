package io.slb.testing;

import io.slb.announce.arp.ArpOptions;
import io.slb.api.sse.SseOptions;
import io.slb.ipam.AddressPools;
import io.slb.journal.JournalOptions;
import io.slb.pipeline.ReconcilerOptions;
import io.slb.server.SlbConfig;
import io.slb.server.SlbServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * SlbServerExtension starts a real {@link SlbServer} for each test: API on 127.0.0.1 and a free
 * port, a fresh temporary journal directory, {@code --dataplane none} unless configured otherwise.
 * {@link #restart()} stops and starts it again on the same journal.
 */
public final class SlbServerExtension implements BeforeEachCallback, AfterEachCallback {
    private final UnaryOperator<SlbConfig> customize;
    private @Nullable Path dataDir;
    private @Nullable SlbServer server;
    private @Nullable SlbConfig config;

    public SlbServerExtension(UnaryOperator<SlbConfig> customize) {
        this.customize = customize;
    }

    /** An extension with the seed's range 192.168.0.85-192.168.0.90 and {@code --dataplane none}. */
    public static SlbServerExtension seedRange() {
        return new SlbServerExtension(UnaryOperator.identity());
    }

    /** Returns the configuration tests start from. */
    public static SlbConfig baseConfig(Path dataDir) {
        ReconcilerOptions fast = new ReconcilerOptions(Duration.ofSeconds(5), 2, Duration.ofMillis(20),
                Duration.ofMillis(200), Duration.ofSeconds(30));
        return new SlbConfig("127.0.0.1", 0, dataDir, AddressPools.parse("192.168.0.85-192.168.0.90"), null, null,
                SlbConfig.AnnounceMode.NONE, SlbConfig.DataplaneMode.NONE, SlbConfig.DEFAULT_COMMAND_QUEUE,
                SlbConfig.DEFAULT_MAX_BODY_BYTES, JournalOptions.DEFAULTS, fast, SseOptions.DEFAULTS, ArpOptions.DEFAULTS, null, null);
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        dataDir = Files.createTempDirectory("slb-test-");
        config = customize.apply(baseConfig(dataDir));
        server = SlbServer.start(config);
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        if (server != null) {
            server.close();
            server = null;
        }
        if (dataDir != null) {
            try (Stream<Path> files = Files.walk(dataDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Stops the server (the journal stays); {@link #restart()} starts it again on the same port. */
    public void stop() {
        SlbServer running = server();
        SlbConfig c = config();
        config = c.withListen(c.address(), running.port());
        running.close();
        server = null;
    }

    /** Stops the server if it runs and starts a new one on the same journal and port. */
    public void restart() throws IOException {
        if (server != null) {
            stop();
        }
        server = SlbServer.start(config());
    }

    public SlbServer server() {
        if (server == null) {
            throw new IllegalStateException("server not started");
        }
        return server;
    }

    public SlbConfig config() {
        if (config == null) {
            throw new IllegalStateException("server not started");
        }
        return config;
    }

    public Path dataDir() {
        return config().dataDir();
    }

    /** Returns {@code http://127.0.0.1:<port>}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server().port();
    }
}
