import { API_CSP, SECURITY_HEADERS } from './lib/http/security-header-values.mjs';

// Server-only native and network packages stay outside the bundle so one copy is shared per process.
/** @type {import('next').NextConfig} */
const nextConfig = {
  serverExternalPackages: ['better-sqlite3', 'bullmq', 'ioredis', '@chatbotkit/sdk', 'openai', 'prom-client'],
  poweredByHeader: false,
  async headers() {
    return [
      { source: '/:path*', headers: SECURITY_HEADERS },
      { source: '/api/:path*', headers: [{ key: 'Content-Security-Policy', value: API_CSP }] },
    ];
  },
};

export default nextConfig;
