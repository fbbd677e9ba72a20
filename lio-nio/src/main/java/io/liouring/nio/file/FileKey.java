package io.liouring.nio.file;

/**
 * What identifies an open file within the machine, whatever name it was opened by: the device and the inode
 * ({@code stx_dev_major}, {@code stx_dev_minor}, {@code stx_ino} of {@code statx(2)}). The key of the JVM-wide
 * {@link FileLockTable}.
 *
 * @param devMajor the device's major number
 * @param devMinor the device's minor number
 * @param inode    the inode number
 */
record FileKey(int devMajor, int devMinor, long inode) {
}
