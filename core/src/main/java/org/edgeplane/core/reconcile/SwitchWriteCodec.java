/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.reconcile;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.edgeplane.core.flow.FlowId;

/**
 * One switch write (its diff and what it reads of the switch) as bytes, for another member to apply. The encoding
 * follows the records' own structure: each record is its components in declaration order; a value whose declared
 * type is a sealed interface names which permitted record it is; lists, sorted maps and sorted sets carry their
 * size. Decoding only ever calls the canonical constructors of records the declared types allow, so bytes from
 * anywhere can at worst be refused, never run.
 */
public final class SwitchWriteCodec {
    private static final int MAX_SIZE = 10_000_000;

    private SwitchWriteCodec() {
    }

    /** The diff and what it reads of the switch, gzipped. */
    public static byte[] encode(final FlowDiff diff, final HeldSnapshot held) {
        final var bytes = new ByteArrayOutputStream();
        try (var out = new DataOutputStream(new GZIPOutputStream(bytes))) {
            write(out, FlowDiff.class, diff);
            write(out, HeldSnapshot.class, held);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** What {@link #encode} made. */
    public static Decoded decode(final byte[] bytes) {
        try (var in = new DataInputStream(new GZIPInputStream(new ByteArrayInputStream(bytes)))) {
            return new Decoded((FlowDiff) read(in, FlowDiff.class), (HeldSnapshot) read(in, HeldSnapshot.class));
        } catch (IOException e) {
            throw new IllegalArgumentException("not an encoded switch write", e);
        }
    }

    /** A decoded write. */
    public record Decoded(FlowDiff diff, HeldSnapshot held) {
    }

    private static void write(final DataOutputStream out, final Type type, final Object value) throws IOException {
        final Class<?> raw = rawClass(type);
        if (!raw.isPrimitive()) {
            out.writeBoolean(value != null);
            if (value == null) {
                return;
            }
        }
        if (raw == int.class || raw == Integer.class) {
            out.writeInt((Integer) value);
        } else if (raw == long.class || raw == Long.class) {
            out.writeLong((Long) value);
        } else if (raw == boolean.class || raw == Boolean.class) {
            out.writeBoolean((Boolean) value);
        } else if (raw == String.class) {
            out.writeUTF((String) value);
        } else if (raw == FlowId.class) {
            out.writeUTF(value.toString());
        } else if (raw.isEnum()) {
            out.writeUTF(((Enum<?>) value).name());
        } else if (raw == List.class) {
            final List<?> list = (List<?>) value;
            out.writeInt(list.size());
            for (Object element : list) {
                write(out, typeArgument(type, 0), element);
            }
        } else if (raw == SortedSet.class) {
            final SortedSet<?> set = (SortedSet<?>) value;
            out.writeInt(set.size());
            for (Object element : set) {
                write(out, typeArgument(type, 0), element);
            }
        } else if (raw == Map.class || raw == SortedMap.class) {
            final Map<?, ?> map = (Map<?, ?>) value;
            out.writeInt(map.size());
            for (var entry : map.entrySet()) {
                write(out, typeArgument(type, 0), entry.getKey());
                write(out, typeArgument(type, 1), entry.getValue());
            }
        } else if (raw.isSealed()) {
            out.writeUTF(value.getClass().getSimpleName());
            writeRecord(out, value.getClass(), value);
        } else if (raw.isRecord()) {
            writeRecord(out, raw, value);
        } else {
            throw new IllegalArgumentException("cannot encode a " + raw);
        }
    }

    private static void writeRecord(final DataOutputStream out, final Class<?> type, final Object value)
            throws IOException {
        for (RecordComponent component : type.getRecordComponents()) {
            try {
                write(out, component.getGenericType(), component.getAccessor().invoke(value));
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("cannot read " + component, e);
            }
        }
    }

    private static Object read(final DataInputStream in, final Type type) throws IOException {
        final Class<?> raw = rawClass(type);
        if (!raw.isPrimitive() && !in.readBoolean()) {
            return null;
        }
        if (raw == int.class || raw == Integer.class) {
            return in.readInt();
        } else if (raw == long.class || raw == Long.class) {
            return in.readLong();
        } else if (raw == boolean.class || raw == Boolean.class) {
            return in.readBoolean();
        } else if (raw == String.class) {
            return in.readUTF();
        } else if (raw == FlowId.class) {
            return FlowId.of(in.readUTF());
        } else if (raw.isEnum()) {
            return enumValue(raw, in.readUTF());
        } else if (raw == List.class) {
            final int size = size(in);
            final var list = new ArrayList<>(Math.min(size, 1024));
            for (int i = 0; i < size; i++) {
                list.add(read(in, typeArgument(type, 0)));
            }
            return list;
        } else if (raw == SortedSet.class) {
            final int size = size(in);
            final var set = new TreeSet<Object>();
            for (int i = 0; i < size; i++) {
                set.add(read(in, typeArgument(type, 0)));
            }
            return set;
        } else if (raw == Map.class || raw == SortedMap.class) {
            final int size = size(in);
            final var map = new TreeMap<Object, Object>();
            for (int i = 0; i < size; i++) {
                map.put(read(in, typeArgument(type, 0)), read(in, typeArgument(type, 1)));
            }
            return map;
        } else if (raw.isSealed()) {
            final String name = in.readUTF();
            final Class<?> permitted = Arrays.stream(raw.getPermittedSubclasses())
                .filter(candidate -> candidate.getSimpleName().equals(name)).findFirst()
                .orElseThrow(() -> new IOException(name + " is not a " + raw.getSimpleName()));
            return readRecord(in, permitted);
        } else if (raw.isRecord()) {
            return readRecord(in, raw);
        }
        throw new IOException("cannot decode a " + raw);
    }

    private static Object readRecord(final DataInputStream in, final Class<?> type) throws IOException {
        if (!type.isRecord()) {
            throw new IOException(type + " is not a record");
        }
        final RecordComponent[] components = type.getRecordComponents();
        final Object[] values = new Object[components.length];
        final Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            values[i] = read(in, components[i].getGenericType());
            types[i] = components[i].getType();
        }
        try {
            final Constructor<?> canonical = type.getDeclaredConstructor(types);
            return canonical.newInstance(values);
        } catch (NoSuchMethodException | InstantiationException | IllegalAccessException e) {
            throw new IOException("cannot make a " + type, e);
        } catch (InvocationTargetException e) {
            throw new IOException("refused as a " + type.getSimpleName() + ": " + e.getCause().getMessage(), e);
        }
    }

    @SuppressWarnings({ "unchecked", "rawtypes" })
    private static Object enumValue(final Class<?> type, final String name) throws IOException {
        try {
            return Enum.valueOf((Class) type, name);
        } catch (IllegalArgumentException e) {
            throw new IOException(name + " is not a " + type.getSimpleName(), e);
        }
    }

    private static int size(final DataInputStream in) throws IOException {
        final int size = in.readInt();
        if (size < 0 || size > MAX_SIZE) {
            throw new IOException("a collection of " + size);
        }
        return size;
    }

    private static Class<?> rawClass(final Type type) {
        if (type instanceof Class<?> clazz) {
            return clazz;
        }
        if (type instanceof ParameterizedType parameterized) {
            return (Class<?>) parameterized.getRawType();
        }
        throw new IllegalArgumentException("cannot encode a " + type);
    }

    private static Type typeArgument(final Type type, final int index) {
        if (type instanceof ParameterizedType parameterized) {
            return parameterized.getActualTypeArguments()[index];
        }
        throw new IllegalArgumentException(type + " has no type arguments");
    }
}
