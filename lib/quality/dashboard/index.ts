// The quality dashboard's figures for one project, all queries in parallel.
import type { Db } from "../../db/client";
import { goldAccuracy, type GoldAccuracyRow } from "../gold-accuracy";
import type { QualityFilters } from "../filters";
import { reviewerAgreement, type AgreementFigures } from "./agreement";
import { annotatorFigures, type AnnotatorRow } from "./annotators";
import { rubricMeans, type RubricRow } from "./rubric";
import { statusOverTime, type StatusDay } from "./status-over-time";
import { followUpsPerTactic, type TacticRow } from "./tactics";


export interface QualityDashboard {
  statusDays: StatusDay[];
  annotators: AnnotatorRow[];
  rubric: RubricRow[];
  gold: GoldAccuracyRow[];
  agreement: AgreementFigures;
  tactics: TacticRow[];
}

export async function loadQualityDashboard(db: Db, projectId: string, filters: QualityFilters, now = new Date()): Promise<QualityDashboard> {
  const [statusDays, annotators, rubric, gold, agreement, tactics] = await Promise.all([
    statusOverTime(db, projectId, filters, now),
    annotatorFigures(db, projectId, filters),
    rubricMeans(db, projectId, filters),
    goldAccuracy(db, projectId, filters),
    reviewerAgreement(db, projectId, filters),
    followUpsPerTactic(db, projectId, filters),
  ]);
  return { statusDays, annotators, rubric, gold, agreement, tactics };
}
