/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.isolation.odl;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.function.Supplier;
import javax.servlet.Filter;
import javax.servlet.FilterChain;
import javax.servlet.FilterConfig;
import javax.servlet.ServletException;
import javax.servlet.ServletInputStream;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletRequestWrapper;
import javax.servlet.http.HttpServletResponse;
import org.opendaylight.aaa.api.AuthenticationException;
import org.opendaylight.aaa.api.PasswordCredentialAuth;
import org.opendaylight.aaa.api.PasswordCredentials;
import org.opendaylight.mdsal.dom.api.DOMSchemaService;
import org.opendaylight.yangtools.yang.model.api.DataSchemaNode;
import org.opendaylight.yangtools.yang.model.api.EffectiveModelContext;
import org.opendaylight.yangtools.yang.model.api.Module;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A guard in front of RESTCONF, for three defects of stock ODL (netconf 5.0.9, controller 7.0.11, AAA 0.17.14) that
 * the application cannot fix behind RESTCONF:
 * <ul>
 *   <li>Wrong passwords are neither slowed nor locked. The guard counts the sign-ins AAA refuses (401) per address
 *       and user and, past a few, answers 429 for a lock that doubles with each further failure
 *       ({@link AuthenticationThrottle}), before the password is tried again.
 *   <li>A write to operational-only data ({@code config false} containers such as {@code edgeplane-tenant:status})
 *       answers 500 and leaves the failed transaction at the head of the configuration shard until it times out, so
 *       every client's next write waits about 16 s. The guard refuses it with 405 before it reaches the datastore.
 *   <li>A JSON body with data after the document is written up to that point, and a value of the wrong type or out
 *       of its YANG range is refused with a message that names the value or nothing. The guard checks the body
 *       first ({@link JsonBodyCheck}) and answers 400 naming the field.
 * </ul>
 * AAA's filter chain runs the guard before AAA authenticates, so the guard checks the credentials itself before it
 * answers anything but 429: a request without valid credentials goes on to AAA, which answers 401.
 */
public final class RestconfGuard implements Filter {
    private static final Logger LOG = LoggerFactory.getLogger(RestconfGuard.class);
    private static final Set<String> WRITES = Set.of("PUT", "POST", "PATCH", "DELETE");
    private static final String DATA = "/rests/data";
    /**
     * Written by the controller only: the content ledger (a forged record could make a new leader skip a switch) and
     * the write a rounds leader hands to a switch's master (it carries flows no validator saw).
     */
    private static final Set<String> INTERNAL = Set.of("edgeplane-tenant:switch-ledger",
        "edgeplane-cluster:write-switch");
    /** Bodies of writes are read whole to be checked; larger ones are refused. */
    private static final int MAX_BODY = 16 * 1024 * 1024;

    private static final int TOO_MANY_REQUESTS = 429;

    private final Supplier<EffectiveModelContext> schema;
    private final Predicate<BasicCredentials> signIn;
    private final AuthenticationThrottle throttle;
    private EffectiveModelContext knownContext;
    private Set<String> readOnly = Set.of();

    public RestconfGuard(final DOMSchemaService schemaService, final PasswordCredentialAuth passwords) {
        this(schemaService::getGlobalContext, credentials -> signsIn(passwords, credentials), Clock.systemUTC());
    }

    RestconfGuard(final Supplier<EffectiveModelContext> schema, final Predicate<BasicCredentials> signIn,
            final Clock clock) {
        this.schema = requireNonNull(schema);
        this.signIn = requireNonNull(signIn);
        throttle = new AuthenticationThrottle(clock);
    }

    private static boolean signsIn(final PasswordCredentialAuth passwords, final BasicCredentials credentials) {
        try {
            passwords.authenticate(new PasswordCredentials() {
                @Override
                public String username() {
                    return credentials.username();
                }

                @Override
                public String password() {
                    return credentials.password();
                }

                @Override
                public String domain() {
                    return null;
                }
            });
            return true;
        } catch (AuthenticationException e) {
            return false;
        }
    }

    /** The top-level config-false containers of every module, as {@code module:name}. */
    private synchronized Set<String> readOnlyContainers() {
        final EffectiveModelContext context = schema.get();
        if (context != knownContext) {
            final var names = new TreeSet<String>();
            for (Module module : context.getModules()) {
                for (DataSchemaNode node : module.getChildNodes()) {
                    if (!node.effectiveConfig().orElse(Boolean.TRUE)) {
                        names.add(module.getName() + ":" + node.getQName().getLocalName());
                    }
                }
            }
            readOnly = Set.copyOf(names);
            knownContext = context;
        }
        return readOnly;
    }

    @Override
    public void init(final FilterConfig filterConfig) {
        // Nothing to configure: the read-only containers come from the schema.
    }

    @Override
    public void doFilter(final ServletRequest request, final ServletResponse response, final FilterChain chain)
            throws IOException, ServletException {
        if (!(request instanceof HttpServletRequest http) || !(response instanceof HttpServletResponse httpResponse)) {
            chain.doFilter(request, response);
            return;
        }
        final Optional<BasicCredentials> credentials = BasicCredentials.parse(http.getHeader("Authorization"));
        if (credentials.isEmpty()) {
            // Nothing to guess with and nothing to answer: AAA answers 401.
            chain.doFilter(request, response);
            return;
        }
        final String client = http.getRemoteAddr() + " as " + credentials.orElseThrow().username();
        final Optional<Duration> locked = throttle.lockedFor(client);
        if (locked.isPresent()) {
            final long seconds = Math.max(1, (locked.orElseThrow().toMillis() + 999) / 1000);
            httpResponse.setStatus(TOO_MANY_REQUESTS);
            httpResponse.setHeader("Retry-After", Long.toString(seconds));
            write(httpResponse, "access-denied", "too many failed sign-ins as " + credentials.orElseThrow()
                .username() + " from " + http.getRemoteAddr() + ": retry in " + seconds + " s");
            return;
        }
        guard(http, httpResponse, chain, credentials.orElseThrow());
        if (httpResponse.getStatus() == HttpServletResponse.SC_UNAUTHORIZED) {
            throttle.failed(client).ifPresent(lock -> LOG.warn("Sign-in as {} from {} refused again; locked out for "
                + "{} s", credentials.orElseThrow().username(), http.getRemoteAddr(), lock.toSeconds()));
        } else {
            throttle.succeeded(client);
        }
    }

    /** Refuses what RESTCONF would mishandle, once the credentials are known to be valid; passes the rest on. */
    private void guard(final HttpServletRequest http, final HttpServletResponse httpResponse,
            final FilterChain chain, final BasicCredentials credentials) throws IOException, ServletException {
        if (!WRITES.contains(http.getMethod())) {
            chain.doFilter(http, httpResponse);
            return;
        }
        final String uri = http.getRequestURI();
        final var internal = INTERNAL.stream().filter(name -> uri.contains("/" + name)
            || uri.contains("/" + name.replace(":", "%3A"))).findFirst();
        if (internal.isPresent() && signIn.test(credentials)) {
            LOG.info("Refused {} {}: internal to Edgeplane", http.getMethod(), uri);
            new Refusal(HttpServletResponse.SC_FORBIDDEN, "access-denied", internal.orElseThrow()
                + " is written by Edgeplane itself, never by clients").send(httpResponse);
            return;
        }
        final int data = uri.indexOf(DATA);
        if (data < 0) {
            chain.doFilter(http, httpResponse);
            return;
        }
        final String rest = uri.substring(data + DATA.length());
        final List<String> segments = rest.isEmpty() || "/".equals(rest) ? List.of()
            : Arrays.stream(rest.substring(1).split("/")).map(segment -> URLDecoder.decode(segment,
                StandardCharsets.UTF_8)).toList();
        final String method = http.getMethod();
        final String contentType = http.getContentType();
        final boolean json = contentType != null && contentType.toLowerCase(Locale.ROOT).contains("json");
        final String top = segments.isEmpty() ? "" : segments.get(0).split("=", 2)[0];
        HttpServletRequest forward = http;
        Optional<Refusal> refusal = Optional.empty();
        if (readOnlyContainers().contains(top)) {
            refusal = Optional.of(Refusal.readOnly(method, top));
        } else if ((segments.isEmpty() || json) && !"DELETE".equals(method)) {
            final byte[] body = http.getInputStream().readNBytes(MAX_BODY + 1);
            forward = new BufferedRequest(http, body);
            refusal = bodyRefusal(method, segments, body, json);
        }
        if (refusal.isEmpty() || !signIn.test(credentials)) {
            // Only a client that signs in learns why its request is refused; AAA answers the others 401.
            chain.doFilter(forward, httpResponse);
            return;
        }
        LOG.info("Refused {} {}: {}", method, uri, refusal.orElseThrow().message());
        refusal.orElseThrow().send(httpResponse);
    }

    private Optional<Refusal> bodyRefusal(final String method, final List<String> segments, final byte[] body,
            final boolean json) {
        if (body.length > MAX_BODY) {
            return Optional.of(new Refusal(413, "too-big", "a request body may carry at most " + MAX_BODY
                + " bytes"));
        }
        final String text = new String(body, StandardCharsets.UTF_8);
        if (segments.isEmpty()) {
            // A write to the whole datastore may carry an operational container in its body.
            for (String container : readOnlyContainers()) {
                if (text.contains("\"" + container + "\"")) {
                    return Optional.of(Refusal.readOnly(method, container));
                }
            }
        }
        if (json && body.length > 0) {
            return new JsonBodyCheck(schema.get()).problem(segments, text).map(problem -> new Refusal(
                HttpServletResponse.SC_BAD_REQUEST, "invalid-value", problem));
        }
        return Optional.empty();
    }

    /** An answer the guard gives instead of RESTCONF. */
    private record Refusal(int status, String tag, String message) {
        static Refusal readOnly(final String method, final String container) {
            return new Refusal(HttpServletResponse.SC_METHOD_NOT_ALLOWED, "operation-not-supported", container
                + " is operational data (config false): it is read-only, " + method + " is not allowed");
        }

        void send(final HttpServletResponse response) throws IOException {
            response.setStatus(status);
            if (status == HttpServletResponse.SC_METHOD_NOT_ALLOWED) {
                response.setHeader("Allow", "GET, HEAD, OPTIONS");
            }
            write(response, tag, message);
        }
    }

    private static void write(final HttpServletResponse response, final String tag, final String message)
            throws IOException {
        response.setContentType("application/yang-data+json");
        response.setCharacterEncoding("UTF-8");
        final String escaped = message.replace("\\", "\\\\").replace("\"", "\\\"");
        response.getWriter().write("{\"errors\":{\"error\":[{\"error-type\":\"protocol\",\"error-tag\":\"" + tag
            + "\",\"error-message\":\"" + escaped + "\"}]}}");
    }

    @Override
    public void destroy() {
        // Nothing held.
    }

    /** The request with its body already read, replayed to the next filter. */
    private static final class BufferedRequest extends HttpServletRequestWrapper {
        private final byte[] body;

        BufferedRequest(final HttpServletRequest request, final byte[] body) {
            super(request);
            this.body = body.clone();
        }

        @Override
        public ServletInputStream getInputStream() {
            return new BodyStream(body);
        }
    }
}
