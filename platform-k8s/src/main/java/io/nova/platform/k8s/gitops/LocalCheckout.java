package io.nova.platform.k8s.gitops;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.nova.platform.k8s.delivery.ChangeType;
import io.nova.platform.k8s.delivery.ObjectChange;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;

/**
 * The checked-out branch of a local repository, brought in line with a commit the platform just made: only the changed
 * files are written or deleted, and only their index entries are replaced (see {@link CheckoutIndex}), so
 * {@code git status} stays clean at a cost that follows the change, not the size of the checkout.
 */
final class LocalCheckout {

    private LocalCheckout() {
    }

    /**
     * @param owned the folder the platform owns; emptied folders below it are removed
     * @param blobs the blob id of every created or updated file, by path from the repository root
     */
    static void update(Repository repository, Path owned, List<ObjectChange> changes, Map<String, ObjectId> blobs)
            throws IOException {
        Path root = repository.getWorkTree().toPath();
        Map<String, CheckoutIndex.Entry> entries = new LinkedHashMap<>();
        for (ObjectChange change : changes) { // deletions first: a deleted file may make room for a folder, or back
            if (change.type() == ChangeType.DELETE) {
                Path file = root.resolve(change.id());
                if (!Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
                    Files.deleteIfExists(file);
                }
                removeEmptyFolders(file.getParent(), owned);
                entries.put(change.id(), null);
            }
        }
        Set<Path> folders = new HashSet<>();
        for (ObjectChange change : changes) {
            if (change.type() != ChangeType.DELETE) {
                Path file = root.resolve(change.id());
                if (folders.add(file.getParent())) {
                    Files.createDirectories(file.getParent());
                }
                if (Files.isSymbolicLink(file)) {
                    Files.delete(file);
                }
                Files.write(file, change.after().getBytes(StandardCharsets.UTF_8));
                entries.put(change.id(), CheckoutIndex.Entry.of(file, blobs.get(change.id())));
            }
        }
        if (!CheckoutIndex.update(repository.getDirectory().toPath(), entries)) {
            updateWithDirCache(repository, entries);
        }
    }

    /** For index formats {@link CheckoutIndex} leaves alone (version 4): JGit reads and rewrites the whole index. */
    private static void updateWithDirCache(Repository repository, Map<String, CheckoutIndex.Entry> entries)
            throws IOException {
        DirCache index = repository.lockDirCache();
        try {
            DirCacheEditor editor = index.editor();
            entries.forEach((path, entry) -> {
                if (entry == null) {
                    editor.add(new DirCacheEditor.DeletePath(path));
                } else {
                    editor.add(new DirCacheEditor.PathEdit(path) {
                        @Override
                        public void apply(DirCacheEntry edited) {
                            edited.setFileMode(FileMode.REGULAR_FILE);
                            edited.setObjectId(entry.blob());
                            edited.setLength(entry.size());
                            edited.setLastModified(java.time.Instant.ofEpochSecond(
                                    Integer.toUnsignedLong(entry.mtimeSeconds()), entry.mtimeNanos()));
                        }
                    });
                }
            });
            editor.commit();
        } finally {
            index.unlock();
        }
    }

    private static void removeEmptyFolders(Path directory, Path stopAt) throws IOException {
        for (Path current = directory; current != null && current.startsWith(stopAt) && !current.equals(stopAt);
             current = current.getParent()) {
            if (!Files.isDirectory(current, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(current)) {
                if (entries.iterator().hasNext()) {
                    return;
                }
            }
            Files.delete(current);
        }
    }
}
