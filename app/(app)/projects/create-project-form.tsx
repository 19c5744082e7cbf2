"use client";

import { useRouter } from "next/navigation";
import { ActionForm } from "@/app/_components/action-form";
import { useActionState, useEffect, useState } from "react";
import { createProjectAction } from "@/app/_actions/projects";
import { Button, Field, FormMessage, Input } from "@/app/_components/ui";
import { slugFromName } from "@/lib/projects/slug";

export function CreateProjectForm() {
  const router = useRouter();
  const [state, action, pending] = useActionState(createProjectAction, null);
  const [name, setName] = useState("");
  // The slug follows the name until the person edits it by hand.
  const [customSlug, setCustomSlug] = useState<string | null>(null);
  const slug = customSlug ?? slugFromName(name);
  // A new success empties the form (adjusting state while rendering, as React advises, not in an effect).
  const [handled, setHandled] = useState(state);
  if (state !== handled) {
    setHandled(state);
    if (state?.ok) {
      setName("");
      setCustomSlug(null);
    }
  }
  useEffect(() => {
    const created = state?.ok ? (state.data as { slug?: string } | undefined)?.slug : undefined;
    if (created) router.push(`/projects/${created}`);
  }, [state, router]);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <ActionForm action={action} className="flex flex-col gap-3">
      <Field label="Name" htmlFor="project-name" error={errors?.name}>
        <Input id="project-name" name="name" required maxLength={120} placeholder="MM-SY pilot" value={name} onChange={(e) => setName(e.target.value)} />
      </Field>
      <Field label="Slug" htmlFor="project-slug" error={errors?.slug} hint="Used in URLs and the CLI: lowercase, digits, dashes">
        <Input
          id="project-slug"
          name="slug"
          required
          pattern="[a-z0-9][a-z0-9\-]*"
          placeholder="mm-sy-pilot"
          value={slug}
          onChange={(e) => setCustomSlug(e.target.value)}
        />
      </Field>
      <FormMessage state={state} />
      <Button type="submit" disabled={pending}>
        {pending ? "Creating…" : "Create project"}
      </Button>
    </ActionForm>
  );
}
