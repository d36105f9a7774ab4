/** A stand-in application for a fleet that has none yet, so its targets pass their health checks. Pure. */

/** What the stand-in answers: 200 on these paths (the target group's and Route 53's checks), 404 elsewhere. */
export interface HealthResponderSpec {
    /** The port the ALB's health check connects to: the target port, or the health check's own port. */
    port: number;
    /** Paths answered with 200. */
    paths: string[];
}

/**
 * User data that runs a minimal HTTP responder from what Amazon Linux 2023 ships: python3's standard
 * library under systemd, as an unprivileged dynamic user that may bind the port and nothing else.
 * https://docs.aws.amazon.com/linux/al2023/ug/python.html
 * It proves the path from the ALB to the instance, not an application: replace it with `userData`,
 * `imageId` or a launch template of your own.
 */
export function healthResponderUserData(spec: HealthResponderSpec): string {
    const server = [
        "import http.server",
        `PATHS = ${JSON.stringify([...new Set(spec.paths)])}`,
        "class Health(http.server.BaseHTTPRequestHandler):",
        "    def do_GET(self):",
        "        ok = self.path.split('?')[0] in PATHS",
        "        body = b'ok\\n' if ok else b'no application yet\\n'",
        "        self.send_response(200 if ok else 404)",
        "        self.send_header('Content-Type', 'text/plain')",
        "        self.send_header('Content-Length', str(len(body)))",
        "        self.end_headers()",
        "        self.wfile.write(body)",
        `http.server.ThreadingHTTPServer(('', ${spec.port}), Health).serve_forever()`,
    ];
    const unit = [
        "[Unit]",
        "Description=pulumi-aws-dr health responder (no application yet)",
        "After=network-online.target",
        "[Service]",
        "ExecStart=/usr/bin/python3 /usr/local/lib/pulumi-aws-dr/health.py",
        "DynamicUser=yes",
        "AmbientCapabilities=CAP_NET_BIND_SERVICE",
        "CapabilityBoundingSet=CAP_NET_BIND_SERVICE",
        "NoNewPrivileges=yes",
        "Restart=always",
        "[Install]",
        "WantedBy=multi-user.target",
    ];
    return [
        "#!/bin/bash",
        "install -d -m 0755 /usr/local/lib/pulumi-aws-dr",
        "cat > /usr/local/lib/pulumi-aws-dr/health.py <<'PY'",
        ...server,
        "PY",
        "cat > /etc/systemd/system/pulumi-aws-dr-health.service <<'UNIT'",
        ...unit,
        "UNIT",
        "systemctl daemon-reload",
        "systemctl enable --now pulumi-aws-dr-health.service",
        "",
    ].join("\n");
}
