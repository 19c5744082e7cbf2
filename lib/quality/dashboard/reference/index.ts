export { reviewerAgreement } from "./agreement";
export { annotatorFigures } from "./annotators";
export { rubricMeans } from "./rubric";
export { statusOverTime } from "./status-over-time";
export { followUpsPerTactic } from "./tactics";
