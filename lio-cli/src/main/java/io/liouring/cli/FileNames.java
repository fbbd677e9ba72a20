package io.liouring.cli;

import io.liouring.PathBytes;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * File name operands as the bytes they are, and as paths for the kernel.
 *
 * <p>On Linux a file name is bytes. A name that is text in the file name encoding (the locale's: UTF-8, or ASCII
 * under {@code LC_ALL=C}) is an ordinary string. A byte that is not is carried in the string as the lone
 * surrogate {@code U+DC00 + byte} (U+DC80 to U+DCFF, as Python's "surrogateescape" does), so that no two names
 * look alike: {@link #decode} and {@link #encode} are exact inverses. {@link #path} turns such a name into a
 * {@link Path} holding exactly its bytes (through a {@code file:} URI, which can say any byte), and the library
 * hands those to the kernel. {@link ShellQuote} shows the escaped bytes as coreutils does ({@code $'\377'}).
 *
 * <p>Java's {@link Path} drops a trailing slash ({@code f/} becomes {@code f}), which for the kernel means "a
 * directory": {@code cat f/} of a regular file fails with ENOTDIR in coreutils. A name with a trailing slash is
 * given a {@code .} after it, which keeps that meaning.
 */
final class FileNames {
    private static final int ESCAPE = 0xDC00;
    private static final Charset NAMES = Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8"));
    private static final boolean UTF8 = NAMES.equals(StandardCharsets.UTF_8);
    private static final String UNRESERVED =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~/";

    private FileNames() {
    }

    /** The path to hand to the kernel for the operand {@code name}. */
    static Path path(String name) {
        String n = hasTrailingSlash(name) ? name + "." : name;
        return hasEscapes(n) ? exactPath(encode(n)) : Path.of(n);
    }

    /** Whether {@code name} ends with a slash that names a directory (not the root {@code /} itself). */
    static boolean hasTrailingSlash(String name) {
        return name.length() > 1 && name.endsWith("/");
    }

    /** The name of a directory entry, exact: its bytes decoded by {@link #decode}. */
    static String name(Path entry) {
        Path fileName = entry.getFileName();
        String shown = fileName.toString();
        boolean ascii = shown.chars().allMatch(c -> c < 0x80);
        return ascii || (UTF8 && shown.indexOf('\uFFFD') < 0) ? shown : decode(PathBytes.of(fileName));
    }

    /** Whether {@code c} stands for a byte that is not text in the file name encoding. */
    static boolean isEscapedByte(char c) {
        return c >= ESCAPE + 0x80 && c <= ESCAPE + 0xFF;
    }

    /** The byte that {@code c} stands for ({@link #isEscapedByte}). */
    static int escapedByte(char c) {
        return c - ESCAPE;
    }

    static boolean hasEscapes(String name) {
        for (int i = 0; i < name.length(); i++) {
            if (isEscapedByte(name.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /**
     * A name's bytes as a string: text in the file name encoding as characters, every other byte as its escape.
     * Under a character set other than UTF-8 (ASCII in the C locale), only ASCII is text.
     */
    static String decode(byte[] bytes) {
        StringBuilder out = new StringBuilder(bytes.length);
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        int i = 0;
        while (i < bytes.length) {
            int b = bytes[i] & 0xff;
            if (b < 0x80) {
                out.append((char) b);
                i++;
                continue;
            }
            int length = !UTF8 ? 0 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 0;
            if (length > 0 && i + length <= bytes.length) {
                try {
                    CharBuffer c = utf8.reset().decode(ByteBuffer.wrap(bytes, i, length));
                    out.append(c);
                    i += length;
                    continue;
                } catch (CharacterCodingException e) {
                    // not one character: escape the byte
                }
            }
            out.append((char) (ESCAPE + b));
            i++;
        }
        return out.toString();
    }

    /** The bytes of a name made by {@link #decode} (or typed as text): the inverse of {@link #decode}. */
    static byte[] encode(String name) {
        return encode(name, UTF8 ? StandardCharsets.UTF_8 : NAMES);
    }

    /** As {@link #encode(String)}, with the text in {@code charset} (standard output's, say). */
    static byte[] encode(String name, Charset charset) {
        if (!hasEscapes(name)) {
            return name.getBytes(charset);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(name.length());
        int start = 0;
        for (int i = 0; i <= name.length(); i++) {
            if (i == name.length() || isEscapedByte(name.charAt(i))) {
                out.writeBytes(name.substring(start, i).getBytes(charset));
                if (i < name.length()) {
                    out.write(escapedByte(name.charAt(i)));
                }
                start = i + 1;
            }
        }
        return out.toByteArray();
    }

    /** A path naming exactly {@code bytes}: absolute, through a {@code file:} URI with every other byte escaped. */
    private static Path exactPath(byte[] bytes) {
        ByteArrayOutputStream absolute = new ByteArrayOutputStream();
        if (bytes.length == 0 || bytes[0] != '/') {
            absolute.writeBytes(PathBytes.of(Path.of("").toAbsolutePath()));
            absolute.write('/');
        }
        absolute.writeBytes(bytes);
        StringBuilder uri = new StringBuilder("file://");
        for (byte b : absolute.toByteArray()) {
            int u = b & 0xff;
            if (u < 0x80 && UNRESERVED.indexOf(u) >= 0) {
                uri.append((char) u);
            } else {
                uri.append('%').append(Character.toUpperCase(Character.forDigit(u >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(u & 0xf, 16)));
            }
        }
        return Path.of(URI.create(uri.toString()));
    }
}
