import { notFound } from "next/navigation";
import { getDb } from "@/lib/db/client";
import { followUpContent, itemFieldsOf } from "@/lib/followups/content";
import { imageUrlForKey } from "@/lib/items/image-url";
import { loadReviewView } from "@/lib/reviews/view";
import { ReviewScreen } from "@/app/_components/review/review-screen";
import { loadProjectPage } from "../../project-context";

export const metadata = { title: "Review item · SRT Studio" };

export default async function ReviewItemPage({ params }: { params: Promise<{ slug: string; itemId: string }> }) {
  const { slug, itemId } = await params;
  const { user, project } = await loadProjectPage(slug, "review");
  const view = await loadReviewView(getDb(), itemId, user.id, project.settings);
  if (!view || view.item.projectId !== project.id) notFound();
  const { item } = view;
  return (
    <ReviewScreen
      key={item.id}
      slug={slug}
      projectId={project.id}
      item={{
        id: item.id, version: item.version, status: item.status, reviewRound: item.reviewRound, ...itemFieldsOf(item),
        followUps: item.followUps.map((f) => ({ id: f.id, ...followUpContent(f), draftOrigin: f.draftOrigin })),
      }}
      image={{ url: imageUrlForKey(project.id, item.asset.displayKey, "display"), width: item.asset.width, height: item.asset.height, name: item.asset.originalFilename }}
      responseTemplate={project.settings.responseTemplate}
      rubric={project.settings.rubric}
      issues={view.issues}
      holding={view.holding}
      isAuthor={view.isAuthor}
      reviewedThisRound={view.reviewedThisRound}
      reviews={view.reviews}
      adjudications={view.adjudications}
      diff={view.diff}
    />
  );
}
