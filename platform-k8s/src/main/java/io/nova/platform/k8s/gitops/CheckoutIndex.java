package io.nova.platform.k8s.gitops;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.eclipse.jgit.lib.ObjectId;

/**
 * Puts a few paths into a checkout's Git index ({@code .git/index}, format versions 2 and 3) without parsing the rest:
 * the other entries are copied byte for byte from the old file, so recording a two-file commit in the index of a
 * 250,000-file checkout costs one scan and one write of the file instead of building and sorting 250,000 entries.
 *
 * <p>What it writes is what JGit's {@code DirCache} would write after the same edit: the entries only, without
 * extensions (the cache tree, untracked cache and file-system-monitor data are optional and Git rebuilds them). Entries
 * Git would treat as racily clean (modified in the second the old index was written) have their size zeroed, as Git
 * does when it rewrites an index, so that Git compares their content next time instead of trusting their stat data.
 * An index in another format (version 4, a split or sparse index) is left to the caller: {@link #update} returns false.
 * The file is replaced atomically through {@code index.lock}, which also keeps other Git processes out meanwhile.
 */
final class CheckoutIndex {

    private static final int SIGNATURE = 0x44495243; // "DIRC"
    private static final int HEADER = 12;
    private static final int FIXED = 62; // stat data (40), object id (20), flags (2)
    private static final int EXTENDED = 0x4000;
    private static final int NAME_MASK = 0xfff;
    private static final int REGULAR_FILE = 0100644;
    private static final int SIZE_OFFSET = 36;
    private static final int MTIME_OFFSET = 8;
    private static final int BUFFER = 64 * 1024;

    private CheckoutIndex() {
    }

    /** A path's index entry: the stat data of the file just written and the blob it holds. */
    record Entry(int ctimeSeconds, int ctimeNanos, int mtimeSeconds, int mtimeNanos, int device, int inode, int uid,
                 int gid, int size, ObjectId blob) {

        /** The entry for {@code file} as it is on disk now, holding {@code blob}. */
        static Entry of(Path file, ObjectId blob) throws IOException {
            Map<String, Object> unix;
            try {
                unix = Files.readAttributes(file, "unix:ctime,lastModifiedTime,dev,ino,uid,gid,size",
                        LinkOption.NOFOLLOW_LINKS);
            } catch (UnsupportedOperationException | IllegalArgumentException notUnix) {
                unix = Files.readAttributes(file, "lastModifiedTime,size", LinkOption.NOFOLLOW_LINKS);
            }
            FileTime modified = (FileTime) unix.get("lastModifiedTime");
            FileTime changed = (FileTime) unix.getOrDefault("ctime", modified);
            return new Entry(seconds(changed), nanos(changed), seconds(modified), nanos(modified),
                    (int) number(unix.get("dev")), (int) number(unix.get("ino")), (int) number(unix.get("uid")),
                    (int) number(unix.get("gid")), (int) number(unix.get("size")), blob.copy());
        }

        private static int seconds(FileTime time) {
            return (int) time.toInstant().getEpochSecond();
        }

        private static int nanos(FileTime time) {
            return time.toInstant().getNano();
        }

        private static long number(Object value) {
            return value instanceof Number number ? number.longValue() : 0;
        }
    }

    /**
     * Replaces, adds or (for a null entry) removes the given paths in the index of {@code gitDirectory}, every stage
     * of a path included; creates the index when there is none.
     *
     * @param edits entries by path from the repository root
     * @return false, having written nothing, when the index has a format this class does not edit
     * @throws GitOpsException when another process holds {@code index.lock}
     */
    static boolean update(Path gitDirectory, Map<String, Entry> edits) throws IOException {
        TreeMap<byte[], Entry> sorted = new TreeMap<>(Arrays::compareUnsigned);
        edits.forEach((path, entry) -> sorted.put(path.getBytes(StandardCharsets.UTF_8), entry));
        Path index = gitDirectory.resolve("index");
        if (!Files.exists(index)) {
            write(gitDirectory, index, Old.none(sorted), sorted);
            return true;
        }
        try (FileChannel channel = FileChannel.open(index, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size > Integer.MAX_VALUE) {
                return false;
            }
            long indexSeconds = Files.getLastModifiedTime(index).toInstant().getEpochSecond();
            MappedByteBuffer map = channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
            Old old = Old.scan(map, indexSeconds, sorted);
            if (old == null) {
                return false;
            }
            write(gitDirectory, index, old, sorted);
            return true;
        }
    }

    /** The old index: its entries, where the edited paths sit among them, and which entries are racily clean. */
    private record Old(ByteBuffer bytes, int version, int count, int entriesEnd, List<Splice> splices,
                       List<Integer> racy) {

        /** No index yet: every edit is an insertion. */
        static Old none(TreeMap<byte[], Entry> edits) {
            var splices = edits.keySet().stream().map(path -> new Splice(HEADER, HEADER, path)).toList();
            return new Old(ByteBuffer.allocate(0), 2, 0, HEADER, splices, List.of());
        }

        /** @return null when the index is in a format this class does not edit */
        static Old scan(ByteBuffer map, long indexSeconds, TreeMap<byte[], Entry> edits) throws IOException {
            if (map.limit() < HEADER + 20 || map.getInt(0) != SIGNATURE) {
                throw new IOException("the Git index is not an index file (no DIRC signature)");
            }
            int version = map.getInt(4);
            if (version != 2 && version != 3) {
                return null;
            }
            int count = map.getInt(8);
            var splices = new ArrayList<Splice>();
            var racy = new ArrayList<Integer>();
            var pending = new ArrayList<>(edits.keySet());
            int next = 0;
            int offset = HEADER;
            int end = map.limit() - 20;
            for (int i = 0; i < count; ) {
                int length = entryLength(map, offset, version, end);
                int pathStart = offset + fixedLength(map, offset, version);
                int pathLength = nameLength(map, offset, pathStart - offset, map.getShort(offset + 60) & 0xffff, end);
                int order = 1;
                while (next < pending.size() && (order = compare(pending.get(next), map, pathStart, pathLength)) < 0) {
                    splices.add(new Splice(offset, offset, pending.get(next++)));
                }
                if (next < pending.size() && order == 0) {
                    byte[] path = pending.get(next++);
                    int start = offset;
                    do { // every stage of the path
                        offset += length;
                        i++;
                        if (i == count) {
                            break;
                        }
                        length = entryLength(map, offset, version, end);
                        pathStart = offset + fixedLength(map, offset, version);
                        pathLength = nameLength(map, offset, pathStart - offset, map.getShort(offset + 60) & 0xffff,
                                end);
                    } while (compare(path, map, pathStart, pathLength) == 0);
                    splices.add(new Splice(start, offset, path));
                    continue;
                }
                if (Integer.toUnsignedLong(map.getInt(offset + MTIME_OFFSET)) >= indexSeconds) {
                    racy.add(offset);
                }
                offset += length;
                i++;
            }
            while (next < pending.size()) {
                splices.add(new Splice(offset, offset, pending.get(next++)));
            }
            for (int extension = offset; extension < end; ) {
                if (extension + 8 > end) {
                    throw new IOException("the Git index ends inside an extension header");
                }
                byte first = map.get(extension);
                if (first < 'A' || first > 'Z') {
                    return null; // a mandatory extension (split index "link", sparse index "sdir"): not ours to copy
                }
                int size = map.getInt(extension + 4);
                if (size < 0 || size > end - extension - 8) {
                    throw new IOException("the Git index has an extension longer than the file");
                }
                extension += 8 + size;
            }
            return new Old(map, version, count, offset, splices, racy);
        }

        private static int entryLength(ByteBuffer map, int offset, int version, int end) throws IOException {
            if (offset + FIXED > end) {
                throw new IOException("the Git index ends inside an entry");
            }
            int fixed = fixedLength(map, offset, version);
            int nameLength = nameLength(map, offset, fixed, map.getShort(offset + 60) & 0xffff, end);
            int length = (fixed + nameLength + 8) & ~7;
            if (offset + length > end) {
                throw new IOException("the Git index ends inside an entry");
            }
            return length;
        }

        /** The length of an entry before its path: stat data, id, flags and, in version 3, extended flags. */
        private static int fixedLength(ByteBuffer map, int offset, int version) {
            int flags = map.getShort(offset + 60) & 0xffff;
            return FIXED + (version >= 3 && (flags & EXTENDED) != 0 ? 2 : 0);
        }

        /** {@code path} compared with the path of {@code length} bytes at {@code start}, as unsigned bytes. */
        private static int compare(byte[] path, ByteBuffer map, int start, int length) {
            int common = Math.min(path.length, length);
            for (int i = 0; i < common; i++) {
                int difference = (path[i] & 0xff) - (map.get(start + i) & 0xff);
                if (difference != 0) {
                    return difference;
                }
            }
            return path.length - length;
        }

        private static int nameLength(ByteBuffer map, int offset, int fixed, int flags, int end) throws IOException {
            int length = flags & NAME_MASK;
            if (length < NAME_MASK) {
                return length;
            }
            for (int at = offset + fixed + length; at < end; at++) {
                if (map.get(at) == 0) {
                    return at - offset - fixed;
                }
            }
            throw new IOException("the Git index ends inside a path");
        }
    }

    /** Old entries {@code [start, end)} (all stages of {@code path}, or none) give way to the edit of {@code path}. */
    private record Splice(int start, int end, byte[] path) {
    }

    private static void write(Path gitDirectory, Path index, Old old, TreeMap<byte[], Entry> edits)
            throws IOException {
        int count = old.count();
        for (Splice splice : old.splices()) {
            count -= countEntries(old, splice);
            count += edits.get(splice.path()) == null ? 0 : 1;
        }
        Path lock = gitDirectory.resolve("index.lock");
        try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            var out = new Output(channel);
            ByteBuffer header = ByteBuffer.allocate(HEADER).putInt(SIGNATURE).putInt(old.version()).putInt(count);
            out.write(header.flip());
            int cursor = HEADER;
            int racy = 0;
            for (Splice splice : old.splices()) {
                racy = copy(old, cursor, splice.start(), racy, out);
                Entry entry = edits.get(splice.path());
                if (entry != null) {
                    out.write(entry(splice.path(), entry));
                }
                cursor = splice.end();
            }
            copy(old, cursor, old.entriesEnd(), racy, out);
            out.finish();
        } catch (FileAlreadyExistsException e) {
            throw new GitOpsException("Could not update the Git index of " + gitDirectory.getParent() + ": "
                    + lock + " exists (another Git command is running, or one crashed and left it behind)");
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(lock);
            throw e;
        }
        Files.move(lock, index, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** How many old entries a splice replaces: the stages of one path, usually one, none for a new path. */
    private static int countEntries(Old old, Splice splice) throws IOException {
        int entries = 0;
        for (int offset = splice.start(); offset < splice.end(); entries++) {
            offset += Old.entryLength(old.bytes(), offset, old.version(), old.bytes().limit() - 20);
        }
        return entries;
    }

    /** Copies old entries {@code [from, to)}, zeroing the size of racily clean ones; returns the next racy index. */
    private static int copy(Old old, int from, int to, int racy, Output out) throws IOException {
        List<Integer> racyOffsets = old.racy();
        int cursor = from;
        while (racy < racyOffsets.size() && racyOffsets.get(racy) < to) {
            int entry = racyOffsets.get(racy++);
            if (entry < from) {
                continue;
            }
            out.write(old.bytes().slice(cursor, entry + SIZE_OFFSET - cursor));
            out.write(ByteBuffer.allocate(4));
            cursor = entry + SIZE_OFFSET + 4;
        }
        if (to > cursor) {
            out.write(old.bytes().slice(cursor, to - cursor));
        }
        return racy;
    }

    private static ByteBuffer entry(byte[] path, Entry entry) {
        int length = (FIXED + path.length + 8) & ~7;
        ByteBuffer bytes = ByteBuffer.allocate(length)
                .putInt(entry.ctimeSeconds()).putInt(entry.ctimeNanos())
                .putInt(entry.mtimeSeconds()).putInt(entry.mtimeNanos())
                .putInt(entry.device()).putInt(entry.inode())
                .putInt(REGULAR_FILE).putInt(entry.uid()).putInt(entry.gid()).putInt(entry.size());
        byte[] id = new byte[20];
        entry.blob().copyRawTo(id, 0);
        bytes.put(id).putShort((short) Math.min(path.length, NAME_MASK)).put(path);
        return bytes.position(0); // the rest is the NUL padding
    }

    /** Buffered writes to the lock file, hashed on the way: the index ends with the SHA-1 of everything before. */
    private static final class Output {

        private final FileChannel channel;
        private final MessageDigest sha1;
        private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER);

        Output(FileChannel channel) {
            this.channel = channel;
            try {
                this.sha1 = MessageDigest.getInstance("SHA-1");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        void write(ByteBuffer bytes) throws IOException {
            sha1.update(bytes.duplicate());
            if (bytes.remaining() > buffer.remaining()) {
                flush();
                if (bytes.remaining() > buffer.capacity()) {
                    while (bytes.hasRemaining()) {
                        channel.write(bytes);
                    }
                    return;
                }
            }
            buffer.put(bytes);
        }

        void finish() throws IOException {
            byte[] checksum = sha1.digest();
            if (buffer.remaining() < checksum.length) {
                flush();
            }
            buffer.put(checksum);
            flush();
        }

        private void flush() throws IOException {
            buffer.flip();
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            buffer.clear();
        }
    }
}
