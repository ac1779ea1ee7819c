package io.nova.platform.k8s.gitops;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;

/**
 * Files to write or delete in a Git tree, applied by rewriting only the trees on the way to them: every other subtree
 * keeps its id and is never read, so changing one tenant's files in a repository of 10,000 tenants reads and writes a
 * handful of tree objects, not the whole repository. Folders left empty disappear, as in Git.
 */
final class TreePatch {

    /** A regular file's new content (blob id), or null to delete the file. */
    private final SortedMap<String, ObjectId> edits = new TreeMap<>();

    /** Writes {@code path} (from the repository root) as a regular file holding blob {@code blob}. */
    void write(String path, ObjectId blob) {
        edits.put(path, blob.copy());
    }

    void delete(String path) {
        edits.put(path, null);
    }

    /**
     * The id of {@code base} (null: the empty tree) with the edits applied; new trees go to {@code inserter}.
     *
     * @throws GitOpsException when a file would have to become a folder or a folder a file to apply them
     */
    ObjectId applyTo(ObjectId base, ObjectReader reader, ObjectInserter inserter) throws IOException {
        ObjectId tree = apply(base, "", edits, reader, inserter);
        return tree != null ? tree : inserter.insert(new TreeFormatter());
    }

    /** @return the new tree's id, or null when it is empty */
    private static ObjectId apply(ObjectId base, String prefix, SortedMap<String, ObjectId> edits,
                                  ObjectReader reader, ObjectInserter inserter) throws IOException {
        Map<Name, Entry> entries = base == null ? new HashMap<>() : read(base, reader);
        // the edits below each name: its own (a file of this tree) and those of the folder it names
        Map<String, SortedMap<String, ObjectId>> below = new TreeMap<>();
        Map<String, ObjectId> files = new HashMap<>();
        Set<String> deleted = new HashSet<>();
        for (Map.Entry<String, ObjectId> edit : edits.entrySet()) {
            String path = edit.getKey();
            int slash = path.indexOf('/');
            if (slash < 0) {
                if (edit.getValue() == null) {
                    deleted.add(path);
                } else {
                    files.put(path, edit.getValue());
                }
            } else {
                below.computeIfAbsent(path.substring(0, slash), name -> new TreeMap<>())
                        .put(path.substring(slash + 1), edit.getValue());
            }
        }
        for (String name : deleted) {
            Entry existing = entries.get(Name.of(name));
            if (existing != null && !isTree(existing.mode())) {
                entries.remove(Name.of(name));
            }
        }
        for (Map.Entry<String, SortedMap<String, ObjectId>> folder : below.entrySet()) {
            Name name = Name.of(folder.getKey());
            Entry existing = entries.get(name);
            if (existing != null && !isTree(existing.mode())) {
                String file = prefix + folder.getKey();
                throw new GitOpsException("Cannot write " + file + "/" + folder.getValue().firstKey() + ": " + file
                        + " is a file there, not a folder");
            }
            ObjectId subtree = apply(existing == null ? null : existing.id(), prefix + folder.getKey() + "/",
                    folder.getValue(), reader, inserter);
            if (subtree == null) {
                entries.remove(name);
            } else {
                entries.put(name, new Entry(FileMode.TREE, subtree));
            }
        }
        for (Map.Entry<String, ObjectId> file : files.entrySet()) {
            Name name = Name.of(file.getKey());
            Entry existing = entries.get(name);
            if (existing != null && isTree(existing.mode())) {
                throw new GitOpsException("Cannot write " + prefix + file.getKey() + ": it is a folder there");
            }
            entries.put(name, new Entry(FileMode.REGULAR_FILE, file.getValue()));
        }
        if (entries.isEmpty()) {
            return null;
        }
        return inserter.insert(format(entries));
    }

    private static Map<Name, Entry> read(ObjectId tree, ObjectReader reader) throws IOException {
        var entries = new HashMap<Name, Entry>();
        var parser = new CanonicalTreeParser(null, reader, tree);
        for (; !parser.eof(); parser.next()) {
            byte[] raw = parser.getEntryPathBuffer();
            Name name = new Name(Arrays.copyOf(raw, parser.getEntryPathLength()));
            entries.put(name, new Entry(parser.getEntryFileMode(), parser.getEntryObjectId()));
        }
        return entries;
    }

    /** A tree object of the entries in Git's order: by name bytes, a folder's name compared as if it ended in '/'. */
    private static TreeFormatter format(Map<Name, Entry> entries) {
        List<Map.Entry<Name, Entry>> sorted = new ArrayList<>(entries.entrySet());
        sorted.sort((a, b) -> compare(a.getKey().bytes(), a.getValue().mode(), b.getKey().bytes(),
                b.getValue().mode()));
        int size = 0;
        for (Map.Entry<Name, Entry> entry : sorted) {
            size += TreeFormatter.entrySize(entry.getValue().mode(), entry.getKey().bytes().length);
        }
        var formatter = new TreeFormatter(size);
        for (Map.Entry<Name, Entry> entry : sorted) {
            formatter.append(entry.getKey().bytes(), entry.getValue().mode(), entry.getValue().id());
        }
        return formatter;
    }

    private static int compare(byte[] a, FileMode aMode, byte[] b, FileMode bMode) {
        int length = Math.min(a.length, b.length);
        for (int i = 0; i < length; i++) {
            int difference = (a[i] & 0xff) - (b[i] & 0xff);
            if (difference != 0) {
                return difference;
            }
        }
        return terminator(a, length, aMode) - terminator(b, length, bMode);
    }

    private static int terminator(byte[] name, int at, FileMode mode) {
        if (at < name.length) {
            return name[at] & 0xff;
        }
        return isTree(mode) ? '/' : 0;
    }

    static boolean isTree(FileMode mode) {
        return FileMode.TREE.equals(mode.getBits());
    }

    /** A tree entry's name as stored: raw bytes, so names of others that are not UTF-8 survive unchanged. */
    private record Name(byte[] bytes) {

        static Name of(String name) {
            return new Name(name.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Name name && Arrays.equals(bytes, name.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private record Entry(FileMode mode, ObjectId id) {
    }
}
