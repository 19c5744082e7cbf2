// The client's address (X-Forwarded-For believed only behind TRUST_PROXY hops): see lib/api/client-ip.ts.
export { clientIp, trustedProxyHops } from "@/lib/api/client-ip";
