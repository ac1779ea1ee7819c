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
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

import io.nova.platform.core.common.Sha256;
import io.nova.platform.core.reconcile.ChangeNote;
import io.nova.platform.k8s.delivery.ChangeType;
import io.nova.platform.k8s.delivery.DeliveryReport;
import io.nova.platform.k8s.delivery.ObjectChange;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.internal.storage.file.ObjectDirectory;
import org.eclipse.jgit.internal.storage.file.PackInserter;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
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
 *   bare clone under {@code cacheDirectory/<hash of url and branch>} (nothing there needs a working tree), fetches
 *   before each sync and builds its commit on the remote branch (so other people's commits are kept), and pushes.
 *   A push rejected as not fast-forward is retried once on top of the newly fetched branch; a second rejection
 *   fails.</li>
 * </ul>
 *
 * <p>Commits are built from trees directly, never from a working tree, so the committed bytes are exactly the given
 * strings in UTF-8 whatever {@code core.autocrlf}, filters or ignore rules say, and nothing outside {@code folder}
 * changes. The cost of a sync follows what it covers, not the size of the repository: only the trees of the folder's
 * part in scope are read (all of it for a plain predicate, only the reachable subfolders for a {@link PathScope}), only
 * the contents of changed files in scope are read, and the new commit rewrites only the trees on the way to the changed
 * files (see {@link TreePatch}) and, in a local checkout, only their files and index entries. Calls on the same
 * working directory (one instance, or several for different folders of the same repository and branch) run one at a
 * time.
 */
public final class GitOpsRepository {

    static final String COMMITTER_NAME = "Nova Platform";
    static final String COMMITTER_EMAIL = "nova-platform@localhost";

    private static final String REMOTE = "origin";
    private static final int TRANSPORT_TIMEOUT_SECONDS = 120;
    /** From this many changed files on, new objects go into one pack file instead of loose files. */
    private static final int PACK_FROM = 1_000;
    private static final byte[] BLOB_HEADER = "blob ".getBytes(StandardCharsets.US_ASCII);
    private static final ConcurrentMap<Path, Object> LOCKS = new ConcurrentHashMap<>();
    static final String NO_FOLDER = "none";

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
     * to the repository (a remote is fetched into the platform's clone first).
     */
    public DeliveryReport plan(SortedMap<String, String> files) {
        return plan(files, PathScope.everything());
    }

    /**
     * {@link #plan(SortedMap)} for part of the folder: only paths (relative to the folder) that {@code scope} accepts
     * are compared; the rest of the folder counts as it is and is not read when {@code scope} is a {@link PathScope}
     * that rules it out.
     */
    public DeliveryReport plan(SortedMap<String, String> files, java.util.function.Predicate<String> scope) {
        return plan(contents(files), scope, Integer.MAX_VALUE);
    }

    /**
     * {@link #plan(SortedMap, java.util.function.Predicate)} with each file's text written out when needed: a file the
     * folder already holds is compared by its text; of those it does not hold yet, the first {@code contents} (in path
     * order) come with their text, the others are reported as created by path alone, their text never asked for.
     */
    public DeliveryReport plan(SortedMap<String, ? extends Supplier<String>> files,
                               java.util.function.Predicate<String> scope, int contents) {
        PathScope paths = PathScope.from(scope);
        SortedMap<String, ? extends Supplier<String>> wanted = checked(files, paths);
        return atTip((repository, tip) -> new DeliveryReport(delta(repository, tip, wanted, paths, contents).changes(),
                null));
    }

    /** Reads the branch's tip: null repository and tip while the local repository does not exist yet. */
    @FunctionalInterface
    private interface TipReader<T> {
        T read(Repository repository, ObjectId tip) throws IOException;
    }

    /** What {@code reader} makes of the branch's tip, in the local repository or the clone after a fetch. */
    private <T> T atTip(TipReader<T> reader) {
        Path local = localDirectory();
        Path workDir = local != null ? local : cloneDirectory();
        synchronized (lockFor(workDir)) {
            try {
                if (local != null) {
                    if (!Files.exists(local.resolve(Constants.DOT_GIT))) {
                        return reader.read(null, null);
                    }
                    try (Repository repository = open(local)) {
                        return reader.read(repository, tip(repository, branchRef()));
                    }
                }
                try (Repository repository = openClone(workDir); Git git = Git.wrap(repository)) {
                    fetch(git);
                    return reader.read(repository, tip(repository, trackingRef()));
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
        return sync(files, PathScope.everything(), actor, summary);
    }

    /**
     * {@link #sync(SortedMap, String, String)} for part of the folder: only paths (relative to the folder) that
     * {@code scope} accepts are written or deleted, so that delivering one tenant neither reads nor rewrites the
     * others' files (nor reads their trees when {@code scope} is a {@link PathScope} that rules them out); every file
     * given must lie in the scope.
     */
    public DeliveryReport sync(SortedMap<String, String> files, java.util.function.Predicate<String> scope,
                               String actor, String summary) {
        return sync(files, scope, actor, ChangeNote.of(summary));
    }

    /**
     * {@link #sync(SortedMap, java.util.function.Predicate, String, String)} with the whole message: the note's first
     * line and detail lines, the changed files, then the trailers {@code Requested-by:} and, when the note names audit
     * events, {@code Nova-Audit:}. The platform is the committer; the note's author, when it names one, the author.
     */
    public DeliveryReport sync(SortedMap<String, String> files, java.util.function.Predicate<String> scope,
                               String actor, ChangeNote note) {
        String summary = note.summary();
        PathScope paths = PathScope.from(scope);
        SortedMap<String, String> wanted = checked(files, paths);
        String requester = oneLine(Objects.requireNonNull(actor, "actor"));
        if (requester.isEmpty()) {
            throw new IllegalArgumentException("A sync needs the actor who requested it");
        }
        Path local = localDirectory();
        Path workDir = local != null ? local : cloneDirectory();
        synchronized (lockFor(workDir)) {
            try {
                return local != null
                        ? syncLocal(local, wanted, paths, requester, note)
                        : syncRemote(workDir, wanted, paths, requester, note);
            } catch (IOException e) {
                throw new GitOpsException("Could not write " + describe() + ": " + e.getMessage(), e);
            }
        }
    }

    /**
     * The id of the folder's tree at the branch's tip (a remote is fetched first), {@value #NO_FOLDER} when the branch
     * or the folder does not exist yet: equal ids, equal contents, whoever made the commits.
     */
    public String folderTree() {
        return atTip(this::folderTree);
    }

    private String folderTree(Repository repository, ObjectId commit) throws IOException {
        if (commit == null) {
            return NO_FOLDER;
        }
        try (ObjectReader reader = repository.newObjectReader(); RevWalk commits = new RevWalk(reader)) {
            ObjectId root = commits.parseCommit(commit).getTree();
            if (folder.isEmpty()) {
                return root.name();
            }
            try (TreeWalk walk = TreeWalk.forPath(reader, folder, root)) {
                return walk == null ? NO_FOLDER : walk.getObjectId(0).name();
            }
        }
    }

    /** Test hook: runs in remote mode after the commit and before each push. */
    void beforePush(Runnable hook) {
        this.beforePush = Objects.requireNonNull(hook);
    }

    /** Where the bare clone of a remote repository lives. */
    Path cloneDirectory() {
        return cacheDirectory.resolve(stableHash(url + "\n" + branch));
    }

    // ---- local repository ------------------------------------------------------------------------------------

    private DeliveryReport syncLocal(Path directory, SortedMap<String, String> wanted, PathScope scope, String actor,
                                     ChangeNote note) throws IOException {
        if (!Files.exists(directory.resolve(Constants.DOT_GIT))) {
            if (wanted.isEmpty()) {
                return DeliveryReport.nothing();
            }
            init(directory);
        }
        try (Repository repository = open(directory)) {
            ObjectId base = tip(repository, branchRef());
            Delta delta = delta(repository, base, contents(wanted), scope, Integer.MAX_VALUE);
            String before = folderTree(repository, base);
            if (delta.changes().isEmpty()) {
                return new DeliveryReport(List.of(), null, before, before);
            }
            ObjectId commit = writeCommit(repository, delta, actor, note);
            RefUpdate update = repository.updateRef(branchRef());
            update.setNewObjectId(commit);
            update.setExpectedOldObjectId(base == null ? ObjectId.zeroId() : base);
            update.setRefLogIdent(ident());
            update.setRefLogMessage("commit: " + firstLine(note.summary(), delta.changes()), false);
            RefUpdate.Result result = update.update();
            if (result != RefUpdate.Result.NEW && result != RefUpdate.Result.FAST_FORWARD) {
                throw new GitOpsException("Could not move " + branchRef() + " of " + directory + " to the new commit ("
                        + result + "); was the branch changed at the same time? Nothing was committed.");
            }
            if (branchRef().equals(repository.getFullBranch()) && !repository.isBare()) {
                Path root = repository.getWorkTree().toPath();
                LocalCheckout.update(repository, folder.isEmpty() ? root : root.resolve(folder), delta.changes(),
                        delta.blobs());
            }
            return new DeliveryReport(delta.changes(), commit.name(), before, folderTree(repository, commit));
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

    private void initBare(Path directory) {
        try {
            Files.createDirectories(directory);
            try (Git ignored = Git.init().setBare(true).setGitDir(directory.toFile()).setInitialBranch(branch)
                    .call()) {
                // created
            }
        } catch (IOException | GitAPIException e) {
            throw new GitOpsException("Could not create the clone " + directory + ": " + e.getMessage(), e);
        }
    }

    private static Repository open(Path workTree) throws IOException {
        return new FileRepositoryBuilder().setWorkTree(workTree.toFile()).setMustExist(true).build();
    }

    // ---- remote repository through a bare clone --------------------------------------------------------------

    private DeliveryReport syncRemote(Path workDir, SortedMap<String, String> wanted,
                                      PathScope scope, String actor, ChangeNote note)
            throws IOException {
        try (Repository repository = openClone(workDir); Git git = Git.wrap(repository)) {
            for (int attempt = 1; ; attempt++) {
                fetch(git);
                ObjectId base = tip(repository, trackingRef());
                Delta delta = delta(repository, base, contents(wanted), scope, Integer.MAX_VALUE);
                String before = folderTree(repository, base);
                if (delta.changes().isEmpty()) {
                    return new DeliveryReport(List.of(), null, before, before);
                }
                ObjectId commit = writeCommit(repository, delta, actor, note);
                RefUpdate update = repository.updateRef(branchRef());
                update.setNewObjectId(commit);
                update.setRefLogIdent(ident());
                update.setRefLogMessage("commit: " + firstLine(note.summary(), delta.changes()), false);
                RefUpdate.Result moved = update.forceUpdate();
                if (moved == RefUpdate.Result.LOCK_FAILURE || moved == RefUpdate.Result.IO_FAILURE
                        || moved == RefUpdate.Result.REJECTED) {
                    throw new GitOpsException("Could not move " + branchRef() + " in the clone " + workDir
                            + " (" + moved + ")");
                }
                beforePush.run();
                if (push(git)) {
                    return new DeliveryReport(delta.changes(), commit.name(), before, folderTree(repository, commit));
                }
                if (attempt == 2) {
                    throw new GitOpsException("Push to branch " + branch + " of " + url + " was rejected as not a"
                            + " fast-forward twice: someone else keeps pushing to it. Nothing was delivered; retry"
                            + " the sync.");
                }
            }
        }
    }

    /**
     * The bare clone in {@code directory}, made when missing; a broken one, or a working clone left by an older
     * version, is replaced (the next fetch fills it again).
     */
    private Repository openClone(Path directory) throws IOException {
        Repository repository;
        try {
            if (!RepositoryCache.FileKey.isGitRepository(directory.toFile(), FS.DETECTED)) {
                throw new IOException("no bare clone yet");
            }
            repository = new FileRepositoryBuilder().setGitDir(directory.toFile()).setBare().setMustExist(true)
                    .build();
        } catch (IOException missingOrBroken) {
            deleteRecursively(directory);
            initBare(directory);
            repository = new FileRepositoryBuilder().setGitDir(directory.toFile()).setBare().setMustExist(true)
                    .build();
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

    /**
     * The base commit and its tree, the changes inside the scope, and the blob id of every file they create or
     * update (by path from the repository root).
     */
    private record Delta(ObjectId base, ObjectId baseTree, List<ObjectChange> changes, Map<String, ObjectId> blobs) {
    }

    /**
     * @param wanted   the files by path relative to the folder
     * @param contents how many new files (in path order) the changes carry the text of; the others are changes by path
     *                 alone, without a blob (for plans only)
     */
    private Delta delta(Repository repository, ObjectId base, SortedMap<String, ? extends Supplier<String>> wanted,
                        PathScope scope, int contents) throws IOException {
        ObjectId baseTree = null;
        Map<String, Existing> existing = new HashMap<>();
        if (base != null) {
            try (ObjectReader reader = repository.newObjectReader(); RevWalk commits = new RevWalk(reader)) {
                baseTree = commits.parseCommit(base).getTree().copy();
                existing = inScope(reader, baseTree, scope, !wanted.isEmpty());
            }
        }
        String prefix = folder.isEmpty() ? "" : folder + "/";
        List<ObjectChange> changes = new ArrayList<>();
        Map<String, ObjectId> blobs = new HashMap<>();
        MessageDigest sha1 = sha1();
        int created = 0;
        for (Map.Entry<String, ? extends Supplier<String>> file : wanted.entrySet()) {
            Existing before = existing.remove(file.getKey()); // what is left at the end is no longer wanted
            if (before == null && created++ >= contents) {
                changes.add(new ObjectChange(ChangeType.CREATE, prefix + file.getKey(), null, null));
                continue;
            }
            String after = file.getValue().get();
            ObjectId blob = blobId(sha1, after.getBytes(StandardCharsets.UTF_8));
            if (before != null && FileMode.REGULAR_FILE.equals(before.mode()) && before.id().equals(blob)) {
                continue;
            }
            String path = prefix + file.getKey();
            changes.add(before == null ? new ObjectChange(ChangeType.CREATE, path, null, after)
                    : new ObjectChange(ChangeType.UPDATE, path, content(repository, before), after));
            blobs.put(path, blob);
        }
        for (Map.Entry<String, Existing> file : existing.entrySet()) {
            String path = prefix + file.getKey();
            changes.add(new ObjectChange(ChangeType.DELETE, path, content(repository, file.getValue()), null));
        }
        changes.sort(Comparator.comparing(ObjectChange::id));
        return new Delta(base, baseTree, changes, blobs);
    }

    /**
     * The files of the folder in {@code tree} that the scope accepts, by path relative to the folder. Reads the
     * trees on the way to the folder and those of its subfolders the scope may reach, nothing else.
     *
     * @param writing whether files are to be written there, so that a file standing where the folder should be fails
     */
    private Map<String, Existing> inScope(ObjectReader reader, ObjectId tree, PathScope scope, boolean writing)
            throws IOException {
        ObjectId folderTree = tree;
        if (!folder.isEmpty()) {
            try (TreeWalk walk = TreeWalk.forPath(reader, folder, tree)) {
                if (walk == null) {
                    folderTree = blockingFile(reader, tree, writing);
                } else if (!FileMode.TREE.equals(walk.getRawMode(0))) {
                    folderTree = blockingFile(reader, tree, writing);
                } else {
                    folderTree = walk.getObjectId(0);
                }
            }
        }
        Map<String, Existing> existing = new HashMap<>();
        if (folderTree == null) {
            return existing;
        }
        try (TreeWalk walk = new TreeWalk(reader)) {
            walk.addTree(folderTree);
            walk.setRecursive(false);
            while (walk.next()) {
                String path = walk.getPathString();
                if (walk.isSubtree()) {
                    if (scope.mayHold(path)) {
                        walk.enterSubtree();
                    }
                } else if (scope.test(path)) {
                    existing.put(path, new Existing(walk.getFileMode(0), walk.getObjectId(0)));
                }
            }
        }
        return existing;
    }

    /**
     * When the folder is missing from {@code tree}: null, after checking, when files are to be written, that no file
     * stands where the folder or one of its parents should be.
     */
    private ObjectId blockingFile(ObjectReader reader, ObjectId tree, boolean writing) throws IOException {
        if (!writing) {
            return null;
        }
        String path = "";
        for (String segment : folder.split("/")) {
            path = path.isEmpty() ? segment : path + "/" + segment;
            try (TreeWalk walk = TreeWalk.forPath(reader, path, tree)) {
                if (walk == null) {
                    return null;
                }
                if (!FileMode.TREE.equals(walk.getRawMode(0))) {
                    throw new GitOpsException("Cannot write into folder " + folder + " of " + url + ": " + path
                            + " is a file there, not a folder");
                }
            }
        }
        return null;
    }

    /** A commit on the base with the changes applied: only the changed blobs and the trees above them are new. */
    private ObjectId writeCommit(Repository repository, Delta delta, String actor, ChangeNote note)
            throws IOException {
        try (ObjectInserter inserter = inserter(repository, delta.changes().size());
             ObjectReader reader = repository.newObjectReader()) {
            TreePatch patch = new TreePatch();
            for (ObjectChange change : delta.changes()) {
                if (change.type() == ChangeType.DELETE) {
                    patch.delete(change.id());
                } else {
                    patch.write(change.id(), inserter.insert(Constants.OBJ_BLOB,
                            change.after().getBytes(StandardCharsets.UTF_8)));
                }
            }
            CommitBuilder commit = new CommitBuilder();
            commit.setTreeId(patch.applyTo(delta.baseTree(), reader, inserter));
            if (delta.base() != null) {
                commit.setParentId(delta.base());
            }
            PersonIdent committer = ident();
            commit.setAuthor(note.author() == null ? committer : author(note.author(), committer));
            commit.setCommitter(committer);
            commit.setEncoding(StandardCharsets.UTF_8);
            commit.setMessage(message(firstLine(note.summary(), delta.changes()), note, delta.changes(), actor));
            ObjectId id = inserter.insert(commit);
            inserter.flush();
            return id;
        }
    }

    /**
     * Where new objects go: loose objects for an ordinary change, one pack file for a large one (the first sync of a
     * fleet writes a quarter of a million blobs, which as loose files would also slow down every later lookup).
     */
    private static ObjectInserter inserter(Repository repository, int changes) {
        if (changes >= PACK_FROM && repository.getObjectDatabase() instanceof ObjectDirectory objects) {
            PackInserter pack = objects.newPackInserter();
            pack.checkExisting(false); // each miss would rescan the pack folder; a duplicate object does no harm
            return pack;
        }
        return repository.newObjectInserter();
    }

    static String message(String summary, ChangeNote note, List<ObjectChange> changes, String actor) {
        StringBuilder message = new StringBuilder(summary).append("\n\n");
        if (!note.details().isEmpty()) {
            note.details().forEach(line -> message.append(oneLine(line)).append('\n'));
            message.append('\n');
        }
        for (ObjectChange change : changes) {
            message.append(change.type().name().toLowerCase(Locale.ROOT)).append(' ').append(change.id()).append('\n');
        }
        message.append("\nRequested-by: ").append(actor).append('\n');
        if (!note.auditIds().isEmpty()) {
            message.append("Nova-Audit: ").append(String.join(", ",
                    note.auditIds().stream().map(String::valueOf).toList())).append('\n');
        }
        return message.toString();
    }

    /**
     * The person a note names as its author: their name as the platform knows it (the token's subject), and that as an
     * address under a reserved domain where it is none, since Git wants one.
     */
    private static PersonIdent author(String name, PersonIdent committer) {
        String clean = oneLine(name).replaceAll("[<>]", "");
        String email = clean.contains("@") ? clean : clean.replaceAll("\\s+", ".") + "@users.nova.invalid";
        return new PersonIdent(clean, email, committer.getWhenAsInstant(), committer.getZoneId());
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

    /** The blob id of {@code bytes}, computed with the JDK's SHA-1 (JGit's own is several times slower). */
    private static ObjectId blobId(MessageDigest sha1, byte[] bytes) {
        sha1.reset();
        sha1.update(BLOB_HEADER);
        sha1.update(Constants.encodeASCII(bytes.length));
        sha1.update((byte) 0);
        return ObjectId.fromRaw(sha1.digest(bytes));
    }

    private static MessageDigest sha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
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

    static Path filePath(String url) {
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
        boolean bad = path.isEmpty();
        for (int i = 0, segment = 0; i <= path.length() && !bad; i++) {
            char c = i < path.length() ? path.charAt(i) : '/';
            if (c == '/') {
                int length = i - segment;
                bad = length == 0 || length <= 2 && path.startsWith("..".substring(0, length), segment)
                        || length == 4 && path.regionMatches(true, segment, Constants.DOT_GIT, 0, 4);
                segment = i + 1;
            } else {
                bad = c == '\\' || Character.isISOControl(c);
            }
        }
        if (bad) {
            throw new IllegalArgumentException("Not a valid relative " + what + " path: '" + path + "'");
        }
    }

    /**
     * The given files, keyed by path relative to the folder, after checking that every path lies in the scope and
     * stays inside the folder, and that no path is both a file and a folder.
     */
    private static <V> SortedMap<String, V> checked(SortedMap<String, V> files, PathScope scope) {
        Objects.requireNonNull(files, "files");
        Set<String> folders = new HashSet<>();
        for (Map.Entry<String, V> file : files.entrySet()) {
            String path = file.getKey();
            if (!scope.test(path)) {
                throw new IllegalArgumentException(path + " lies outside the part of the folder being delivered");
            }
            checkRelativePath(path, "file");
            if (file.getValue() == null) {
                throw new IllegalArgumentException("No content given for " + path);
            }
            for (int slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) {
                folders.add(path.substring(0, slash));
            }
        }
        for (String path : files.keySet()) {
            if (folders.contains(path)) {
                throw new IllegalArgumentException(path + " is given both as a file and as a folder");
            }
        }
        return files;
    }

    private static SortedMap<String, Supplier<String>> contents(SortedMap<String, String> files) {
        var contents = new java.util.TreeMap<String, Supplier<String>>();
        files.forEach((path, text) -> contents.put(path, () -> text));
        return contents;
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }

    private static String stableHash(String text) {
        return HexFormat.of().formatHex(Sha256.digest(text), 0, 16);
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
