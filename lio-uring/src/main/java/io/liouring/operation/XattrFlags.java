package io.liouring.operation;

/** The flags of {@code setxattr(2)}, for {@link SetXattr} and {@link FSetXattr}; 0 means create or replace. */
public final class XattrFlags {
    /** Fail with {@code EEXIST} if the attribute already exists. */
    public static final int CREATE = 0x1;
    /** Fail with {@code ENODATA} if the attribute does not exist yet. */
    public static final int REPLACE = 0x2;

    private XattrFlags() {
    }
}
