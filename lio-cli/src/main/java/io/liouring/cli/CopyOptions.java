package io.liouring.cli;

/**
 * What {@code lio cp} copies and keeps, from its options as {@code cp(1)} reads them.
 *
 * @param recursive   {@code -r}/{@code -R}: copy directories and what they hold
 * @param dereference follow a symbolic link and copy what it points to; otherwise copy the link itself
 *                    ({@code -P}, {@code -d}, {@code -a}, and {@code -r} without {@code -L})
 * @param force       {@code -f}: remove an existing destination that cannot be opened for writing, and retry
 * @param existing    what to do with an existing destination file: replace it, keep it ({@code -n}), replace it
 *                    only if older ({@code -u}), or ask ({@code -i})
 * @param verbose     {@code -v}: print {@code 'SRC' -> 'DST'} for each file copied
 * @param mode        keep the permission bits (set-id and sticky bits too)
 * @param ownership   keep the owner and group where permitted
 * @param timestamps  keep the access and modification times, to the nanosecond
 * @param links       keep hard links among the copied files as hard links
 */
record CopyOptions(boolean recursive, boolean dereference, boolean force, Existing existing, boolean verbose,
                   boolean mode, boolean ownership, boolean timestamps, boolean links) {
    /** What to do with a destination file that exists. */
    enum Existing { REPLACE, KEEP, REPLACE_OLDER, ASK }

    /** Whether any attribute is to be kept after the content is copied. */
    boolean preservesAttributes() {
        return mode || ownership || timestamps;
    }
}
