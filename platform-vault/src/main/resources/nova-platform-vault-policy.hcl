# The ACL policy the Nova Platform's own Vault token needs, and no more.
#
#   vault policy write nova_platform nova-platform-vault-policy.hcl
#   then give the platform a token, AppRole or Kubernetes auth role with the policy "nova_platform".
#
# Name this policy, and the platform's own AppRole or Kubernetes login role, so that they do NOT
# start with "nova-": the platform manages "nova-admin", the tool policies "nova-tenant-<tenant>.<tool>"
# and the Kubernetes roles "nova-<tenant>.<tool>", the secret stores' "nova-tenant-<tenant>._secret-store"
# and "nova-<tenant>._secret-store" (and deletes the "nova-tenant-<tenant>" and "nova-<tenant>" of
# earlier versions), the policy and role "nova-cluster_<cluster>.<component>" of each cluster component's
# web UI (Grafana), and must not be able to rewrite its own policy or login role.
#
# Paths assume the KV mount "nova" and the Kubernetes auth method at "auth/kubernetes"
# (nova.vault.kubernetes.auth-mount); change the "auth/kubernetes/role" path if it is mounted elsewhere.

# Read the KV mount "nova" and create it (KV version 2) when missing. Only this mount: the platform
# cannot see, mount or unmount any other secrets engine.
path "sys/mounts/nova" {
  capabilities = ["create", "read", "update"]
}

# Upgrade "nova" in place if someone mounted it as KV version 1.
path "sys/mounts/nova/tune" {
  capabilities = ["read", "update"]
}

# The tenants' secrets: write each tool's OIDC client id and secret to nova/data/tenants/<t>/oidc/<tool>
# and the generated credentials to nova/data/tenants/<t>/credentials/<secret> (check-and-set, reading
# their metadata for the version), list them (nova/metadata/...) and delete a tenant's secrets with all
# versions when it is removed.
path "nova/*" {
  capabilities = ["create", "read", "update", "patch", "delete", "list"]
}

# The platform's ACL policies only: nova-admin and nova-tenant-<tenant>.<tool> (the narrowest form of
# "sys/policies/acl/nova-*"; it keeps any other nova-... policy out of the platform's reach). The
# names of all policies are listed (names only, no content) to find a tenant's policies of tools it
# no longer uses.
path "sys/policies/acl/nova-admin" {
  capabilities = ["create", "read", "update"]
}
path "sys/policies/acl/nova-tenant-*" {
  capabilities = ["create", "read", "update", "delete"]
}
# nova-cluster_<cluster>.<component>: the secret store of a cluster component's namespace reads that
# component's OIDC client (nova/data/clusters/<cluster>/oidc/<component>) and nothing else.
path "sys/policies/acl/nova-cluster_*" {
  capabilities = ["create", "read", "update", "delete"]
}
path "sys/policies/acl/" {
  capabilities = ["list"]
}

# The platform's Kubernetes auth roles only: nova-<tenant>.<tool>, each bound to one tool's service
# accounts in the tenant's namespace, and nova-cluster_<cluster>.<component>, bound to the secret store
# of the component's namespace. The role names are listed to find a tenant's roles of tools it
# no longer uses (and all of them when the tenant is suspended or removed).
path "auth/kubernetes/role/nova-*" {
  capabilities = ["create", "read", "update", "delete"]
}
path "auth/kubernetes/role/" {
  capabilities = ["list"]
}

# The OIDC provider's objects the platform owns, and nothing else of Vault's OIDC provider: other
# applications' clients (their secrets), keys and providers stay out of reach. By exact name: the
# signing key "nova", the scope "groups" and the provider "nova" (created and kept up to date, never
# deleted). By the "nova-" prefix: the assignments nova-<tenant> and nova-cluster_<cluster>, and the
# clients nova-console, nova-<tenant>.<tool> and nova-cluster_<cluster>.<component>, read to copy
# their credentials into KV. The client names are listed (names only) to find a tenant's clients.
path "identity/oidc/key/nova" {
  capabilities = ["create", "read", "update"]
}
path "identity/oidc/scope/groups" {
  capabilities = ["create", "read", "update"]
}
path "identity/oidc/provider/nova" {
  capabilities = ["create", "read", "update"]
}
path "identity/oidc/assignment/nova-*" {
  capabilities = ["create", "read", "update", "delete"]
}
path "identity/oidc/client/nova-*" {
  capabilities = ["create", "read", "update", "delete"]
}
path "identity/oidc/client/" {
  capabilities = ["list"]
}

# Resolve each tenant owner group by name to its id for the assignment, and create the group when
# it does not exist yet. No update (a group someone else made, with its policies, is never changed)
# and no delete: groups may be shared with other uses of Vault.
path "identity/group/name/*" {
  capabilities = ["create", "read"]
}

# Read-only lookup of a group by id, to turn the group ids of an assignment back into names when
# diagnosing who may log in to a tool; never changes a group.
path "identity/group/id/*" {
  capabilities = ["read"]
}

# The health check confirms that the token is still valid. (Every token's "default" policy grants
# this too; it is listed so that the policy also works for tokens created without "default".)
path "auth/token/lookup-self" {
  capabilities = ["read"]
}
