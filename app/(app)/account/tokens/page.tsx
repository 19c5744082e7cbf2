import type { Metadata } from "next";
import { getDb } from "@/lib/db/client";
import { listApiTokens } from "@/lib/auth/tokens";
import { Badge, Card, EmptyState, PageHeader } from "@/app/_components/ui";
import { requirePageUser } from "@/app/_server/session";
import { SignOutEverywhere } from "./sign-out-everywhere";
import { CreateTokenForm, RevokeTokenButton } from "./token-forms";

export const metadata: Metadata = { title: "API tokens" };

const when = (d: Date | null) => (d ? d.toISOString().replace("T", " ").slice(0, 16) + " UTC" : "never");

export default async function TokensPage() {
  const user = await requirePageUser();
  const tokens = await listApiTokens(getDb(), user.id);
  return (
    <>
      <PageHeader
        title="Personal access tokens"
        subtitle={`For the REST API (/api/v1) and scripts. A token acts as you (${user.role.toLowerCase()}), with your permissions.`}
      />
      <div className="grid gap-6 lg:grid-cols-[1fr_22rem]">
        <Card>
          {tokens.length === 0 ? (
            <EmptyState title="No tokens yet">Create one to call the API: curl -H &quot;Authorization: Bearer srt_…&quot;.</EmptyState>
          ) : (
            <table className="w-full text-left text-sm">
              <thead className="text-xs uppercase text-slate-500">
                <tr>
                  <th className="py-2">Name</th>
                  <th>Token</th>
                  <th>Created</th>
                  <th>Last used</th>
                  <th className="sr-only">Actions</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {tokens.map((t) => (
                  <tr key={t.id} data-testid={`token-${t.name}`}>
                    <td className="py-2 font-medium">{t.name}</td>
                    <td className="font-mono text-xs">{t.prefix}…</td>
                    <td>{when(t.createdAt)}</td>
                    <td>{when(t.lastUsedAt)}</td>
                    <td className="text-right">
                      {t.revokedAt ? <Badge value="REJECTED" label="revoked" /> : <RevokeTokenButton tokenId={t.id} />}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Card>
        <div className="flex flex-col gap-6">
          <Card title="New token">
            <CreateTokenForm />
          </Card>
          <Card title="Sessions">
            <SignOutEverywhere />
          </Card>
        </div>
      </div>
    </>
  );
}
