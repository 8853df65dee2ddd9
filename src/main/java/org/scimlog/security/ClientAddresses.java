package org.scimlog.security;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The client address and Okta-style ipChain (client first, then proxies). X-Forwarded-For is believed
 * only hop by hop from the connection's peer while that peer is a configured trusted proxy; otherwise a
 * client could write any address it likes into the log.
 */
@Singleton
public class ClientAddresses {

    private record Cidr(BigInteger network, BigInteger mask, int bytes) {
        boolean contains(InetAddress address) {
            byte[] raw = address.getAddress();
            return raw.length == bytes && new BigInteger(1, raw).and(mask).equals(network);
        }
    }

    private final List<Cidr> trusted;

    public ClientAddresses(@Nullable @Value("${scimlog.trusted-proxies:}") String trustedProxies) {
        List<Cidr> parsed = new ArrayList<>();
        if (trustedProxies != null) {
            for (String item : trustedProxies.split(",")) {
                if (!item.isBlank()) {
                    parsed.add(parse(item.trim()));
                }
            }
        }
        this.trusted = List.copyOf(parsed);
    }

    /**
     * The client's address as far as trusted proxies vouch for it: what failed logins and rate limits are counted
     * per, so that behind a load balancer one client's failures do not slow everyone else down.
     */
    public String client(HttpRequest<?> request) {
        return ipChain(request).get(0);
    }

    /** ipChain: [client, proxy..., peer]; the first entry is the client as far as trusted proxies vouch. */
    public List<String> ipChain(HttpRequest<?> request) {
        String peer = request.getRemoteAddress().getAddress() == null
                ? request.getRemoteAddress().getHostString()
                : request.getRemoteAddress().getAddress().getHostAddress();
        List<String> chain = new ArrayList<>();
        chain.add(peer);
        String forwarded = request.getHeaders().get("X-Forwarded-For");
        if (forwarded != null && isTrusted(peer)) {
            String[] hops = forwarded.split(",");
            for (int i = hops.length - 1; i >= 0; i--) {
                String hop = hops[i].trim();
                if (!isLiteralAddress(hop)) {
                    break;
                }
                chain.add(hop);
                if (!isTrusted(hop)) {
                    break;
                }
            }
        }
        Collections.reverse(chain);
        return chain;
    }

    private boolean isTrusted(String address) {
        if (trusted.isEmpty()) {
            return false;
        }
        try {
            InetAddress parsed = InetAddress.getByName(address);
            return trusted.stream().anyMatch(c -> c.contains(parsed));
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** Only IP literals: anything else in the header is not an address and must not be resolved. */
    private static boolean isLiteralAddress(String text) {
        return text.matches("[0-9.]{7,15}") || (text.contains(":") && text.matches("[0-9a-fA-F:.]{2,45}"));
    }

    private static Cidr parse(String cidr) {
        String[] parts = cidr.split("/");
        try {
            if (!isLiteralAddress(parts[0])) {
                throw new IllegalStateException("scimlog.trusted-proxies: '" + cidr + "' is not an IP address or CIDR");
            }
            byte[] raw = InetAddress.getByName(parts[0]).getAddress();
            int bits = parts.length > 1 ? Integer.parseInt(parts[1]) : raw.length * 8;
            BigInteger all = BigInteger.ONE.shiftLeft(raw.length * 8).subtract(BigInteger.ONE);
            BigInteger mask = all.shiftRight(bits).xor(all);
            return new Cidr(new BigInteger(1, raw).and(mask), mask, raw.length);
        } catch (UnknownHostException | NumberFormatException e) {
            throw new IllegalStateException("scimlog.trusted-proxies: '" + cidr + "' is not an IP address or CIDR", e);
        }
    }
}
