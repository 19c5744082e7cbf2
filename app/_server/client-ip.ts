type HeaderBag = Headers | Record<string, string | string[] | undefined>;

/** The client's address as the reverse proxy reports it; "local" when the app is reached directly. */
export function clientIp(headers: HeaderBag): string {
  const get = (name: string) => {
    const value = headers instanceof Headers ? headers.get(name) : headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  return get("x-forwarded-for")?.split(",")[0].trim() || get("x-real-ip")?.trim() || "local";
}
