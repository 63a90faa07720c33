/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.isolation.odl;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import javax.servlet.Filter;
import javax.servlet.FilterChain;
import javax.servlet.FilterConfig;
import javax.servlet.ReadListener;
import javax.servlet.ServletException;
import javax.servlet.ServletInputStream;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletRequestWrapper;
import javax.servlet.http.HttpServletResponse;
import org.opendaylight.mdsal.dom.api.DOMSchemaService;
import org.opendaylight.yangtools.yang.model.api.DataSchemaNode;
import org.opendaylight.yangtools.yang.model.api.EffectiveModelContext;
import org.opendaylight.yangtools.yang.model.api.Module;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A guard in front of RESTCONF (through AAA's filter chain, after authentication), for two defects of stock ODL
 * (netconf 5.0.9, controller 7.0.11) that the application cannot fix behind RESTCONF:
 * <ul>
 *   <li>A write to operational-only data ({@code config false} containers such as {@code edgeplane-tenant:status})
 *       answers 500 and leaves the failed transaction at the head of the configuration shard until it times out, so
 *       every client's next write waits about 16 s. The guard refuses it with 405 before it reaches the datastore.
 *   <li>A JSON body with data after the document is written up to that point, and a value of the wrong type or out
 *       of its YANG range is refused with a message that names the value or nothing. The guard checks the body
 *       first ({@link JsonBodyCheck}) and answers 400 naming the field.
 * </ul>
 */
public final class RestconfGuard implements Filter {
    private static final Logger LOG = LoggerFactory.getLogger(RestconfGuard.class);
    private static final Set<String> WRITES = Set.of("PUT", "POST", "PATCH", "DELETE");
    private static final String DATA = "/rests/data";
    /** Bodies of writes are read whole to be checked; larger ones are refused. */
    private static final int MAX_BODY = 16 * 1024 * 1024;

    private final Supplier<EffectiveModelContext> schema;
    private EffectiveModelContext knownContext;
    private Set<String> readOnly = Set.of();

    public RestconfGuard(final DOMSchemaService schemaService) {
        this(schemaService::getGlobalContext);
    }

    RestconfGuard(final Supplier<EffectiveModelContext> schema) {
        this.schema = requireNonNull(schema);
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
        if (!(request instanceof HttpServletRequest http) || !(response instanceof HttpServletResponse httpResponse)
                || !WRITES.contains(http.getMethod())) {
            chain.doFilter(request, response);
            return;
        }
        final String uri = http.getRequestURI();
        final int data = uri.indexOf(DATA);
        if (data < 0) {
            chain.doFilter(request, response);
            return;
        }
        final String rest = uri.substring(data + DATA.length());
        final List<String> segments = rest.isEmpty() || "/".equals(rest) ? List.of()
            : Arrays.stream(rest.substring(1).split("/")).map(segment -> URLDecoder.decode(segment,
                StandardCharsets.UTF_8)).toList();
        if (!segments.isEmpty() && readOnlyContainers().contains(segments.get(0).split("=", 2)[0])) {
            refuse(httpResponse, http.getMethod(), segments.get(0).split("=", 2)[0]);
            return;
        }
        final String contentType = http.getContentType();
        final boolean json = contentType != null && contentType.toLowerCase(Locale.ROOT).contains("json");
        if (!segments.isEmpty() && !json || "DELETE".equals(http.getMethod())) {
            chain.doFilter(request, response);
            return;
        }
        final byte[] body = http.getInputStream().readNBytes(MAX_BODY + 1);
        if (body.length > MAX_BODY) {
            httpResponse.setStatus(413);
            write(httpResponse, "too-big", "a request body may carry at most " + MAX_BODY + " bytes");
            return;
        }
        final String text = new String(body, StandardCharsets.UTF_8);
        if (segments.isEmpty()) {
            // A write to the whole datastore may carry an operational container in its body.
            for (String container : readOnlyContainers()) {
                if (text.contains("\"" + container + "\"")) {
                    refuse(httpResponse, http.getMethod(), container);
                    return;
                }
            }
        }
        if (json && body.length > 0) {
            final Optional<String> problem = new JsonBodyCheck(schema.get()).problem(segments, text);
            if (problem.isPresent()) {
                LOG.info("Refused {} {}: {}", http.getMethod(), uri, problem.orElseThrow());
                httpResponse.setStatus(HttpServletResponse.SC_BAD_REQUEST);
                write(httpResponse, "invalid-value", problem.orElseThrow());
                return;
            }
        }
        chain.doFilter(new BufferedRequest(http, body), response);
    }

    private static void refuse(final HttpServletResponse response, final String method, final String container)
            throws IOException {
        LOG.info("Refused {} of operational data {}", method, container);
        response.setStatus(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
        response.setHeader("Allow", "GET, HEAD, OPTIONS");
        write(response, "operation-not-supported", container + " is operational data (config false): it is "
            + "read-only, " + method + " is not allowed");
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
            final var in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(final byte[] buffer, final int offset, final int length) {
                    return in.read(buffer, offset, length);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(final ReadListener listener) {
                    throw new UnsupportedOperationException("the body is already read");
                }
            };
        }
    }
}
