package io.nova.platform.vault.testing;

/**
 * The token auth method at {@code auth/token/}: {@code lookup-self}, {@code renew-self} and {@code revoke-self}
 * (auth_token.mdx). Tokens are made by {@link VaultApiTestDouble#createToken} and the login endpoints.
 */
final class TokenBackend implements Backend {

    private final AccessControl access;

    TokenBackend(AccessControl access) {
        this.access = access;
    }

    @Override
    public Reply handle(Call call) {
        return switch (call.sub()) {
            case "lookup-self" -> {
                if (call.op() != Op.READ && call.op() != Op.WRITE) {
                    throw VaultError.unsupportedOperation();
                }
                yield Reply.data(call.token().lookup());
            }
            case "renew-self" -> {
                if (call.op() != Op.WRITE) {
                    throw VaultError.unsupportedOperation();
                }
                if (call.token().root()) {
                    throw VaultError.badRequest("lease is not renewable");
                }
                yield Reply.auth(access.renew(call.token()).auth());
            }
            case "revoke-self" -> {
                if (call.op() != Op.WRITE) {
                    throw VaultError.unsupportedOperation();
                }
                access.revoke(call.token());
                yield Reply.noContent();
            }
            default -> throw VaultError.unsupportedPath();
        };
    }

    @Override
    public boolean exists(Mount mount, String sub) {
        return true;
    }
}
