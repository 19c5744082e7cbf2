/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // Parallel builds (several developers' e2e runs on one machine) each use their own folder.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // `npm test` runs tsc over the whole tree once; the build need not type-check it a second time.
  typescript: { ignoreBuildErrors: true },
  // Native and wasm packages are loaded from node_modules at run time rather than bundled.
  serverExternalPackages: ["better-sqlite3", "sharp", "pg", "@prisma/schema-engine-wasm", "@prisma/adapter-better-sqlite3", "@prisma/adapter-pg"],
  experimental: {
    authInterrupts: true,
    serverActions: { bodySizeLimit: "60mb" },
  },
  // Every response (pages, APIs, assets); the pages' Content-Security-Policy is set by proxy.ts with a
  // per-request nonce. Keep in step with STATIC_SECURITY_HEADERS in lib/api/security-headers.ts.
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Frame-Options", value: "DENY" },
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "same-origin" },
          { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
        ],
      },
    ];
  },
};

export default nextConfig;
