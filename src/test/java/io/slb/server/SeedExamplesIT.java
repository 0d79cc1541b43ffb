package io.slb.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slb.testing.Curl;
import io.slb.testing.SlbServerExtension;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The seed README's curl walkthrough, run with the real curl against a real server started as
 * {@code slb server --ipamRange 192.168.0.85-192.168.0.90 --dataplane none}.
 */
class SeedExamplesIT {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @RegisterExtension
    final SlbServerExtension slb = SlbServerExtension.seedRange();

    @Test
    void seedCurlWalkthroughWorksUnchanged() throws Exception {
        String host = slb.baseUrl();

        // curl -X POST http://<host>:10001/loadbalancer -H 'Content-Type: application/json' -d '{"name":"test loadbalancer", "port": 6443}'
        Curl.Result created = Curl.run("-X", "POST", host + "/loadbalancer", "-H", "Content-Type: application/json",
                "-d", "{\"name\":\"test loadbalancer\", \"port\": 6443}");
        assertThat(created.status()).isEqualTo(201);
        JsonNode lb = MAPPER.readTree(created.body());
        String uuid = lb.get("uuid").asText();
        assertThat(lb.get("name").asText()).isEqualTo("test loadbalancer");
        assertThat(lb.get("eip").asText()).isEqualTo("192.168.0.85");
        assertThat(lb.get("port").asInt()).isEqualTo(6443);
        assertThat(lb.get("backends").isArray()).isTrue();

        // curl -s http://<host>:10001/loadbalancers | jq
        JsonNode list = MAPPER.readTree(Curl.run(host + "/loadbalancers").body());
        assertThat(list.isArray()).isTrue();
        assertThat(fieldNames(list.get(0))).startsWith("uuid", "name", "eip", "port", "backends");
        assertThat(list.get(0).get("backends")).isEmpty();

        // curl -X POST http://<host>:10001/loadbalancer/<uuid>/backend -d '{"ip":"10.80.96.25", "port": 6443}'
        Curl.Result backend = Curl.run("-X", "POST", host + "/loadbalancer/" + uuid + "/backend",
                "-d", "{\"ip\":\"10.80.96.25\", \"port\": 6443}");
        assertThat(backend.status()).isEqualTo(201);

        JsonNode after = MAPPER.readTree(Curl.run(host + "/loadbalancers").body());
        JsonNode b = after.get(0).get("backends").get(0);
        assertThat(fieldNames(b)).startsWith("uuid", "ip", "port");
        assertThat(b.get("ip").asText()).isEqualTo("10.80.96.25");
        assertThat(b.get("port").asInt()).isEqualTo(6443);
        assertThat(b.get("uuid").asText()).hasSize(36);

        // curl -X DELETE http://<node>:10001/loadbalancer/<uuid>
        assertThat(Curl.run("-X", "DELETE", host + "/loadbalancer/" + uuid).status()).isEqualTo(204);
        assertThat(MAPPER.readTree(Curl.run(host + "/loadbalancers").body())).isEmpty();
    }

    @Test
    void deletedAddressReturnsToThePool() throws Exception {
        String host = slb.baseUrl();
        String first = create(host, "a");
        create(host, "b");
        Curl.run("-X", "DELETE", host + "/loadbalancer/" + first);
        JsonNode c = MAPPER.readTree(Curl.run("-X", "POST", host + "/loadbalancer", "-d", "{\"name\":\"c\",\"port\":80}").body());
        assertThat(c.get("eip").asText()).isEqualTo("192.168.0.85");
    }

    private static String create(String host, String name) throws Exception {
        Curl.Result r = Curl.run("-X", "POST", host + "/loadbalancer", "-d", "{\"name\":\"" + name + "\",\"port\":80}");
        assertThat(r.status()).isEqualTo(201);
        return MAPPER.readTree(r.body()).get("uuid").asText();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
