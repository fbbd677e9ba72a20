package io.liouring.internal;

/** Checks for the permission bits ({@code mode_t}) that creating requests take. */
public final class FileModes {
    private FileModes() {
    }

    /**
     * {@return {@code mode}, checked to be permission bits (set-uid, set-gid and sticky included): between 0 and 07777}
     *
     * @param mode the bits to check
     * @param name the argument's name, for the exception's message
     */
    public static int requirePermissions(int mode, String name) {
        if (mode < 0 || mode > 07777) {
            throw new IllegalArgumentException(name + " must be permission bits between 0 and 07777: 0"
                    + Integer.toOctalString(mode));
        }
        return mode;
    }
}
