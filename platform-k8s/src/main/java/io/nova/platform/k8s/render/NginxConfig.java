package io.nova.platform.k8s.render;

import java.util.Map;

/**
 * The model gateway's nginx configuration: the main file (njs loaded, the rendered server included), the server
 * template the image's entrypoint fills in (only {@code ${NGINX_LOCAL_RESOLVERS}}), and the njs key check.
 */
final class NginxConfig {

    static final String MAIN = """
            load_module /etc/nginx/modules/ngx_http_js_module.so;
            worker_processes 1;
            pid /tmp/nginx.pid;
            error_log /dev/stderr warn;
            events {
                worker_connections 1024;
            }
            http {
                # the default log format has no request headers: keys are never logged
                access_log /dev/stdout;
                client_body_temp_path /tmp/client_body;
                proxy_temp_path /tmp/proxy;
                fastcgi_temp_path /tmp/fastcgi;
                uwsgi_temp_path /tmp/uwsgi;
                scgi_temp_path /tmp/scgi;
                client_max_body_size 32m;
                server_tokens off;
                js_path /etc/nginx/njs/;
                js_import auth from auth.js;
                include /etc/nginx/conf.d/*.conf;
            }
            """;

    /**
     * Compares the SHA-256 of the bearer token with the verifiers in {@code $nova_api_keys} (one file per key, as a
     * Secret volume lays them out; its hidden {@code ..data} entries are skipped). Read per request: a revoked key
     * stops working as soon as the Secret drops it.
     */
    static final String AUTH = """
            var fs = require('fs');
            var crypto = require('crypto');

            function verifiers(dir) {
                var known = {};
                var names;
                try {
                    names = fs.readdirSync(dir);
                } catch (e) {
                    return known;
                }
                for (var i = 0; i < names.length; i++) {
                    if (names[i].charAt(0) === '.') {
                        continue;
                    }
                    try {
                        known[fs.readFileSync(dir + '/' + names[i], 'utf8').trim()] = true;
                    } catch (e) {
                        // a file swapped away while reading: the next request reads the new set
                    }
                }
                return known;
            }

            function verify(r) {
                var header = r.headersIn['Authorization'] || '';
                var match = /^Bearer\\s+(\\S+)$/i.exec(header);
                if (!match) {
                    r.return(401);
                    return;
                }
                var digest = 'sha256:' + crypto.createHash('sha256').update(match[1]).digest('hex');
                r.return(verifiers(r.variables.nova_api_keys)[digest] ? 204 : 401);
            }

            export default { verify: verify };
            """;

    private NginxConfig() {
    }

    /** The server: {@code /<name>/v1/...} of each deployment to its in-cluster OpenAI API base, nothing else. */
    static String server(Map<String, String> upstreams) {
        var text = new StringBuilder("""
                resolver ${NGINX_LOCAL_RESOLVERS} valid=10s ipv6=off;
                server {
                    listen %d;
                    error_page 401 = @unauthorized;
                    location = /healthz {
                        access_log off;
                        return 200 "ok\\n";
                    }
                    location = /_nova_auth {
                        internal;
                        set $nova_api_keys %s;
                        js_content auth.verify;
                    }
                    location @unauthorized {
                        default_type application/json;
                        add_header WWW-Authenticate 'Bearer realm="nova"' always;
                        return 401 '{"error":{"message":"a valid API key is required (Authorization: Bearer <key>)","type":"invalid_request_error","code":"invalid_api_key"}}';
                    }
                """.formatted(ModelGatewayRenderer.PORT, ModelGatewayRenderer.KEYS_DIR));
        upstreams.forEach((name, base) -> {
            int slash = base.indexOf('/');
            String hostPort = base.substring(0, slash);
            String path = base.substring(slash);
            text.append("""
                        location /%1$s/v1/ {
                            auth_request /_nova_auth;
                            set $upstream_%2$s %3$s;
                            rewrite ^/%1$s/v1/(.*)$ %4$s/$1 break;
                            proxy_set_header Authorization "";
                            proxy_http_version 1.1;
                            proxy_buffering off;
                            proxy_read_timeout 600s;
                            proxy_pass http://$upstream_%2$s;
                        }
                    """.formatted(name, name.replace('-', '_'), hostPort, path));
        });
        text.append("""
                    location / {
                        return 404;
                    }
                }
                """);
        return text.toString();
    }
}
