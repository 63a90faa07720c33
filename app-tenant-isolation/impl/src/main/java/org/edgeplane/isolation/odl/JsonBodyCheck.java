/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.isolation.odl;

import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.MalformedJsonException;
import java.io.EOFException;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.yangtools.yang.common.QName;
import org.opendaylight.yangtools.yang.common.QNameModule;
import org.opendaylight.yangtools.yang.model.api.DataNodeContainer;
import org.opendaylight.yangtools.yang.model.api.DataSchemaNode;
import org.opendaylight.yangtools.yang.model.api.EffectiveModelContext;
import org.opendaylight.yangtools.yang.model.api.LeafListSchemaNode;
import org.opendaylight.yangtools.yang.model.api.LeafSchemaNode;
import org.opendaylight.yangtools.yang.model.api.ListSchemaNode;
import org.opendaylight.yangtools.yang.model.api.Module;
import org.opendaylight.yangtools.yang.model.api.TypeDefinition;
import org.opendaylight.yangtools.yang.model.api.type.BooleanTypeDefinition;
import org.opendaylight.yangtools.yang.model.api.type.EnumTypeDefinition;
import org.opendaylight.yangtools.yang.model.api.type.Int16TypeDefinition;
import org.opendaylight.yangtools.yang.model.api.type.Int32TypeDefinition;
import org.opendaylight.yangtools.yang.model.api.type.Int64TypeDefinition;
import org.opendaylight.yangtools.yang.model.api.type.Int8TypeDefinition;
import org.opendaylight.yangtools.yang.model.api.type.PatternConstraint;
import org.opendaylight.yangtools.yang.model.api.type.RangeRestrictedTypeDefinition;
import org.opendaylight.yangtools.yang.model.api.type.StringTypeDefinition;
import org.opendaylight.yangtools.yang.model.api.type.Uint16TypeDefinition;
import org.opendaylight.yangtools.yang.model.api.type.Uint32TypeDefinition;
import org.opendaylight.yangtools.yang.model.api.type.Uint64TypeDefinition;
import org.opendaylight.yangtools.yang.model.api.type.Uint8TypeDefinition;

/**
 * Checks a RESTCONF JSON body before RESTCONF parses it, so that a bad body gets a message that names its field: it
 * must be exactly one JSON document (stock RESTCONF ignores what follows it, and writes the first part), and every
 * leaf of a schema this check can place must hold a value of its YANG type: booleans, enumerations, integers within
 * their range, strings within their length. (RESTCONF's own messages for these name the value or nothing.) What it
 * cannot place (unknown names, unions) is left to RESTCONF.
 */
final class JsonBodyCheck {
    private static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private final EffectiveModelContext context;

    JsonBodyCheck(final EffectiveModelContext context) {
        this.context = context;
    }

    /** Why the body cannot be what it claims, as a message naming the field; empty when it may go on. */
    Optional<String> problem(final List<String> targetPath, final String body) {
        try (JsonReader reader = new JsonReader(new StringReader(body))) {
            reader.setLenient(false);
            final DataSchemaNode target = resolve(targetPath);
            final Optional<String> found = checkDocument(reader, targetPath.isEmpty() ? null : target);
            if (found.isPresent()) {
                return found;
            }
            return moreData(reader);
        } catch (MalformedJsonException | EOFException | IllegalStateException e) {
            return Optional.of("request body is not valid JSON" + where(e));
        } catch (IOException e) {
            return Optional.of("request body could not be read: " + e.getMessage());
        }
    }

    private static Optional<String> moreData(final JsonReader reader) throws IOException {
        try {
            if (reader.peek() == JsonToken.END_DOCUMENT) {
                return Optional.empty();
            }
        } catch (MalformedJsonException e) {
            // Strict parsing refuses a second value outright; it is the same mistake.
        }
        return Optional.of("request body: more data follows the JSON document; a body is exactly one JSON "
            + "document");
    }

    /** Where the parser stopped, from its message ("... at line 1 column 5 path $.x"). */
    private static String where(final Exception error) {
        final String message = String.valueOf(error.getMessage());
        final int at = message.indexOf(" at line ");
        return at < 0 ? "" : " (" + message.substring(at + 1).replaceFirst(" path .*", "") + ")";
    }

    /** The schema node a RESTCONF data path names (list keys dropped), or null when it is the root or unknown. */
    private @Nullable DataSchemaNode resolve(final List<String> segments) {
        DataSchemaNode node = null;
        QNameModule module = null;
        for (String segment : segments) {
            final String name = segment.split("=", 2)[0];
            final int colon = name.indexOf(':');
            if (colon > 0) {
                module = moduleOf(name.substring(0, colon));
            }
            if (module == null) {
                return null;
            }
            final QName qname = QName.create(module, colon > 0 ? name.substring(colon + 1) : name);
            node = node == null ? context.dataChildByName(qname) : childOf(node, qname);
            if (node == null) {
                return null;
            }
        }
        return node;
    }

    private @Nullable QNameModule moduleOf(final String moduleName) {
        return context.findModules(moduleName).stream().findFirst().map(Module::getQNameModule).orElse(null);
    }

    private static @Nullable DataSchemaNode childOf(final DataSchemaNode parent, final QName name) {
        return parent instanceof DataNodeContainer container ? container.dataChildByName(name) : null;
    }

    /** The top object: each member is the target itself (PUT, PATCH) or a child of it (POST); the root's children. */
    private Optional<String> checkDocument(final JsonReader reader, final @Nullable DataSchemaNode target)
            throws IOException {
        if (reader.peek() != JsonToken.BEGIN_OBJECT) {
            return Optional.of("request body: a JSON object is expected, not " + describe(reader.peek()));
        }
        reader.beginObject();
        while (reader.hasNext()) {
            final String member = reader.nextName();
            final int colon = member.indexOf(':');
            final QNameModule module = colon > 0 ? moduleOf(member.substring(0, colon)) : null;
            DataSchemaNode node = null;
            if (module != null) {
                final QName qname = QName.create(module, member.substring(colon + 1));
                if (target == null) {
                    node = context.dataChildByName(qname);
                } else {
                    node = target.getQName().equals(qname) ? target : childOf(target, qname);
                }
            }
            final Optional<String> found = node == null ? skip(reader) : checkValue(reader, node, member);
            if (found.isPresent()) {
                return found;
            }
        }
        reader.endObject();
        return Optional.empty();
    }

    private static Optional<String> skip(final JsonReader reader) throws IOException {
        reader.skipValue();
        return Optional.empty();
    }

    private Optional<String> checkValue(final JsonReader reader, final DataSchemaNode node, final String path)
            throws IOException {
        if (node instanceof LeafSchemaNode leaf) {
            return checkScalar(reader, leaf.getType(), path);
        }
        if (node instanceof LeafListSchemaNode leafList) {
            if (reader.peek() != JsonToken.BEGIN_ARRAY) {
                return Optional.of(path + ": a JSON array of values is expected, not " + describe(reader.peek()));
            }
            reader.beginArray();
            for (int i = 0; reader.hasNext(); i++) {
                final Optional<String> found = checkScalar(reader, leafList.getType(), path + "[" + i + "]");
                if (found.isPresent()) {
                    return found;
                }
            }
            reader.endArray();
            return Optional.empty();
        }
        if (node instanceof ListSchemaNode list) {
            if (reader.peek() != JsonToken.BEGIN_ARRAY) {
                return Optional.of(path + ": a JSON array of list entries is expected, not "
                    + describe(reader.peek()));
            }
            reader.beginArray();
            for (int i = 0; reader.hasNext(); i++) {
                final Optional<String> found = checkObject(reader, list, path + "[" + i + "]");
                if (found.isPresent()) {
                    return found;
                }
            }
            reader.endArray();
            return Optional.empty();
        }
        if (node instanceof DataNodeContainer container) {
            return checkObject(reader, container, path);
        }
        return skip(reader);
    }

    private Optional<String> checkObject(final JsonReader reader, final DataNodeContainer container,
            final String path) throws IOException {
        if (reader.peek() != JsonToken.BEGIN_OBJECT) {
            return Optional.of(path + ": a JSON object is expected, not " + describe(reader.peek()));
        }
        final QNameModule parentModule = ((DataSchemaNode) container).getQName().getModule();
        final var seen = new HashSet<QName>();
        reader.beginObject();
        while (reader.hasNext()) {
            final String member = reader.nextName();
            final int colon = member.indexOf(':');
            final QNameModule module = colon > 0 ? moduleOf(member.substring(0, colon)) : parentModule;
            final DataSchemaNode child = module == null ? null
                : container.dataChildByName(QName.create(module, colon > 0 ? member.substring(colon + 1) : member));
            final String childPath = path + "/" + (colon > 0 ? member.substring(colon + 1) : member);
            if (child != null) {
                seen.add(child.getQName());
            }
            final Optional<String> found = child == null ? skip(reader) : checkValue(reader, child, childPath);
            if (found.isPresent()) {
                return found;
            }
        }
        reader.endObject();
        if (container instanceof ListSchemaNode list) {
            for (QName key : list.getKeyDefinition()) {
                if (!seen.contains(key)) {
                    return Optional.of(path + "/" + key.getLocalName() + ": is required (a key of the list)");
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> checkScalar(final JsonReader reader, final TypeDefinition<?> type,
            final String path) throws IOException {
        final JsonToken token = reader.peek();
        if (token == JsonToken.BEGIN_ARRAY || token == JsonToken.BEGIN_OBJECT || token == JsonToken.NULL) {
            if (token == JsonToken.NULL) {
                reader.nextNull();
            } else {
                reader.skipValue();
            }
            return Optional.of(path + ": a single value is expected, not " + describe(token));
        }
        final String text = token == JsonToken.BOOLEAN ? Boolean.toString(reader.nextBoolean()) : reader.nextString();
        final String shown = "'" + (text.length() > 80 ? text.substring(0, 80) + "...'" : text + "'");
        if (type instanceof BooleanTypeDefinition) {
            return "true".equals(text) || "false".equals(text) ? Optional.empty()
                : Optional.of(path + ": " + shown + " is not a boolean (true or false)");
        }
        if (type instanceof EnumTypeDefinition enumeration) {
            final List<String> names = enumeration.getValues().stream().map(EnumTypeDefinition.EnumPair::getName)
                .toList();
            return names.contains(text) ? Optional.empty()
                : Optional.of(path + ": " + shown + " is not one of " + String.join(", ", names));
        }
        if (type instanceof StringTypeDefinition string) {
            final int length = text.codePointCount(0, text.length());
            final Optional<String> tooLong = string.getLengthConstraint().filter(constraint -> !constraint
                .getAllowedRanges().contains(length)).map(constraint -> path + ": is " + length
                    + " characters long; allowed " + constraint.getAllowedRanges().asRanges().stream()
                        .map(range -> range.lowerEndpoint() + ".." + range.upperEndpoint())
                        .collect(Collectors.joining(", ")));
            if (tooLong.isPresent()) {
                return tooLong;
            }
            for (PatternConstraint pattern : string.getPatternConstraints()) {
                final boolean matches = Pattern.compile(pattern.getJavaPatternString()).matcher(text).matches();
                final boolean inverted = pattern.getModifier().isPresent();
                if (matches == inverted) {
                    return Optional.of(path + ": " + shown + " does not match the pattern "
                        + pattern.getRegularExpressionString());
                }
            }
            return Optional.empty();
        }
        final Optional<BigInteger[]> bounds = naturalBounds(type);
        if (bounds.isEmpty()) {
            return Optional.empty();
        }
        final BigInteger value;
        try {
            value = new BigDecimal(text).toBigIntegerExact();
        } catch (NumberFormatException | ArithmeticException e) {
            return Optional.of(path + ": " + shown + " is not an integer");
        }
        if (value.compareTo(bounds.orElseThrow()[0]) < 0 || value.compareTo(bounds.orElseThrow()[1]) > 0) {
            return Optional.of(path + ": " + value + " is out of range " + bounds.orElseThrow()[0] + ".."
                + bounds.orElseThrow()[1]);
        }
        if (type instanceof RangeRestrictedTypeDefinition<?, ?> restricted) {
            final var ranges = restricted.getRangeConstraint().map(constraint -> constraint.getAllowedRanges()
                .asRanges()).orElse(null);
            if (ranges != null && ranges.stream().noneMatch(range -> new BigInteger(range.lowerEndpoint().toString())
                    .compareTo(value) <= 0 && new BigInteger(range.upperEndpoint().toString()).compareTo(value) >= 0)) {
                return Optional.of(path + ": " + value + " is out of range " + ranges.stream().map(range -> range
                    .lowerEndpoint() + ".." + range.upperEndpoint()).collect(Collectors.joining(", ")));
            }
        }
        return Optional.empty();
    }

    /** The bounds of a built-in integer type, or empty for a type that is not an integer. */
    private static Optional<BigInteger[]> naturalBounds(final TypeDefinition<?> type) {
        final long[] bounds;
        if (type instanceof Uint8TypeDefinition) {
            bounds = new long[] {0, 0xFF};
        } else if (type instanceof Uint16TypeDefinition) {
            bounds = new long[] {0, 0xFFFF};
        } else if (type instanceof Uint32TypeDefinition) {
            bounds = new long[] {0, 0xFFFF_FFFFL};
        } else if (type instanceof Uint64TypeDefinition) {
            return Optional.of(new BigInteger[] {BigInteger.ZERO, UINT64_MAX});
        } else if (type instanceof Int8TypeDefinition) {
            bounds = new long[] {Byte.MIN_VALUE, Byte.MAX_VALUE};
        } else if (type instanceof Int16TypeDefinition) {
            bounds = new long[] {Short.MIN_VALUE, Short.MAX_VALUE};
        } else if (type instanceof Int32TypeDefinition) {
            bounds = new long[] {Integer.MIN_VALUE, Integer.MAX_VALUE};
        } else if (type instanceof Int64TypeDefinition) {
            bounds = new long[] {Long.MIN_VALUE, Long.MAX_VALUE};
        } else {
            return Optional.empty();
        }
        return Optional.of(new BigInteger[] {BigInteger.valueOf(bounds[0]), BigInteger.valueOf(bounds[1])});
    }

    private static String describe(final JsonToken token) {
        return token.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
