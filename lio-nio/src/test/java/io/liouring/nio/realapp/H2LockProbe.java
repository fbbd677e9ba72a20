package io.liouring.nio.realapp;

import org.h2.api.ErrorCode;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Another process opening H2 databases that {@link H2Workload} holds: started by {@link #expect} in a JVM with the
 * same default file system provider, it opens each URL and prints {@code locked=URL} if H2 refused it as already in
 * use ({@link ErrorCode#DATABASE_ALREADY_OPEN_1}, H2's answer when its {@code tryLock} on the database file finds
 * another process's lock), or {@code rows=N URL} with the row count if it opened. Any other failure ends it with a
 * non-zero exit code.
 */
public final class H2LockProbe {
    private H2LockProbe() {
    }

    /** {@code args}: the URLs to open, one after the other. */
    public static void main(String[] args) throws SQLException {
        for (String url : args) {
            try (Connection connection = DriverManager.getConnection(url + ";IFEXISTS=TRUE");
                 Statement s = connection.createStatement();
                 ResultSet count = s.executeQuery("SELECT COUNT(*) FROM ROWS")) {
                count.next();
                System.out.println("rows=" + count.getInt(1) + " " + url);
            } catch (SQLException e) {
                if (e.getErrorCode() != ErrorCode.DATABASE_ALREADY_OPEN_1) {
                    throw e;
                }
                System.out.println("locked=" + url);
            }
        }
    }

    /**
     * Runs the probe in another JVM with this JVM's default file system provider, and throws
     * {@link IllegalStateException} with its output unless each of {@code locked} was refused as in use and each of
     * {@code open} opened with every row of {@link ChecksummedTable}.
     */
    static void expect(List<String> locked, List<String> open) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElseThrow());
        command.add("--enable-native-access=ALL-UNNAMED");
        String provider = System.getProperty("java.nio.file.spi.DefaultFileSystemProvider");
        if (provider != null) {
            command.add("-Djava.nio.file.spi.DefaultFileSystemProvider=" + provider);
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), H2LockProbe.class.getName()));
        command.addAll(locked);
        command.addAll(open);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = ChildOutput.await(process, 60);
        List<String> expected = new ArrayList<>();
        locked.forEach(url -> expected.add("locked=" + url));
        open.forEach(url -> expected.add("rows=" + ChecksummedTable.expectedRows() + " " + url));
        if (process.exitValue() != 0 || !output.lines().toList().containsAll(expected)) {
            throw new IllegalStateException("another process, expecting " + expected + ", exited with "
                    + process.exitValue() + " and printed:\n" + output);
        }
    }
}
