package io.liouring.cli;

import java.nio.file.Path;

/**
 * File name operands as paths for the kernel. Java's {@link Path} drops a trailing slash ({@code f/} becomes
 * {@code f}), which for the kernel means "a directory": {@code cat f/} of a regular file fails with ENOTDIR in
 * coreutils. A name with a trailing slash is given a {@code .} after it, which keeps that meaning.
 */
final class FileNames {
    private FileNames() {
    }

    /** The path to hand to the kernel for the operand {@code name}. */
    static Path path(String name) {
        return Path.of(hasTrailingSlash(name) ? name + "." : name);
    }

    /** Whether {@code name} ends with a slash that names a directory (not the root {@code /} itself). */
    static boolean hasTrailingSlash(String name) {
        return name.length() > 1 && name.endsWith("/");
    }
}
