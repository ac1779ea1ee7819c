package io.nova.platform.vault.kv;

import java.util.Map;
import java.util.Optional;

import io.nova.platform.core.identity.VaultNames;
import io.nova.platform.vault.api.VaultApi;
import io.nova.platform.vault.api.VaultApiException;
import io.nova.platform.vault.support.Changes;
import io.nova.platform.vault.support.Fields;

/** The KV version 2 secrets engine at {@code nova/} that holds the tenants' secrets. */
public final class KvMountProvisioner {

    public static final String KIND = "KV v2 mount";
    private static final String PATH = "sys/mounts/" + VaultNames.KV_MOUNT;

    private final VaultApi api;

    public KvMountProvisioner(VaultApi api) {
        this.api = api;
    }

    public void ensure(Changes changes) {
        Optional<Map<String, Object>> mount = read();
        if (mount.isEmpty()) {
            changes.create(KIND, VaultNames.KV_MOUNT);
            if (changes.writes()) {
                api.write(PATH, Map.of("type", "kv", "description", "Nova Platform: the tenants' secrets",
                        "options", Map.of("version", "2")));
            }
            return;
        }
        String type = Fields.text(mount.get().get("type"));
        if (!type.equals("kv") && !type.equals("kv-v2")) {
            throw new VaultApiException(VaultApiException.Kind.REJECTED, 0, PATH, ("The mount %s/ is a %s "
                    + "secrets engine; the platform needs a KV version 2 engine there").formatted(VaultNames.KV_MOUNT,
                    type), null);
        }
        Object options = mount.get().get("options");
        String version = options instanceof Map<?, ?> map ? Fields.text(map.get("version")) : "";
        if (type.equals("kv") && !version.equals("2")) {
            // A KV version 1 mount is upgraded in place; Vault migrates its data.
            changes.update(KIND, VaultNames.KV_MOUNT + " (upgrade from KV version 1)");
            if (changes.writes()) {
                api.write(PATH + "/tune", Map.of("options", Map.of("version", "2")));
            }
        }
    }

    /** Vault answers a missing mount with 400 rather than 404. */
    private Optional<Map<String, Object>> read() {
        try {
            return api.read(PATH);
        } catch (VaultApiException e) {
            if (e.status() == 400) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
