package io.slb.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.HttpMethod;
import io.slb.testing.Http;
import io.slb.testing.Prerequisites;
import io.slb.testing.Shell;
import io.slb.testing.SlbServerExtension;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** API authentication: bearer token when configured, loopback-only otherwise. */
class AuthIT {
    private static final String TOKEN = "s3cret-token";

    @RegisterExtension
    final SlbServerExtension slb = new SlbServerExtension(c -> c.withApiToken(TOKEN));

    @Test
    void tokenIsRequiredOnEveryRouteButHealthz() {
        Http http = new Http(slb.baseUrl());
        Http.Response none = http.get("/loadbalancers");
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(none.header("Content-Type")).startsWith("application/problem+json");
        assertThat(http.postJson("/loadbalancer", "{\"name\":\"x\",\"port\":80}").status()).isEqualTo(401);
        assertThat(http.get("/events").status()).isEqualTo(401);
        assertThat(http.get("/version").status()).isEqualTo(401);
        assertThat(http.get("/healthz").status()).isEqualTo(200);
    }

    @Test
    void wrongTokenIsRefusedAndTheRightOneAccepted() {
        Http http = new Http(slb.baseUrl());
        assertThat(withToken(http, "Bearer wrong").status()).isEqualTo(401);
        assertThat(withToken(http, "Basic " + TOKEN).status()).isEqualTo(401);
        assertThat(withToken(http, "Bearer " + TOKEN + "x").status()).isEqualTo(401);
        assertThat(withToken(http, "Bearer " + TOKEN).status()).isEqualTo(200);
        assertThat(withToken(http, "bearer " + TOKEN).status()).isEqualTo(200);
    }

    @Test
    void withoutTokenARemoteClientIsToldHowToSetOne(@TempDir Path tmp) throws Exception {
        Prerequisites.requireRoot();
        Prerequisites.requireCommand("ip");
        Prerequisites.requireCommand("curl");
        int net = ThreadLocalRandom.current().nextInt(1, 250);
        String ns = "slbauth" + net;
        String host = "10.213." + net + ".1";
        String peer = "10.213." + net + ".2";
        Shell.check("ip", "netns", "add", ns);
        try {
            Shell.check("ip", "link", "add", "slbA" + net, "type", "veth", "peer", "name", "slbB" + net, "netns", ns);
            Shell.check("ip", "addr", "add", host + "/30", "dev", "slbA" + net);
            Shell.check("ip", "link", "set", "slbA" + net, "up");
            Shell.check("ip", "-n", ns, "addr", "add", peer + "/30", "dev", "slbB" + net);
            Shell.check("ip", "-n", ns, "link", "set", "slbB" + net, "up");
            SlbConfig c = SlbServerExtension.baseConfig(tmp);
            SlbConfig open = c.withListen(host, 0);
            try (SlbServer server = SlbServer.start(open)) {
                String url = "http://" + host + ":" + server.port() + "/loadbalancers";
                String remote = Shell.check("ip", "netns", "exec", ns, "curl", "-s", "--max-time", "5", "-w", "\n%{http_code}", url);
                assertThat(remote).endsWith("\n401").contains("--apiToken");
                String health = Shell.check("ip", "netns", "exec", ns, "curl", "-s", "--max-time", "5", "-w", "\n%{http_code}",
                        "http://" + host + ":" + server.port() + "/healthz");
                assertThat(health).endsWith("\n200");
            }
        } finally {
            Shell.run("ip", "netns", "del", ns);
            Shell.run("ip", "link", "del", "slbA" + net);
        }
    }

    private static Http.Response withToken(Http http, String authorization) {
        return http.send(HttpMethod.GET, "/loadbalancers", null, Map.of("Authorization", authorization));
    }
}
