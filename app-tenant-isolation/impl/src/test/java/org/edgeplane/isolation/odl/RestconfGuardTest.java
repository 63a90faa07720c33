/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.isolation.odl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.servlet.ServletException;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.edgeplane.isolation.odl.AuthenticationThrottleTest.ManualClock;
import org.junit.Test;
import org.opendaylight.mdsal.binding.runtime.spi.BindingRuntimeHelpers;
import org.opendaylight.yang.gen.v1.urn.edgeplane.tenant.rev261204.Intent;

/**
 * The guard in front of RESTCONF, with a fake AAA behind it that accepts admin/admin: wrong passwords are counted
 * and locked out, and nothing but a lock is answered to a client that does not sign in.
 */
public class RestconfGuardTest {
    private static final String STATUS = "/rests/data/edgeplane-tenant:status";
    private static final String PORT = "/rests/data/edgeplane-tenant:intent/port=p1";

    private final ManualClock clock = new ManualClock();
    private final RestconfGuard guard = new RestconfGuard(() -> BindingRuntimeHelpers.createEffectiveModel(
        Intent.class), credentials -> "admin".equals(credentials.username())
            && "admin".equals(credentials.password()), clock);
    /** The bodies AAA and RESTCONF received, one per request the guard passed on. */
    private final List<String> passedOn = new ArrayList<>();

    /** A request's answer: status, headers, body. */
    private record Answer(int status, Map<String, String> headers, String body) {
    }

    private Answer send(final String method, final String uri, final String user, final String password,
            final String body) throws IOException, ServletException {
        final var headers = new HashMap<String, String>();
        if (user != null) {
            headers.put("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(StandardCharsets.UTF_8)));
        }
        headers.put("Content-Type", "application/json");
        final var stream = new BodyStream(body.getBytes(StandardCharsets.UTF_8));
        final HttpServletRequest request = (HttpServletRequest) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {HttpServletRequest.class}, (proxy, called, args) -> switch (called.getName()) {
                case "getMethod" -> method;
                case "getRequestURI" -> uri;
                case "getHeader" -> headers.get((String) args[0]);
                case "getContentType" -> headers.get("Content-Type");
                case "getRemoteAddr" -> "192.0.2.7";
                case "getInputStream" -> stream;
                default -> null;
            });
        final var status = new int[] {200};
        final var answerHeaders = new HashMap<String, String>();
        final var written = new StringWriter();
        final HttpServletResponse response = (HttpServletResponse) Proxy.newProxyInstance(
            getClass().getClassLoader(), new Class<?>[] {HttpServletResponse.class}, (proxy, called, args) -> {
                switch (called.getName()) {
                    case "setStatus" -> status[0] = (Integer) args[0];
                    case "getStatus" -> {
                        return status[0];
                    }
                    case "setHeader" -> answerHeaders.put((String) args[0], (String) args[1]);
                    case "getWriter" -> {
                        return new PrintWriter(written, true);
                    }
                    default -> {
                        return null;
                    }
                }
                return null;
            });
        guard.doFilter(request, response, (final ServletRequest passed, final ServletResponse answer) -> {
            passedOn.add(new String(passed.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            final boolean signedIn = headers.containsKey("Authorization") && "admin".equals(user)
                && "admin".equals(password);
            ((HttpServletResponse) answer).setStatus(signedIn ? 200 : 401);
        });
        return new Answer(status[0], answerHeaders, written.toString());
    }

    @Test
    public void wrongPasswordsAreLockedOutForLongerEachTime() throws Exception {
        for (int i = 0; i < AuthenticationThrottle.FREE_FAILURES; i++) {
            assertEquals(401, send("GET", PORT, "admin", "guess" + i, "").status());
        }
        final Answer locked = send("GET", PORT, "admin", "admin", "");
        assertEquals(429, locked.status());
        assertEquals("1", locked.headers().get("Retry-After"));
        assertTrue(locked.body(), locked.body().contains("too many failed sign-ins as admin from 192.0.2.7"));
        assertEquals("the locked request did not reach AAA", AuthenticationThrottle.FREE_FAILURES, passedOn.size());
        // Another user from the same address is not locked out.
        assertEquals(401, send("GET", PORT, "operator", "x", "").status());
        clock.advance(Duration.ofSeconds(1));
        assertEquals(401, send("GET", PORT, "admin", "again", "").status());
        assertEquals("2", send("GET", PORT, "admin", "admin", "").headers().get("Retry-After"));
        clock.advance(Duration.ofSeconds(2));
        assertEquals(200, send("GET", PORT, "admin", "admin", "").status());
        // The success forgot the failures: the next wrong password is free again.
        assertEquals(401, send("GET", PORT, "admin", "wrong", "").status());
        assertEquals(200, send("GET", PORT, "admin", "admin", "").status());
    }

    @Test
    public void onlyAClientThatSignsInLearnsWhyItsRequestIsRefused() throws Exception {
        final String badBody = "{\"edgeplane-tenant:port\":[{\"id\":\"p1\",\"isolated\":\"yes\"}]}";
        assertEquals(401, send("PUT", STATUS, null, null, "{}").status());
        assertEquals(401, send("PUT", STATUS, "admin", "wrong", "{}").status());
        assertEquals(401, send("PUT", PORT, "admin", "wrong", badBody).status());
        assertEquals("AAA received the body the guard read", badBody, passedOn.get(passedOn.size() - 1));
        final Answer readOnly = send("PUT", STATUS, "admin", "admin", "{}");
        assertEquals(405, readOnly.status());
        assertEquals("GET, HEAD, OPTIONS", readOnly.headers().get("Allow"));
        final Answer badType = send("PUT", PORT, "admin", "admin", badBody);
        assertEquals(400, badType.status());
        assertTrue(badType.body(), badType.body().contains("isolated: 'yes' is not a boolean"));
        assertEquals("refused requests did not reach RESTCONF", 3, passedOn.size());
        final String goodBody = "{\"edgeplane-tenant:port\":[{\"id\":\"p1\",\"isolated\":true}]}";
        assertEquals(200, send("PUT", PORT, "admin", "admin", goodBody).status());
        assertEquals(goodBody, passedOn.get(passedOn.size() - 1));
    }

    /** The content ledger and the write a leader hands to a switch's master are Edgeplane's own, never a client's. */
    @Test
    public void clientsCannotWriteTheLedgerOrHandSwitchWrites() throws Exception {
        final int before = passedOn.size();
        final Answer ledger = send("PUT", "/rests/data/edgeplane-tenant:switch-ledger", "admin", "admin", "{}");
        assertEquals(403, ledger.status());
        assertTrue(ledger.body(), ledger.body().contains("written by Edgeplane itself"));
        assertEquals(403, send("DELETE", "/rests/data/edgeplane-tenant:switch-ledger/switch-content=openflow%3A1",
            "admin", "admin", "").status());
        assertEquals(403, send("POST", "/rests/operations/edgeplane-cluster:write-switch", "admin", "admin",
            "{\"input\":{}}").status());
        assertEquals("none reached RESTCONF", before, passedOn.size());
        assertEquals(200, send("GET", "/rests/data/edgeplane-tenant:switch-ledger", "admin", "admin", "").status());
    }
}
