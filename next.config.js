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
};

export default nextConfig;
