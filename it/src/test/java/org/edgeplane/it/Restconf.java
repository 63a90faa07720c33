/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * RESTCONF over real HTTP, as orchestration talks to Edgeplane: JSON bodies with Jackson, basic auth.
 */
public final class Restconf {
    public static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String authorization;

    /** An answer: the status, and the body parsed as JSON when it is JSON. */
    public record Response(int status, String body) {
        public JsonNode json() {
            try {
                return JSON.readTree(body.isEmpty() ? "{}" : body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        /** The RESTCONF error tag, or the empty string. */
        public String errorTag() {
            return json().path("errors").path("error").path(0).path("error-tag").asText("");
        }

        /** Whether the resource does not exist: ODL's RESTCONF answers 409 data-missing rather than 404. */
        public boolean isMissing() {
            return status == 404 || "data-missing".equals(errorTag());
        }

        /** The RESTCONF error message when the body is a RESTCONF error, otherwise the body as it came. */
        public String errorText() {
            try {
                return JSON.readTree(body.isEmpty() ? "{}" : body).path("errors").path("error").path(0)
                    .path("error-message").asText("");
            } catch (IOException e) {
                return body;
            }
        }

        /** The RESTCONF error message, or the empty string. */
        public String errorMessage() {
            return json().path("errors").path("error").path(0).path("error-message").asText("");
        }
    }

    public Restconf(final String base, final String user, final String password) {
        this.base = base;
        this.authorization = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
            .getBytes(StandardCharsets.UTF_8));
    }

    public static Restconf local() {
        return new Restconf("http://127.0.0.1:8181/rests/data/", "admin", "admin");
    }

    public Response get(final String path) {
        return send(request(path).GET());
    }

    public Response put(final String path, final JsonNode body) {
        return send(request(path).PUT(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    /** Calls an RPC ({@code module:name}) with this input, over {@code /rests/operations}. */
    public Response operation(final String rpc, final JsonNode input) {
        final var body = JSON.createObjectNode();
        body.set("input", input);
        return send(HttpRequest.newBuilder(URI.create(base.replace("/rests/data/", "/rests/operations/") + rpc))
            .timeout(Duration.ofSeconds(60)).header("Authorization", authorization)
            .header("Content-Type", "application/json").header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    public Response delete(final String path) {
        return send(request(path).DELETE());
    }

    /** A request without credentials. */
    public Response getAnonymously(final String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).GET());
    }

    /** A PUT without credentials. */
    public Response putAnonymously(final String path, final JsonNode body) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    private HttpRequest.Builder request(final String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
            .header("Authorization", authorization).header("Content-Type", "application/json")
            .header("Accept", "application/json");
    }

    /** Any request as a client may send it: method, raw body (null for none) and content type (null for none). */
    public Response exchange(final String method, final String path, final String body, final String contentType) {
        final var builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
            .header("Authorization", authorization).header("Accept", "application/json");
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        return send(builder.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body)));
    }

    private Response send(final HttpRequest.Builder request) {
        try {
            final var response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body());
        } catch (IOException e) {
            return new Response(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
