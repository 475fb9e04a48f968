// PM2: `pm2 start deploy/ecosystem.config.cjs` from the app's directory (after npm ci && npm run build).
// PM2 stops with SIGINT, which drains like SIGTERM; kill_timeout leaves room for SHUTDOWN_GRACE_MS.
const shared = {
  cwd: `${__dirname}/..`,
  kill_timeout: 45_000,
  autorestart: true,
  env: {
    NODE_ENV: 'production',
    LOG_LEVEL: 'info',
    SHUTDOWN_GRACE_MS: '30000',
    // API_SECRET, REDIS_URL, engine keys: set them in the environment PM2 starts from, or here.
  },
};

module.exports = {
  apps: [
    {
      ...shared,
      name: 'dispatch-studio-web',
      script: 'scripts/start.mjs',
      env: { ...shared.env, PORT: '3000', DATA_DIR: '/var/lib/dispatch-studio' },
    },
    {
      // Only with REDIS_URL set: remove this app for the embedded layout.
      ...shared,
      name: 'dispatch-studio-worker',
      script: 'lib/worker/main.ts',
      node_args: '--import tsx',
      instances: 2,
      exec_mode: 'fork',
    },
  ],
};
