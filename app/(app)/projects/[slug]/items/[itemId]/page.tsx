import { notFound } from "next/navigation";
import { can } from "@/lib/auth/roles";
import { getDb } from "@/lib/db/client";
import { snapshotOf } from "@/lib/followups/editor-draft";
import { getItemForEditing } from "@/lib/followups/item-view";
import { loadEditorContext } from "@/lib/items/editor-context";
import { imageUrlForKey } from "@/lib/items/image-url";
import { renderMarkdown } from "@/lib/markdown/render";
import { listModelAnswers } from "@/lib/models/ask";
import { projectEndpoints } from "@/lib/models/endpoints";
import { commentsForAnnotator } from "@/lib/reviews/view";
import { projectTactics } from "@/lib/projects/settings";
import { ItemEditor } from "@/app/_components/editor/item-editor";
import { loadProjectPage } from "../../project-context";
import { GoldPanel } from "./gold-panel";
import { ItemHistory } from "./item-history";

export const metadata = { title: "Item" };

export default async function ItemEditorPage({ params, searchParams }: { params: Promise<{ slug: string; itemId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const [{ slug, itemId }, query] = await Promise.all([params, searchParams]);
  const { user, project } = await loadProjectPage(slug);
  const db = getDb();
  const item = await getItemForEditing(db, itemId);
  if (!item || item.projectId !== project.id) notFound();
  const mayAskModel = can(user, "askModel");
  const [context, reviewComments, endpoints, answers] = await Promise.all([
    loadEditorContext(db, project.id, item.id, item.assigneeId),
    commentsForAnnotator(db, item.id),
    mayAskModel ? projectEndpoints(db, project.id) : [],
    mayAskModel ? listModelAnswers(db, item.id) : [],
  ]);
  const { settings } = project;

  return (
    <>
      <ItemEditor
        key={item.id}
        slug={slug}
        item={snapshotOf(item)}
        settings={{
          misleadingPerItem: settings.misleadingPerItem,
          correctivePerItem: settings.correctivePerItem,
          allowedAnswerTypes: settings.allowedAnswerTypes,
          responseTemplate: settings.responseTemplate,
        }}
        tactics={projectTactics(settings)}
        guidelinesHtml={project.guidelines.trim() ? renderMarkdown(project.guidelines) : ""}
        image={{
          url: imageUrlForKey(project.id, item.asset.displayKey, "display"),
          width: item.asset.width,
          height: item.asset.height,
          name: item.asset.originalFilename,
        }}
        neighbours={context.neighbours}
        canAnnotate={can(user, "annotate")}
        me={{ id: user.id }}
        assignee={context.assignee}
        lastReview={context.lastReview && { decision: context.lastReview.decision, comment: context.lastReview.comment, reviewer: context.lastReview.reviewer.name }}
        queueMode={query.queue === "1"}
        reviewComments={reviewComments}
        models={{ endpoints: endpoints.map((e) => ({ id: e.id, name: e.name, model: e.model })), answers }}
      />
      <GoldPanel user={user} projectId={project.id} itemId={item.id} isGold={item.isGold} />
      <ItemHistory itemId={item.id} />
    </>
  );
}
