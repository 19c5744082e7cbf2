"use client";

import { useActionState, useState, useTransition } from "react";
import type { EndpointView } from "@/lib/models/endpoints";
import type { ConnectionTestResult } from "@/lib/models/test-connection";
import { createEndpointAction, deleteEndpointAction, testConnectionAction, updateEndpointAction } from "@/app/_actions/models";
import { ActionForm } from "@/app/_components/action-form";
import { Button, Field, FormMessage, Input, Textarea } from "@/app/_components/ui";

/** Add (no endpoint) or edit an endpoint. The API key field is never filled: blank keeps the stored key. */
export function EndpointForm({ endpoint, onDone }: { endpoint?: EndpointView; onDone?: () => void }) {
  const [state, action, pending] = useActionState(async (previous: unknown, data: FormData) => {
    const result = endpoint ? await updateEndpointAction(previous, data) : await createEndpointAction(previous, data);
    if (result.ok) onDone?.();
    return result;
  }, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const p = endpoint ? `edit-${endpoint.id}` : "new";
  const id = (name: string) => `${p}-${name}`;
  return (
    <ActionForm action={action} resetOn={!endpoint && state?.ok && state} className="flex flex-col gap-3" aria-label={endpoint ? `Edit ${endpoint.name}` : "Add an endpoint"}>
      {endpoint && <input type="hidden" name="endpointId" value={endpoint.id} />}
      <Field label="Name" htmlFor={id("name")} error={errors?.name}>
        <Input id={id("name")} name="name" required maxLength={80} defaultValue={endpoint?.name} placeholder="qwen2-vl-7b (local vLLM)" />
      </Field>
      <Field label="Base URL" htmlFor={id("baseUrl")} error={errors?.baseUrl} hint="Requests go to <base URL>/chat/completions">
        <Input id={id("baseUrl")} name="baseUrl" required defaultValue={endpoint?.baseUrl} placeholder="http://localhost:8000/v1" />
      </Field>
      <Field label="Model" htmlFor={id("model")} error={errors?.model}>
        <Input id={id("model")} name="model" required defaultValue={endpoint?.model} placeholder="Qwen/Qwen2-VL-7B-Instruct" />
      </Field>
      <Field label="API key" htmlFor={id("apiKey")} error={errors?.apiKey} hint={endpoint?.hasApiKey ? "A key is set: leave blank to keep it" : "Optional; stored encrypted, never shown again"}>
        <Input id={id("apiKey")} name="apiKey" type="password" autoComplete="off" placeholder={endpoint?.hasApiKey ? "key set" : ""} />
      </Field>
      {endpoint?.hasApiKey && (
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="clearApiKey" className="h-4 w-4 accent-brand-600" /> Remove the stored key
        </label>
      )}
      <div className="grid grid-cols-2 gap-3">
        <Field label="Temperature" htmlFor={id("temperature")} error={errors?.temperature}>
          <Input id={id("temperature")} name="temperature" type="number" min={0} max={2} step={0.1} defaultValue={endpoint?.temperature ?? 0} />
        </Field>
        <Field label="Max tokens" htmlFor={id("maxTokens")} error={errors?.maxTokens}>
          <Input id={id("maxTokens")} name="maxTokens" type="number" min={1} max={32768} defaultValue={endpoint?.maxTokens ?? 512} />
        </Field>
        <Field label="Timeout (ms)" htmlFor={id("timeoutMs")} error={errors?.timeoutMs}>
          <Input id={id("timeoutMs")} name="timeoutMs" type="number" min={100} max={600000} defaultValue={endpoint?.timeoutMs ?? 60000} />
        </Field>
        <Field label="Max concurrent requests" htmlFor={id("maxConcurrent")} error={errors?.maxConcurrent}>
          <Input id={id("maxConcurrent")} name="maxConcurrent" type="number" min={1} max={64} defaultValue={endpoint?.maxConcurrent ?? 4} />
        </Field>
      </div>
      <Field label="System prompt" htmlFor={id("systemPrompt")} error={errors?.systemPrompt} hint="Optional; sent first in every conversation">
        <Textarea id={id("systemPrompt")} name="systemPrompt" rows={2} maxLength={4000} defaultValue={endpoint?.systemPrompt} />
      </Field>
      <FormMessage state={state} />
      <Button type="submit" disabled={pending}>
        {endpoint ? "Save" : "Add endpoint"}
      </Button>
    </ActionForm>
  );
}

function TestResult({ result }: { result: ConnectionTestResult }) {
  if (result.ok) {
    return (
      <p role="status" data-testid="connection-result" className="rounded-lg bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
        Connected in {result.latencyMs} ms{result.model ? ` (${result.model})` : ""}. The model replied: “{result.reply}”
        {result.promptTokens !== null && ` · ${result.promptTokens + (result.completionTokens ?? 0)} tokens`}
      </p>
    );
  }
  return (
    <p role="alert" data-testid="connection-result" className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-900">
      Failed after {result.latencyMs} ms{result.httpStatus !== null ? ` (HTTP ${result.httpStatus})` : ""}: {result.message}
    </p>
  );
}

export function EndpointRow({ endpoint: e }: { endpoint: EndpointView }) {
  const [editing, setEditing] = useState(false);
  const [testing, startTest] = useTransition();
  const [result, setResult] = useState<ConnectionTestResult | { error: string } | null>(null);
  const [deleteState, deleteAction, deleting] = useActionState(deleteEndpointAction, null);
  const test = () =>
    startTest(async () => {
      setResult(null);
      const r = await testConnectionAction(null, { endpointId: e.id });
      setResult(r.ok && r.data ? r.data : { error: r.ok ? "No answer." : r.error });
    });
  return (
    <li className="flex flex-col gap-2 py-3" data-testid={`endpoint-${e.name}`}>
      <div className="flex flex-wrap items-center gap-2">
        <div className="min-w-0 flex-1">
          <p className="font-medium">{e.name}</p>
          <p className="truncate text-xs text-slate-500">
            {e.model} · {e.baseUrl} · {e.hasApiKey ? "key set" : "no key"} · temperature {e.temperature} · {e.maxConcurrent} at once · timeout {e.timeoutMs / 1000} s
          </p>
        </div>
        <Button type="button" variant="secondary" onClick={test} disabled={testing}>
          {testing ? "Testing…" : "Test connection"}
        </Button>
        <Button type="button" variant="secondary" onClick={() => setEditing(!editing)} aria-expanded={editing}>
          {editing ? "Close" : "Edit"}
        </Button>
        <form
          action={deleteAction}
          onSubmit={(event) => {
            if (!window.confirm(`Delete ${e.name}? Its stored model answers go with it.`)) event.preventDefault();
          }}
        >
          <input type="hidden" name="endpointId" value={e.id} />
          <Button type="submit" variant="danger" disabled={deleting}>
            Delete
          </Button>
        </form>
      </div>
      {result && ("error" in result ? <p role="alert" className="text-sm text-red-700">{result.error}</p> : <TestResult result={result} />)}
      <FormMessage state={deleteState && !deleteState.ok ? deleteState : null} />
      {editing && (
        <div className="rounded-lg border border-slate-200 p-3">
          <EndpointForm endpoint={e} onDone={() => setEditing(false)} />
        </div>
      )}
    </li>
  );
}
