import type { Metadata } from "next";
import { getDb } from "@/lib/db/client";
import { plural } from "@/lib/format";
import { listEndpoints } from "@/lib/models/endpoints";
import { Card, EmptyState, PageHeader } from "@/app/_components/ui";
import { requirePageUser } from "@/app/_server/session";
import { EndpointForm, EndpointRow } from "./endpoint-forms";

export const metadata: Metadata = { title: "Models" };

export default async function ModelsPage() {
  await requirePageUser("manageModels");
  const endpoints = await listEndpoints(getDb());
  return (
    <>
      <PageHeader
        title="Models"
        subtitle={`${plural(endpoints.length, "endpoint")} · OpenAI-compatible chat-completions servers with image input (vLLM, Ollama, llama.cpp, LM Studio, OpenAI). Enable them per project in its settings.`}
      />
      <div className="grid gap-6 lg:grid-cols-[1fr_24rem]">
        <Card className="min-w-0">
          {endpoints.length === 0 ? (
            <EmptyState title="No model endpoint yet">Add one with the form: a base URL such as http://localhost:8000/v1 and the model name the server knows.</EmptyState>
          ) : (
            <ul className="divide-y divide-slate-100">
              {endpoints.map((e) => (
                <EndpointRow key={e.id} endpoint={e} />
              ))}
            </ul>
          )}
        </Card>
        <Card title="Add an endpoint" className="min-w-0">
          <EndpointForm />
        </Card>
      </div>
    </>
  );
}
