package io.nova.platform.k8s.gitops;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import io.nova.platform.k8s.delivery.ChangeType;
import io.nova.platform.k8s.delivery.DeliveryReport;
import io.nova.platform.k8s.delivery.ObjectChange;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand.ResetType;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryCache;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.util.FS;

/**
 * One cluster's folder in a GitOps repository: {@link #plan} says which files a {@link #sync} would create, change
 * or delete, and {@code sync} makes the folder contain exactly the given files, committing only when something
 * changed.
 *
 * <p>Two ways of working, chosen on every call from the URL:
 * <ul>
 *   <li><b>Local</b>: a {@code file:} URL whose path does not exist yet, is an empty folder or is a non-bare
 *   repository. The platform works directly in that repository (creating it with {@code branch} as initial branch
 *   when missing) and pushes nothing; Flux or a person pulls from it. When the branch is checked out there, the
 *   changed files and the index are updated too, so {@code git status} stays clean.</li>
 *   <li><b>Remote</b>: every other URL (including a {@code file:} URL of a bare repository). The platform keeps a
 *   working clone under {@code cacheDirectory/<hash of url and branch>}, fetches and hard-resets it to the remote
 *   branch before each sync (so other people's commits are kept), commits and pushes. A push rejected as not
 *   fast-forward is retried once on top of the newly fetched branch; a second rejection fails.</li>
 * </ul>
 *
 * <p>Commits are built from trees directly, never from a working tree, so the committed bytes are exactly the given
 * strings in UTF-8 whatever {@code core.autocrlf}, filters or ignore rules say, and nothing outside {@code folder}
 * changes. Calls on the same working directory (one instance, or several for different folders of the same
 * repository and branch) run one at a time.
 */
public final class GitOpsRepository {

    static final String COMMITTER_NAME = "Nova Platform";
    static final String COMMITTER_EMAIL = "nova-platform@localhost";

    private static final String REMOTE = "origin";
    private static final int TRANSPORT_TIMEOUT_SECONDS = 120;
    private static final ConcurrentMap<Path, Object> LOCKS = new ConcurrentHashMap<>();

    private final String url;
    private final String branch;
    private final String folder;
    private final Path cacheDirectory;
    private final CredentialsProvider credentials;
    private final Clock clock;
    private volatile Runnable beforePush = () -> {
    };

    public GitOpsRepository(String url, String branch, String folder, Path cacheDirectory) {
        this(url, branch, folder, cacheDirectory, null);
    }

    /** @param credentials for fetch and push over HTTPS or SSH; null when the transport needs none */
    public GitOpsRepository(String url, String branch, String folder, Path cacheDirectory,
                            CredentialsProvider credentials) {
        this(url, branch, folder, cacheDirectory, credentials, Clock.systemUTC());
    }

    GitOpsRepository(String url, String branch, String folder, Path cacheDirectory, CredentialsProvider credentials,
                     Clock clock) {
        this.url = checkUrl(url);
        this.branch = checkBranch(branch);
        this.folder = normalizeFolder(folder);
        this.cacheDirectory = Objects.requireNonNull(cacheDirectory, "cacheDirectory").toAbsolutePath().normalize();
        this.credentials = credentials;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public String url() {
        return url;
    }

    public String branch() {
        return branch;
    }

    /** The folder the platform owns, relative to the repository root without slashes; empty for the whole repository. */
    public String folder() {
        return folder;
    }

    /**
     * The changes {@link #sync} would make now, ids relative to the repository root, revision null. Writes nothing
     * to the repository (a remote is fetched into the working clone first).
     */
    public DeliveryReport plan(SortedMap<String, String> files) {
        return plan(files, path -> true);
    }

    /**
     * {@link #plan(SortedMap)} for part of the folder: only paths (relative to the folder) that {@code scope} accepts
     * are compared; the rest of the folder counts as it is.
     */
    public DeliveryReport plan(SortedMap<String, String> files, java.util.function.Predicate<String> scope) {
        SortedMap<String, String> wanted = rooted(files, scope);
        Path local = localDirectory();
        Path workDir = local != null ? local : cloneDirectory();
        synchronized (lockFor(workDir)) {
            try {
                if (local != null) {
                    if (!Files.exists(local.resolve(Constants.DOT_GIT))) {
                        return new DeliveryReport(delta(null, null, wanted, scope).changes(), null);
                    }
                    try (Repository repository = open(local)) {
                        return new DeliveryReport(delta(repository, tip(repository, branchRef()), wanted, scope)
                                .changes(), null);
                    }
                }
                try (Repository repository = openClone(workDir); Git git = Git.wrap(repository)) {
                    fetch(git);
                    return new DeliveryReport(delta(repository, tip(repository, trackingRef()), wanted, scope)
                            .changes(), null);
                }
            } catch (IOException e) {
                throw new GitOpsException("Could not read " + describe() + ": " + e.getMessage(), e);
            }
        }
    }

    /**
     * Makes {@code folder} contain exactly {@code files} (keyed by path relative to {@code folder}) and commits when
     * anything changed, pushing unless the repository is local.
     *
     * @param actor   who asked for it, recorded as {@code Requested-by:} trailer
     * @param summary the first line of the commit message; a default is used when blank
     * @return the changes and the commit made, or {@link DeliveryReport#nothing()} when the folder already matched
     * @throws GitOpsException when the repository cannot be read, written or pushed to
     */
    public DeliveryReport sync(SortedMap<String, String> files, String actor, String summary) {
        return sync(files, path -> true, actor, summary);
    }

    /**
     * {@link #sync(SortedMap, String, String)} for part of the folder: only paths (relative to the folder) that
     * {@code scope} accepts are written or deleted, so that delivering one tenant neither reads nor rewrites the
     * others' files; every file given must lie in the scope.
     */
    public DeliveryReport sync(SortedMap<String, String> files, java.util.function.Predicate<String> scope,
                               String actor, String summary) {
        SortedMap<String, String> wanted = rooted(files, scope);
        String requester = oneLine(Objects.requireNonNull(actor, "actor"));
        if (requester.isEmpty()) {
            throw new IllegalArgumentException("A sync needs the actor who requested it");
        }
        Path local = localDirectory();
        Path workDir = local != null ? local : cloneDirectory();
        synchronized (lockFor(workDir)) {
            try {
                return local != null
                        ? syncLocal(local, wanted, scope, requester, summary)
                        : syncRemote(workDir, wanted, scope, requester, summary);
            } catch (IOException e) {
                throw new GitOpsException("Could not write " + describe() + ": " + e.getMessage(), e);
            }
        }
    }

    /** Test hook: runs in remote mode after the commit and before each push. */
    void beforePush(Runnable hook) {
        this.beforePush = Objects.requireNonNull(hook);
    }

    /** Where the working clone of a remote repository lives. */
    Path cloneDirectory() {
        return cacheDirectory.resolve(stableHash(url + "\n" + branch));
    }

    // ---- local repository ------------------------------------------------------------------------------------

    private DeliveryReport syncLocal(Path directory, SortedMap<String, String> wanted,
                                     java.util.function.Predicate<String> scope, String actor, String summary)
            throws IOException {
        if (!Files.exists(directory.resolve(Constants.DOT_GIT))) {
            if (wanted.isEmpty()) {
                return DeliveryReport.nothing();
            }
            init(directory);
        }
        try (Repository repository = open(directory)) {
            ObjectId base = tip(repository, branchRef());
            Delta delta = delta(repository, base, wanted, scope);
            if (delta.changes().isEmpty()) {
                return DeliveryReport.nothing();
            }
            ObjectId commit = writeCommit(repository, delta, wanted, actor, summary);
            RefUpdate update = repository.updateRef(branchRef());
            update.setNewObjectId(commit);
            update.setExpectedOldObjectId(base == null ? ObjectId.zeroId() : base);
            update.setRefLogIdent(ident());
            update.setRefLogMessage("commit: " + firstLine(summary, delta.changes()), false);
            RefUpdate.Result result = update.update();
            if (result != RefUpdate.Result.NEW && result != RefUpdate.Result.FAST_FORWARD) {
                throw new GitOpsException("Could not move " + branchRef() + " of " + directory + " to the new commit ("
                        + result + "); was the branch changed at the same time? Nothing was committed.");
            }
            if (branchRef().equals(repository.getFullBranch()) && !repository.isBare()) {
                updateCheckout(repository, delta.changes());
            }
            return new DeliveryReport(delta.changes(), commit.name());
        }
    }

    /** Brings the changed files and their index entries in line with the new commit; leaves everything else alone. */
    private void updateCheckout(Repository repository, List<ObjectChange> changes) throws IOException {
        Path root = repository.getWorkTree().toPath();
        Path owned = folder.isEmpty() ? root : root.resolve(folder);
        DirCache index = repository.lockDirCache();
        try {
            DirCacheEditor editor = index.editor();
            for (ObjectChange change : changes) {
                Path file = root.resolve(change.id());
                if (change.type() == ChangeType.DELETE) {
                    if (!Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
                        Files.deleteIfExists(file);
                    }
                    removeEmptyFolders(file.getParent(), owned);
                    editor.add(new DirCacheEditor.DeletePath(change.id()));
                } else {
                    byte[] bytes = change.after().getBytes(StandardCharsets.UTF_8);
                    Files.createDirectories(file.getParent());
                    if (Files.isSymbolicLink(file)) {
                        Files.delete(file);
                    }
                    Files.write(file, bytes);
                    BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class,
                            LinkOption.NOFOLLOW_LINKS);
                    ObjectId blob = blobId(bytes);
                    editor.add(new DirCacheEditor.PathEdit(change.id()) {
                        @Override
                        public void apply(DirCacheEntry entry) {
                            entry.setFileMode(FileMode.REGULAR_FILE);
                            entry.setObjectId(blob);
                            entry.setLength(bytes.length);
                            entry.setLastModified(attributes.lastModifiedTime().toInstant());
                        }
                    });
                }
            }
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

    private void init(Path directory) {
        try {
            Files.createDirectories(directory);
            try (Git ignored = Git.init().setDirectory(directory.toFile()).setInitialBranch(branch).call()) {
                // created
            }
        } catch (IOException | GitAPIException e) {
            throw new GitOpsException("Could not create the Git repository " + directory + ": " + e.getMessage(), e);
        }
    }

    private static Repository open(Path workTree) throws IOException {
        return new FileRepositoryBuilder().setWorkTree(workTree.toFile()).setMustExist(true).build();
    }

    // ---- remote repository through a working clone ------------------------------------------------------------

    private DeliveryReport syncRemote(Path workDir, SortedMap<String, String> wanted,
                                      java.util.function.Predicate<String> scope, String actor, String summary)
            throws IOException {
        try (Repository repository = openClone(workDir); Git git = Git.wrap(repository)) {
            for (int attempt = 1; ; attempt++) {
                fetch(git);
                ObjectId base = tip(repository, trackingRef());
                if (base != null) {
                    reset(git, base);
                }
                Delta delta = delta(repository, base, wanted, scope);
                if (delta.changes().isEmpty()) {
                    return DeliveryReport.nothing();
                }
                ObjectId commit = writeCommit(repository, delta, wanted, actor, summary);
                RefUpdate update = repository.updateRef(branchRef());
                update.setNewObjectId(commit);
                update.setRefLogIdent(ident());
                update.setRefLogMessage("commit: " + firstLine(summary, delta.changes()), false);
                RefUpdate.Result moved = update.forceUpdate();
                if (moved == RefUpdate.Result.LOCK_FAILURE || moved == RefUpdate.Result.IO_FAILURE
                        || moved == RefUpdate.Result.REJECTED) {
                    throw new GitOpsException("Could not move " + branchRef() + " in the working clone " + workDir
                            + " (" + moved + ")");
                }
                reset(git, commit);
                beforePush.run();
                if (push(git)) {
                    return new DeliveryReport(delta.changes(), commit.name());
                }
                if (attempt == 2) {
                    throw new GitOpsException("Push to branch " + branch + " of " + url + " was rejected as not a"
                            + " fast-forward twice: someone else keeps pushing to it. Nothing was delivered; retry"
                            + " the sync.");
                }
            }
        }
    }

    private Repository openClone(Path directory) throws IOException {
        Repository repository;
        try {
            if (!Files.isDirectory(directory.resolve(Constants.DOT_GIT))) {
                throw new IOException("no working clone yet");
            }
            repository = open(directory);
        } catch (IOException missingOrBroken) {
            deleteRecursively(directory);
            init(directory);
            repository = open(directory);
        }
        StoredConfig config = repository.getConfig();
        String fetchSpec = "+" + Constants.R_HEADS + "*:" + Constants.R_REMOTES + REMOTE + "/*";
        boolean changed = false;
        if (!url.equals(config.getString("remote", REMOTE, "url"))) {
            config.setString("remote", REMOTE, "url", url);
            changed = true;
        }
        if (!fetchSpec.equals(config.getString("remote", REMOTE, "fetch"))) {
            config.setString("remote", REMOTE, "fetch", fetchSpec);
            changed = true;
        }
        if (!"false".equals(config.getString("core", null, "autocrlf"))) {
            config.setString("core", null, "autocrlf", "false");
            changed = true;
        }
        if (changed) {
            config.save();
        }
        return repository;
    }

    private void fetch(Git git) {
        try {
            git.fetch()
                    .setRemote(REMOTE)
                    .setRemoveDeletedRefs(true)
                    .setCredentialsProvider(credentials)
                    .setTimeout(TRANSPORT_TIMEOUT_SECONDS)
                    .call();
        } catch (GitAPIException | RuntimeException e) {
            throw new GitOpsException("Could not fetch branch " + branch + " from " + url + ": " + e.getMessage()
                    + sshHint(), e);
        }
    }

    /** @return true when pushed, false when rejected as not a fast-forward */
    private boolean push(Git git) {
        Iterable<PushResult> results;
        try {
            results = git.push()
                    .setRemote(REMOTE)
                    .setRefSpecs(new RefSpec(branchRef() + ":" + branchRef()))
                    .setCredentialsProvider(credentials)
                    .setTimeout(TRANSPORT_TIMEOUT_SECONDS)
                    .call();
        } catch (GitAPIException | RuntimeException e) {
            throw new GitOpsException("Could not push branch " + branch + " to " + url + ": " + e.getMessage()
                    + sshHint(), e);
        }
        for (PushResult result : results) {
            RemoteRefUpdate update = result.getRemoteUpdate(branchRef());
            if (update == null) {
                continue;
            }
            switch (update.getStatus()) {
                case OK, UP_TO_DATE -> {
                    return true;
                }
                case REJECTED_NONFASTFORWARD, REJECTED_REMOTE_CHANGED -> {
                    return false;
                }
                default -> throw new GitOpsException("Push to branch " + branch + " of " + url + " failed: "
                        + update.getStatus() + (update.getMessage() == null ? "" : " (" + update.getMessage() + ")"));
            }
        }
        throw new GitOpsException("Push to branch " + branch + " of " + url + " reported no result");
    }

    private static void reset(Git git, ObjectId commit) {
        try {
            git.reset().setMode(ResetType.HARD).setRef(commit.name()).call();
        } catch (GitAPIException e) {
            throw new GitOpsException("Could not reset the working clone to " + commit.name() + ": " + e.getMessage(),
                    e);
        }
    }

    private String sshHint() {
        boolean ssh = !url.startsWith("file:") && !url.startsWith("http://") && !url.startsWith("https://");
        return ssh && System.getenv("GIT_SSH") == null
                && org.eclipse.jgit.transport.SshSessionFactory.getInstance() == null
                ? " (SSH needs an SSH session factory such as org.eclipse.jgit.ssh.apache on the classpath, or GIT_SSH)"
                : "";
    }

    // ---- trees and commits ----------------------------------------------------------------------------------

    private record Existing(FileMode mode, ObjectId id) {
    }

    /** The base commit, the entries outside the folder to keep as they are, and the changes inside it. */
    private record Delta(ObjectId base, List<DirCacheEntry> kept, List<ObjectChange> changes) {
    }

    private Delta delta(Repository repository, ObjectId base, SortedMap<String, String> wanted,
                        java.util.function.Predicate<String> scope) throws IOException {
        List<DirCacheEntry> kept = new ArrayList<>();
        Map<String, Existing> existing = new TreeMap<>();
        if (base != null) {
            try (RevWalk commits = new RevWalk(repository); TreeWalk walk = new TreeWalk(repository)) {
                walk.addTree(commits.parseCommit(base).getTree());
                walk.setRecursive(true);
                while (walk.next()) {
                    String path = walk.getPathString();
                    if (owned(path) && scope.test(relative(path))) {
                        existing.put(path, new Existing(walk.getFileMode(0), walk.getObjectId(0)));
                    } else {
                        if (!wanted.isEmpty() && !owned(path) && blocksFolder(path)) {
                            throw new GitOpsException("Cannot write into folder " + folder + " of " + url + ": "
                                    + path + " is a file there, not a folder");
                        }
                        DirCacheEntry entry = new DirCacheEntry(walk.getRawPath());
                        entry.setFileMode(walk.getFileMode(0));
                        entry.setObjectId(walk.getObjectId(0));
                        kept.add(entry);
                    }
                }
            }
        }
        List<ObjectChange> changes = new ArrayList<>();
        Set<String> paths = new TreeSet<>(existing.keySet());
        paths.addAll(wanted.keySet());
        for (String path : paths) {
            String after = wanted.get(path);
            Existing before = existing.get(path);
            if (before == null) {
                changes.add(new ObjectChange(ChangeType.CREATE, path, null, after));
            } else if (after == null) {
                changes.add(new ObjectChange(ChangeType.DELETE, path, content(repository, before), null));
            } else if (!FileMode.REGULAR_FILE.equals(before.mode())
                    || !before.id().equals(blobId(after.getBytes(StandardCharsets.UTF_8)))) {
                changes.add(new ObjectChange(ChangeType.UPDATE, path, content(repository, before), after));
            }
        }
        return new Delta(base, kept, changes);
    }

    private ObjectId writeCommit(Repository repository, Delta delta, SortedMap<String, String> wanted, String actor,
                                 String summary) throws IOException {
        DirCache tree = DirCache.newInCore();
        DirCacheBuilder builder = tree.builder();
        delta.kept().forEach(builder::add);
        try (ObjectInserter inserter = repository.newObjectInserter()) {
            for (Map.Entry<String, String> file : wanted.entrySet()) {
                DirCacheEntry entry = new DirCacheEntry(file.getKey());
                entry.setFileMode(FileMode.REGULAR_FILE);
                entry.setObjectId(inserter.insert(Constants.OBJ_BLOB,
                        file.getValue().getBytes(StandardCharsets.UTF_8)));
                builder.add(entry);
            }
            builder.finish();
            CommitBuilder commit = new CommitBuilder();
            commit.setTreeId(tree.writeTree(inserter));
            if (delta.base() != null) {
                commit.setParentId(delta.base());
            }
            PersonIdent ident = ident();
            commit.setAuthor(ident);
            commit.setCommitter(ident);
            commit.setEncoding(StandardCharsets.UTF_8);
            commit.setMessage(message(firstLine(summary, delta.changes()), delta.changes(), actor));
            ObjectId id = inserter.insert(commit);
            inserter.flush();
            return id;
        }
    }

    static String message(String summary, List<ObjectChange> changes, String actor) {
        StringBuilder message = new StringBuilder(summary).append("\n\n");
        for (ObjectChange change : changes) {
            message.append(change.type().name().toLowerCase(Locale.ROOT)).append(' ').append(change.id()).append('\n');
        }
        return message.append("\nRequested-by: ").append(actor).append('\n').toString();
    }

    private String firstLine(String summary, List<ObjectChange> changes) {
        String line = summary == null ? "" : oneLine(summary);
        if (!line.isEmpty()) {
            return line;
        }
        return "Sync %s: %d created, %d changed, %d deleted".formatted(folder.isEmpty() ? "repository" : folder,
                count(changes, ChangeType.CREATE), count(changes, ChangeType.UPDATE),
                count(changes, ChangeType.DELETE));
    }

    private static long count(List<ObjectChange> changes, ChangeType type) {
        return changes.stream().filter(c -> c.type() == type).count();
    }

    private PersonIdent ident() {
        return new PersonIdent(COMMITTER_NAME, COMMITTER_EMAIL, clock.instant(), ZoneOffset.UTC);
    }

    private static String content(Repository repository, Existing existing) throws IOException {
        if (FileMode.GITLINK.equals(existing.mode())) {
            return "Subproject commit " + existing.id().name() + "\n";
        }
        byte[] bytes = repository.open(existing.id(), Constants.OBJ_BLOB).getCachedBytes(Integer.MAX_VALUE);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static ObjectId blobId(byte[] bytes) {
        try (ObjectInserter.Formatter formatter = new ObjectInserter.Formatter()) {
            return formatter.idFor(Constants.OBJ_BLOB, bytes);
        }
    }

    private static ObjectId tip(Repository repository, String ref) throws IOException {
        Ref found = repository.exactRef(ref);
        return found == null ? null : found.getObjectId();
    }

    private String branchRef() {
        return Constants.R_HEADS + branch;
    }

    private String trackingRef() {
        return Constants.R_REMOTES + REMOTE + "/" + branch;
    }

    private String relative(String path) {
        return folder.isEmpty() ? path : path.substring(folder.length() + 1);
    }

    private boolean owned(String path) {
        return folder.isEmpty() || path.startsWith(folder + "/");
    }

    private boolean blocksFolder(String path) {
        return !folder.isEmpty() && (path.equals(folder) || folder.startsWith(path + "/"));
    }

    // ---- where to work --------------------------------------------------------------------------------------

    /** The repository to work in directly, or null when the URL is a remote to clone and push to. */
    private Path localDirectory() {
        Path path = filePath(url);
        if (path == null || !Files.exists(path)) {
            return path;
        }
        if (!Files.isDirectory(path)) {
            throw new GitOpsException(url + " is a file, not a Git repository");
        }
        if (RepositoryCache.FileKey.isGitRepository(path.toFile(), FS.DETECTED)) {
            return null; // bare: a remote like any other
        }
        if (Files.exists(path.resolve(Constants.DOT_GIT))) {
            return path;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(path)) {
            if (!entries.iterator().hasNext()) {
                return path;
            }
        } catch (IOException e) {
            throw new GitOpsException("Could not read " + path + ": " + e.getMessage(), e);
        }
        throw new GitOpsException(path + " exists but is neither a Git repository nor empty; refusing to use it");
    }

    private static Path filePath(String url) {
        if (!url.regionMatches(true, 0, "file:", 0, 5)) {
            return null;
        }
        try {
            return Path.of(new URI(url)).toAbsolutePath().normalize();
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new IllegalArgumentException("Not a usable file: URL for a Git repository: " + url, e);
        }
    }

    private static Object lockFor(Path directory) {
        return LOCKS.computeIfAbsent(directory.toAbsolutePath().normalize(), key -> new Object());
    }

    private String describe() {
        return "folder " + (folder.isEmpty() ? "/" : folder) + " on branch " + branch + " of " + url;
    }

    // ---- validation -----------------------------------------------------------------------------------------

    private static String checkUrl(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("A GitOps repository needs a URL");
        }
        String trimmed = url.strip();
        if (filePath(trimmed) == null) {
            try {
                new URIish(trimmed);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("Not a Git repository URL: " + url, e);
            }
        }
        return trimmed;
    }

    private static String checkBranch(String branch) {
        if (branch == null || branch.isBlank() || !Repository.isValidRefName(Constants.R_HEADS + branch.strip())) {
            throw new IllegalArgumentException("Not a valid branch name: " + branch);
        }
        return branch.strip();
    }

    static String normalizeFolder(String folder) {
        String normalized = Objects.requireNonNull(folder, "folder").strip();
        while (normalized.startsWith("/")) {
            normalized = normalized.substring(1);
        }
        while (normalized.endsWith("/")) {
            normalized = normalized.substring(0, normalized.length() - 1);
        }
        if (normalized.isEmpty() || normalized.equals(".")) {
            return "";
        }
        checkRelativePath(normalized, "folder");
        return normalized;
    }

    private static void checkRelativePath(String path, String what) {
        boolean bad = path.isEmpty() || path.startsWith("/") || path.contains("\\")
                || path.chars().anyMatch(Character::isISOControl);
        for (String segment : path.split("/", -1)) {
            bad |= segment.isEmpty() || segment.equals(".") || segment.equals("..")
                    || segment.equalsIgnoreCase(Constants.DOT_GIT);
        }
        if (bad) {
            throw new IllegalArgumentException("Not a valid relative " + what + " path: '" + path + "'");
        }
    }

    /** The given files keyed by path from the repository root; rejects paths escaping the folder. */
    private SortedMap<String, String> rooted(SortedMap<String, String> files,
                                            java.util.function.Predicate<String> scope) {
        Objects.requireNonNull(files, "files");
        files.keySet().stream().filter(path -> !scope.test(path)).findFirst().ifPresent(path -> {
            throw new IllegalArgumentException(path + " lies outside the part of the folder being delivered");
        });
        SortedMap<String, String> rooted = new TreeMap<>();
        Set<String> folders = new HashSet<>();
        for (Map.Entry<String, String> file : files.entrySet()) {
            checkRelativePath(file.getKey(), "file");
            if (file.getValue() == null) {
                throw new IllegalArgumentException("No content given for " + file.getKey());
            }
            String path = folder.isEmpty() ? file.getKey() : folder + "/" + file.getKey();
            rooted.put(path, file.getValue());
            for (int slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) {
                folders.add(path.substring(0, slash));
            }
        }
        for (String path : rooted.keySet()) {
            if (folders.contains(path)) {
                throw new IllegalArgumentException(path + " is given both as a file and as a folder");
            }
        }
        return rooted;
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }

    private static String stableHash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(directory, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                if (failure != null) {
                    throw failure;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
