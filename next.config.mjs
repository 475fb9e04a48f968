// Server-only native and network packages stay outside the bundle so one copy is shared per process.
/** Every response: no MIME sniffing, no referrer, no framing. Pages add a nonce-based CSP in proxy.ts. */
const securityHeaders = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'no-referrer' },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=()' },
];
/** JSON and JSONL answers are never rendered as a document. */
const apiCsp = "default-src 'none'; frame-ancestors 'none'";

/** @type {import('next').NextConfig} */
const nextConfig = {
  serverExternalPackages: ['better-sqlite3', 'bullmq', 'ioredis', '@chatbotkit/sdk', 'openai', 'prom-client'],
  poweredByHeader: false,
  // `npm run typecheck` checks the whole project (tests included) once; the build need not repeat it.
  typescript: { ignoreBuildErrors: true },
  async headers() {
    return [
      { source: '/:path*', headers: securityHeaders },
      { source: '/api/:path*', headers: [{ key: 'Content-Security-Policy', value: apiCsp }] },
    ];
  },
};

export default nextConfig;
