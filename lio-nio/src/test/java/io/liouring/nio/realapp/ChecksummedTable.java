package io.liouring.nio.realapp;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The content {@link H2Workload} writes into H2 and checks byte for byte: table {@code ROWS} ({@value #WRITERS}
 * writer threads, {@value #ROWS_PER_WRITER} rows each, payloads of 200 to 6,199 bytes) and table {@code LOBS}
 * ({@value #LOBS} blobs of {@value #LOB_SIZE} bytes). Every payload is a function of its row's id and version, so
 * the expected state is known without the database: a row whose {@code id % 7 == 3} was deleted, one whose
 * {@code id % 3 == 0} was updated to version 1, every other row is at version 0; rows of rolled-back transactions
 * (ids from {@value #GHOST_BASE}, or version 99) never appear.
 */
final class ChecksummedTable {
    /** Writer threads, each with its own connection and id range. */
    static final int WRITERS = 4;
    /** Rows each writer inserts. */
    static final int ROWS_PER_WRITER = 500;
    /** Blobs thread 0 writes. */
    static final int LOBS = 3;
    /** Bytes of each blob. */
    static final int LOB_SIZE = 1_500_000;
    /** Ids of rows inserted in transactions that are rolled back. */
    static final int GHOST_BASE = 1_000_000;
    private static final int BATCH = 25;

    private ChecksummedTable() {
    }

    /** Creates both tables. */
    static void create(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE TABLE ROWS(ID INT PRIMARY KEY, VERSION INT NOT NULL, PAYLOAD VARBINARY(10000) NOT NULL,"
                    + " CRC BIGINT NOT NULL)");
            s.execute("CREATE TABLE LOBS(ID INT PRIMARY KEY, DATA BLOB NOT NULL, CRC BIGINT NOT NULL)");
        }
    }

    /**
     * What writer {@code writer} does on its own connection: inserts its rows in transactions of {@value #BATCH}
     * (every fifth preceded by a transaction of ghost rows that is rolled back), updates every third row, rolls back
     * an update to version 99, deletes every seventh row; writer 0 also inserts the blobs.
     */
    static void write(Connection connection, int writer) throws SQLException {
        connection.setAutoCommit(false);
        int first = writer * ROWS_PER_WRITER;
        int end = first + ROWS_PER_WRITER;
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO ROWS(ID, VERSION, PAYLOAD, CRC) VALUES (?, ?, ?, ?)");
             PreparedStatement update = connection.prepareStatement(
                     "UPDATE ROWS SET VERSION = ?, PAYLOAD = ?, CRC = ? WHERE ID = ?");
             PreparedStatement delete = connection.prepareStatement("DELETE FROM ROWS WHERE ID = ?")) {
            for (int batch = first; batch < end; batch += BATCH) {
                int batchEnd = Math.min(end, batch + BATCH);
                if ((batch / BATCH) % 5 == 4) {
                    for (int id = batch; id < batchEnd; id++) {
                        insert(insert, GHOST_BASE + id, 0);
                    }
                    connection.rollback();
                }
                for (int id = batch; id < batchEnd; id++) {
                    insert(insert, id, 0);
                }
                connection.commit();
            }
            int updated = 0;
            for (int id = first; id < end; id++) {
                if (id % 3 == 0) {
                    update(update, id, 1);
                    if (++updated % 20 == 0) {
                        connection.commit();
                    }
                }
            }
            connection.commit();
            for (int id = first; id < end; id += 11) {
                update(update, id, 99);
            }
            connection.rollback();
            for (int id = first; id < end; id++) {
                if (id % 7 == 3) {
                    delete.setInt(1, id);
                    check(delete.executeUpdate() == 1, "delete of row " + id);
                }
            }
            connection.commit();
        }
        if (writer == 0) {
            try (PreparedStatement lob = connection.prepareStatement("INSERT INTO LOBS(ID, DATA, CRC) VALUES (?, ?, ?)")) {
                for (int id = 0; id < LOBS; id++) {
                    byte[] data = lob(id);
                    lob.setInt(1, id);
                    lob.setBinaryStream(2, new ByteArrayInputStream(data), data.length);
                    lob.setLong(3, crc(data));
                    lob.executeUpdate();
                    connection.commit();
                }
            }
        }
        connection.setAutoCommit(true);
    }

    private static void insert(PreparedStatement insert, int id, int version) throws SQLException {
        byte[] payload = payload(id, version);
        insert.setInt(1, id);
        insert.setInt(2, version);
        insert.setBytes(3, payload);
        insert.setLong(4, crc(payload));
        check(insert.executeUpdate() == 1, "insert of row " + id);
    }

    private static void update(PreparedStatement update, int id, int version) throws SQLException {
        byte[] payload = payload(id, version);
        update.setInt(1, version);
        update.setBytes(2, payload);
        update.setLong(3, crc(payload));
        update.setInt(4, id);
        check(update.executeUpdate() == 1, "update of row " + id);
    }

    /**
     * Reads both tables in id order and checks every row against the expected state: the ids present, each version,
     * every byte of every payload and blob, and the stored CRC-32C. Throws {@link IllegalStateException} naming the
     * first difference.
     *
     * @return the SHA-256 of the content read, in hex (equal to {@link #expectedDigest()})
     */
    static String verify(Connection connection) throws Exception {
        MessageDigest digest = sha256();
        int id = -1;
        try (Statement s = connection.createStatement();
             ResultSet rows = s.executeQuery("SELECT ID, VERSION, PAYLOAD, CRC FROM ROWS ORDER BY ID")) {
            while (rows.next()) {
                int expectedId = nextPresent(id + 1);
                id = rows.getInt(1);
                check(id == expectedId, "row " + id + " read where row " + expectedId + " was expected");
                int version = rows.getInt(2);
                check(version == expectedVersion(id), "row " + id + " has version " + version);
                byte[] payload = rows.getBytes(3);
                byte[] expected = payload(id, version);
                check(Arrays.equals(payload, expected), "row " + id + ": payload of " + payload.length
                        + " bytes differs from byte " + Arrays.mismatch(payload, expected));
                check(rows.getLong(4) == crc(payload), "row " + id + ": stored CRC");
                add(digest, id, version, payload);
            }
        }
        int missing = nextPresent(id + 1);
        check(missing >= WRITERS * ROWS_PER_WRITER, "row " + missing + " is missing after row " + id);
        int lobs = 0;
        try (Statement s = connection.createStatement();
             ResultSet rows = s.executeQuery("SELECT ID, DATA, CRC FROM LOBS ORDER BY ID")) {
            while (rows.next()) {
                int lobId = rows.getInt(1);
                check(lobId == lobs, "blob " + lobId + " read where blob " + lobs + " was expected");
                byte[] data;
                try (InputStream in = rows.getBinaryStream(2)) {
                    data = in.readAllBytes();
                }
                byte[] expected = lob(lobId);
                check(Arrays.equals(data, expected), "blob " + lobId + ": " + data.length
                        + " bytes, differing from byte " + Arrays.mismatch(data, expected));
                check(rows.getLong(3) == crc(data), "blob " + lobId + ": stored CRC");
                add(digest, lobId, -1, data);
                lobs++;
            }
        }
        check(lobs == LOBS, lobs + " blobs read, " + LOBS + " written");
        return HexFormat.of().formatHex(digest.digest());
    }

    /**
     * Reads {@code ROWS} sorted by CRC, which H2 sorts in a result larger than {@code MAX_MEMORY_ROWS} (kept in a
     * temporary file), and checks that every id comes in the order of the expected CRCs.
     */
    static void verifySortedByCrc(Connection connection) throws SQLException {
        List<long[]> expected = new ArrayList<>();
        for (int id = nextPresent(0); id < WRITERS * ROWS_PER_WRITER; id = nextPresent(id + 1)) {
            expected.add(new long[] {crc(payload(id, expectedVersion(id))), id});
        }
        expected.sort(Comparator.<long[]>comparingLong(row -> row[0]).thenComparingLong(row -> row[1]));
        int index = 0;
        try (Statement s = connection.createStatement();
             ResultSet rows = s.executeQuery("SELECT CRC, ID FROM ROWS ORDER BY CRC, ID")) {
            while (rows.next()) {
                check(index < expected.size(), "more rows sorted than written");
                long[] row = expected.get(index++);
                check(rows.getLong(1) == row[0] && rows.getInt(2) == row[1], "sorted row " + (index - 1)
                        + " is id " + rows.getInt(2) + ", expected " + row[1]);
            }
        }
        check(index == expected.size(), index + " rows sorted, " + expected.size() + " written");
    }

    /** The SHA-256 {@link #verify} returns for the expected state, computed without a database. */
    static String expectedDigest() {
        MessageDigest digest = sha256();
        for (int id = nextPresent(0); id < WRITERS * ROWS_PER_WRITER; id = nextPresent(id + 1)) {
            add(digest, id, expectedVersion(id), payload(id, expectedVersion(id)));
        }
        for (int id = 0; id < LOBS; id++) {
            add(digest, id, -1, lob(id));
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** How many rows table {@code ROWS} holds in the expected state. */
    static int expectedRows() {
        int count = 0;
        for (int id = nextPresent(0); id < WRITERS * ROWS_PER_WRITER; id = nextPresent(id + 1)) {
            count++;
        }
        return count;
    }

    /** The version row {@code id} has in the end, or -1 if it was deleted. */
    private static int expectedVersion(int id) {
        if (id % 7 == 3) {
            return -1;
        }
        return id % 3 == 0 ? 1 : 0;
    }

    /** The first id from {@code id} on that is present in the end (past the last row if none). */
    private static int nextPresent(int id) {
        while (id < WRITERS * ROWS_PER_WRITER && expectedVersion(id) < 0) {
            id++;
        }
        return id;
    }

    /** The payload of row {@code id} at {@code version}: 200 to 6,199 bytes. */
    static byte[] payload(int id, int version) {
        long seed = ((long) id << 8) | (version & 0xFF);
        byte[] bytes = new byte[200 + (int) Long.remainderUnsigned(mix(seed ^ 0x5EEDL), 6000)];
        fill(bytes, seed);
        return bytes;
    }

    /** The content of blob {@code id}. */
    static byte[] lob(int id) {
        byte[] bytes = new byte[LOB_SIZE];
        fill(bytes, 0xB10BL << 32 | id);
        return bytes;
    }

    private static void fill(byte[] bytes, long seed) {
        for (int i = 0; i < bytes.length; i += 8) {
            long word = mix(seed * 0x9E3779B97F4A7C15L + i);
            for (int b = 0; b < 8 && i + b < bytes.length; b++) {
                bytes[i + b] = (byte) (word >>> (8 * b));
            }
        }
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xFF51AFD7ED558CCDL;
        z = (z ^ (z >>> 33)) * 0xC4CEB9FE1A85EC53L;
        return z ^ (z >>> 33);
    }

    private static long crc(byte[] bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        return crc.getValue();
    }

    private static void add(MessageDigest digest, int id, int version, byte[] content) {
        digest.update(new byte[] {(byte) (id >>> 24), (byte) (id >>> 16), (byte) (id >>> 8), (byte) id,
                (byte) version});
        digest.update(content);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void check(boolean condition, String what) {
        if (!condition) {
            throw new IllegalStateException(what);
        }
    }
}
